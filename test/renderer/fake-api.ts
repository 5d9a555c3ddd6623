// A typed fake of the api client for component tests: each test says what the methods answer.
import { vi } from 'vitest';
import type { Bridge, Input, Method, Output } from '../../shared/api.ts';
import type { Desktop } from '../../shared/desktop.ts';
import type { Reply } from '../../shared/reply.ts';

type Handlers = { [M in Method]?: (input: Input<M>) => Reply<Output<M>> | Promise<Reply<Output<M>>> };

export const calls: { method: Method; input: unknown }[] = [];
let handlers: Handlers = {};

export function answer(h: Handlers): void {
  handlers = h;
  calls.length = 0;
}

let desktop: Desktop | undefined;
/** Makes the fake look like the desktop app's bridge (or web mode's, with undefined). */
export function setDesktop(d: Desktop | undefined): void {
  desktop = d;
}

export const ok = <T>(value: T): Reply<T> => ({ ok: true, value });

/** The facilitator's doors controls: closed doors on a demo address, unless a test says otherwise. */
export const doorsAnswers: Record<string, (input: unknown) => Reply<unknown>> = {};
const fakeDoors = new Proxy({} as Bridge['doors'], {
  get: (_target, name: string) =>
    vi.fn(async (input: unknown) => {
      calls.push({ method: `doors.${name}` as Method, input });
      const h = doorsAnswers[name];
      if (h) return h(input);
      if (name === 'networkAddresses') return ok([{ address: '127.0.0.1', label: '127.0.0.1 (this computer only: a demo)' }]);
      if (name === 'doorsState') return ok(null);
      return { ok: false, error: { code: 'internal', message: `fake api: no answer for doors.${name}` } };
    }),
});

export const fakeApi = new Proxy({} as Bridge, {
  get(_target, name: string) {
    if (name === 'onChange') return () => () => {};
    if (name === 'desktop') return desktop;
    if (name === 'doors') return fakeDoors;
    return vi.fn(async (input: unknown) => {
      calls.push({ method: name as Method, input });
      const h = handlers[name as Method] as ((input: unknown) => unknown) | undefined;
      if (!h) return { ok: false, error: { code: 'internal', message: `fake api: no answer for ${name}` } };
      return h(input);
    });
  },
});
