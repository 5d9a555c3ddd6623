// The facilitator's controls for participants' own devices: a contract of its own, because opening the doors
// starts a server (asynchronous) and only the desktop app and web mode can host one — never the CLI.
import { z } from 'zod';
import type { DoorsState, NetworkAddress } from './participant.ts';
import type { Reply } from './reply.ts';

const Id = z.number().int().positive();

export const doorsInputs = {
  networkAddresses: z.strictObject({}),
  openDoors: z.strictObject({
    decisionId: Id,
    host: z.string().min(1, 'must name an address').max(64, 'must be at most 64 characters'),
    showResults: z.boolean().default(false),
    /** A fixed port (a firewall or a room's Wi-Fi rules may ask for one); by default any free port. */
    port: z.number().int('must be a whole number').min(1024, 'must be 1024 or above').max(65535, 'must be at most 65535').optional(),
  }),
  doorsState: z.strictObject({ decisionId: Id }),
  resetSeat: z.strictObject({ decisionId: Id, memberId: Id }),
  inviteLink: z.strictObject({ decisionId: Id, memberId: Id }),
  closeDoors: z.strictObject({ decisionId: Id }),
} as const;
export type DoorsMethod = keyof typeof doorsInputs;
export const doorsMethodNames = Object.keys(doorsInputs) as DoorsMethod[];

export type DoorsOutputs = {
  networkAddresses: NetworkAddress[];
  openDoors: DoorsState;
  doorsState: DoorsState | null;
  resetSeat: DoorsState;
  inviteLink: { url: string };
  closeDoors: { closed: boolean };
};

export type DoorsClient = { [M in DoorsMethod]: (input: z.input<(typeof doorsInputs)[M]>) => Promise<Reply<DoorsOutputs[M]>> };

export const isDoorsMethod = (name: string): name is DoorsMethod => Object.hasOwn(doorsInputs, name);
