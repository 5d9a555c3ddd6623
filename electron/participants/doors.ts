// Participants' own devices: the facilitator opens "doors" for one decision on an address of their choosing,
// which starts a participant server there. Seats, invitations and tokens live only in this process, so
// closing the doors (or quitting) makes every token worthless and nothing listens any more.
import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { createAdaptorServer } from '@hono/node-server';
import { doorsInputs, isDoorsMethod, type DoorsMethod, type DoorsOutputs } from '../../shared/doors.ts';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, type DoorsState, type NetworkAddress } from '../../shared/participant.ts';
import { fail, invalidInput, UserError, type Reply } from '../../shared/reply.ts';
import { votingRoles, type DecisionDetail } from '../../shared/types.ts';
import { createContext, type Ctx } from '../context.ts';
import type { Service } from '../service.ts';
import { createParticipantApp } from './app.ts';
import { defaultTryLimits, tryLimiter, type TryLimits } from './tries.ts';

/** 128 random bits. */
export const newToken = (): string => randomBytes(16).toString('base64url');

/** The short code to type: each character drawn uniformly from the alphabet (randomInt has no modulo bias). */
export const newJoinCode = (): string => Array.from({ length: JOIN_CODE_LENGTH }, () => JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)]).join('');

/** Compares a secret in constant time, so the time taken tells nothing about how much of a guess was right. */
export function sameSecret(given: string, secret: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

const LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

export interface Workshop {
  decisionId: number;
  /** The code in the join link: lets a device see the names and take a free seat. */
  code: string;
  /** The short code on the shared screen, exchanged for `code` by typing it (rate-limited: see tries.ts). */
  joinCode: string;
  host: string;
  port: number;
  showResults: boolean;
  /** memberId → the seat token of the device holding that seat. */
  seats: Map<number, string>;
  /** seat token → memberId. */
  holders: Map<string, number>;
  /** personal invitation → memberId; each works once. */
  invites: Map<string, number>;
  /** memberId → the turn the seat holds in the open round (the seat token is what entitles it). */
  turns: Map<number, string>;
  /** The participants' own context: their votes are recorded as cast by "participant". */
  ctx: Ctx;
  close(): Promise<void>;
}

export interface DoorsOptions {
  /** The built renderer, served to participants' browsers. */
  staticDir?: string;
  /** The machine's addresses (tests pass their own). */
  addresses?: () => NetworkAddress[];
  /** Requests per second a seat may make, on average (bursts of twice that). */
  ratePerSecond?: number;
  /** The port to offer when the facilitator names none: VERDICT_DOORS_PORT, else any free one (0). */
  defaultPort?: number;
  /** Wrong join codes allowed a minute, per address and overall. */
  joinTries?: TryLimits;
  /** The clock of those limits and of the request limits (tests pass a fake one). */
  now?: () => number;
}

/** VERDICT_DOORS_PORT, checked: a fixed port for the participant server when the facilitator names none. */
export function doorsPortFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.VERDICT_DOORS_PORT?.trim();
  if (!raw) return 0;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1024 || port > 65535) fail('invalid_input', `VERDICT_DOORS_PORT must be a port from 1024 to 65535 (got "${raw}"); fix it, or unset it for any free port.`, 'port');
  return port;
}

/**
 * The machine's IPv4 addresses, loopback last; VERDICT_DOORS_ADDRESSES adds others (e.g. 127.0.0.2 for tests),
 * but only loopback ones or addresses this machine has: never a wildcard like 0.0.0.0 or ::, which would
 * open the door on every network at once.
 */
export function machineAddresses(env: NodeJS.ProcessEnv = process.env, warn: (message: string) => void = console.warn): NetworkAddress[] {
  const found: NetworkAddress[] = [];
  const own = Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((a) => a.address));
  for (const address of (env.VERDICT_DOORS_ADDRESSES ?? '').split(',').map((a) => a.trim()).filter(Boolean)) {
    if (LOOPBACK.test(address) || address === '::1' || own.includes(address)) found.push({ address, label: `${address} (from VERDICT_DOORS_ADDRESSES)` });
    else warn(`VERDICT_DOORS_ADDRESSES: ${address} is not a loopback address or an address of this computer; ignored.`);
  }
  for (const [name, list] of Object.entries(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) found.push({ address: a.address, label: `${a.address} (${name}: the room’s network)` });
  }
  return [...found, { address: '127.0.0.1', label: '127.0.0.1 (this computer only: a demo)' }];
}

export class Doors {
  private readonly workshops = new Map<number, Workshop>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly service: Service,
    private readonly options: DoorsOptions = {},
  ) {
    // The doors close with the round: at the reveal (unless results are shown), on cancel, or with the decision.
    this.unsubscribe = service.feed.subscribe((e) => {
      const w = e.decisionId === null ? undefined : this.workshops.get(e.decisionId);
      if (!w) return;
      if (e.type === 'round_cancelled' || e.type === 'decision_trashed' || e.type === 'decision_purged' || (e.type === 'round_revealed' && !w.showResults)) void this.close(w.decisionId);
    });
  }

  /** The facilitator's door onto these controls: validated like every other method. */
  async call(name: string, raw: unknown): Promise<Reply<unknown>> {
    if (!isDoorsMethod(name)) return { ok: false, error: { code: 'not_found', message: `Verdict has no method called "${name}".` } };
    const parsed = doorsInputs[name].safeParse(raw ?? {});
    if (!parsed.success) return { ok: false, error: invalidInput(parsed.error) };
    try {
      return { ok: true, value: await this.run(name, parsed.data as never) };
    } catch (e) {
      if (e instanceof UserError) return { ok: false, error: e.toJSON() };
      console.error(e);
      return { ok: false, error: { code: 'internal', message: `Verdict could not do that: ${(e as Error).message}` } };
    }
  }

  private async run<M extends DoorsMethod>(name: M, input: Record<string, never>): Promise<DoorsOutputs[M]> {
    const i = input as unknown as { decisionId: number; memberId: number; host: string; showResults: boolean; port?: number };
    const out: { [K in DoorsMethod]: () => Promise<DoorsOutputs[K]> | DoorsOutputs[K] } = {
      networkAddresses: () => this.addresses(),
      openDoors: () => this.open(i.decisionId, i.host, i.showResults, i.port ?? this.options.defaultPort ?? doorsPortFromEnv()),
      doorsState: () => this.state(i.decisionId),
      resetSeat: () => this.reset(i.decisionId, i.memberId),
      inviteLink: () => this.invite(i.decisionId, i.memberId),
      closeDoors: async () => ({ closed: await this.close(i.decisionId) }),
    };
    return out[name]() as Promise<DoorsOutputs[M]>;
  }

  addresses(): NetworkAddress[] {
    return this.options.addresses ? this.options.addresses() : machineAddresses();
  }

  workshop(decisionId: number): Workshop | undefined {
    return this.workshops.get(decisionId);
  }

  decision(decisionId: number): DecisionDetail {
    const r = this.service.call('getDecision', { decisionId });
    if (!r.ok) throw new UserError(r.error.code, r.error.message, 'decisionId');
    return r.value;
  }

  voters(decisionId: number): { memberId: number; name: string }[] {
    return this.decision(decisionId)
      .participants.filter((p) => votingRoles.includes(p.role))
      .map((p) => ({ memberId: p.personId, name: p.name }));
  }

  private async open(decisionId: number, host: string, showResults: boolean, port: number): Promise<DoorsState> {
    const d = this.decision(decisionId);
    if (!d.rounds.some((r) => r.status === 'open')) fail('round_closed', 'Open a round first: participants vote in the open round.', 'decisionId');
    const offered = this.addresses().some((a) => a.address === host) || LOOPBACK.test(host);
    if (!offered) fail('invalid_input', `${host} is not an address of this computer; choose one of ${this.addresses().map((a) => a.address).join(', ')}.`, 'host');
    const current = this.workshops.get(decisionId);
    if (current) {
      if (current.host === host && (port === 0 || current.port === port)) {
        current.showResults = showResults;
        return this.state(decisionId)!;
      }
      await this.close(decisionId);
    }
    const workshop = { decisionId, code: newToken(), joinCode: newJoinCode(), host, port: 0, showResults, seats: new Map(), holders: new Map(), invites: new Map(), turns: new Map(), ctx: createContext(this.service.ctx.db, { actor: 'participant', clock: () => new Date(this.service.ctx.now()) }) } as Omit<Workshop, 'close'> as Workshop;
    const app = createParticipantApp({
      doors: this,
      workshop,
      service: this.service,
      staticDir: this.options.staticDir,
      ratePerSecond: this.options.ratePerSecond ?? 10,
      tries: tryLimiter(this.options.joinTries ?? defaultTryLimits, this.options.now),
      now: this.options.now,
    });
    const server = createAdaptorServer({ fetch: app.fetch, serverOptions: { headersTimeout: 10_000, requestTimeout: 30_000, connectionsCheckingInterval: 2_000 } });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e: NodeJS.ErrnoException) =>
        reject(
          e.code === 'EADDRINUSE'
            ? new UserError('conflict', `Port ${port} is already in use on ${host}; choose another port, or leave it empty for any free one.`, 'port')
            : new UserError('conflict', `Could not listen on ${host} (${e.code ?? e.message}); choose another address.`, 'host'),
        ),
      );
      server.listen(port, host, () => resolve());
    });
    workshop.port = (server.address() as AddressInfo).port;
    workshop.close = () =>
      new Promise<void>((resolve) => {
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      });
    this.workshops.set(decisionId, workshop);
    return this.state(decisionId)!;
  }

  state(decisionId: number): DoorsState | null {
    const w = this.workshops.get(decisionId);
    if (!w) return null;
    const address = `http://${w.host}:${w.port}/`;
    return {
      decisionId,
      joinUrl: `${address}join#w=${w.code}`,
      address,
      joinCode: w.joinCode,
      host: w.host,
      port: w.port,
      showResults: w.showResults,
      seats: this.voters(decisionId).map((v) => ({ ...v, taken: w.seats.has(v.memberId) })),
    };
  }

  private requireOpen(decisionId: number): Workshop {
    return this.workshops.get(decisionId) ?? fail('not_found', 'The doors of this decision are not open.', 'decisionId');
  }

  private requireVoter(decisionId: number, memberId: number) {
    return this.voters(decisionId).find((v) => v.memberId === memberId) ?? fail('not_found', `Member ${memberId} does not vote in this decision.`, 'memberId');
  }

  /** Frees a seat (a lost phone): the device holding it is shut out, and the seat can be taken again. */
  private reset(decisionId: number, memberId: number): DoorsState {
    const w = this.requireOpen(decisionId);
    this.requireVoter(decisionId, memberId);
    const token = w.seats.get(memberId);
    if (token) w.holders.delete(token);
    w.seats.delete(memberId);
    this.endTurn(w, memberId);
    for (const [invite, m] of w.invites) if (m === memberId) w.invites.delete(invite);
    return this.state(decisionId)!;
  }

  /** A personal link for one member, to send them directly; it takes their seat on first use. */
  private invite(decisionId: number, memberId: number): { url: string } {
    const w = this.requireOpen(decisionId);
    this.requireVoter(decisionId, memberId);
    const invite = newToken();
    w.invites.set(invite, memberId);
    return { url: `http://${w.host}:${w.port}/join#i=${invite}` };
  }

  /** Whether a personal link sent for this member is still unused: their seat is kept for it. */
  invited(w: Workshop, memberId: number): boolean {
    return [...w.invites.values()].includes(memberId);
  }

  /**
   * Takes a seat for one device; a seat is held by one device until the facilitator resets it. A seat a personal
   * link was sent for is taken only with that link, not by picking the name.
   */
  claim(w: Workshop, memberId: number, byInvitation: boolean): string {
    const voter = this.requireVoter(w.decisionId, memberId);
    if (w.seats.has(memberId)) fail('conflict', `${voter.name}’s seat is already taken on another device. If that was not you, ask the facilitator to reset it.`, 'memberId');
    if (!byInvitation && this.invited(w, memberId))
      fail('conflict', `${voter.name}’s seat is kept for the personal link the facilitator sent: ${voter.name}, open that link. If it is lost, ask the facilitator to reset the seat.`, 'memberId');
    const seat = newToken();
    w.seats.set(memberId, seat);
    w.holders.set(seat, memberId);
    return seat;
  }

  async close(decisionId: number): Promise<boolean> {
    const w = this.workshops.get(decisionId);
    if (!w) return false;
    this.workshops.delete(decisionId);
    for (const memberId of [...w.turns.keys()]) this.endTurn(w, memberId);
    await w.close();
    return true;
  }

  /** A seat that is reset or a door that closes gives its member's ballot back to the shared screen. */
  private endTurn(w: Workshop, memberId: number): void {
    const turn = w.turns.get(memberId);
    w.turns.delete(memberId);
    // After a reveal or with a trashed decision there is no turn left to end; nothing to report.
    if (turn !== undefined) this.service.call('endTurn', { decisionId: w.decisionId, turn });
  }

  async closeAll(): Promise<void> {
    this.unsubscribe();
    await Promise.all([...this.workshops.keys()].map((id) => this.close(id)));
  }
}
