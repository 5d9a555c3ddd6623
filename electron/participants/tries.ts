// How many wrong join codes the participant server accepts before it stops listening to guesses.
//
// The odds, with the defaults below: a code is 6 characters from 31, so 31^6 = 887,503,681 codes. Every wrong
// try, from any address, drains one shared budget of 30 a minute (a burst of 30, then one every 2 s), so in
// T minutes a room of attackers gets at most 30 + 30·T guesses, each a fresh code at best:
//   a 2-hour workshop:        3,630 guesses → 1 in ~244,000 (4.1e-6)
//   doors left open 8 hours: 14,430 guesses → 1 in ~61,500  (1.6e-5)
// and a lucky guess gives only what the screen shows the room anyway: the names and the free seats, on a
// server that answers only on the room's own network. One address alone gets 5 + 5·T guesses: 1 in ~1.46 million in 2 hours.
// The price of the shared budget: someone guessing can make the room wait a minute to type the code; the QR code
// and the link keep working meanwhile.
import { UserError } from '../../shared/reply.ts';

export interface TryLimits {
  /** Wrong codes one address may type a minute (and in a burst). */
  perAddress: number;
  /** Wrong codes all addresses together may type a minute: many addresses cannot guess faster than this. */
  overall: number;
}

export const defaultTryLimits: TryLimits = { perAddress: 5, overall: 30 };

/** A refusal that says how long to wait: the participant door answers it with 429 and Retry-After. */
export class TooManyTries extends UserError {
  constructor(
    readonly waitSeconds: number,
    message: string,
  ) {
    super('rate_limited', message);
  }
}

const EVERYONE = '*';
/** Past this many addresses, the ones whose tries have all come back are forgotten. */
const KEEP = 1_000;

/** Leaky buckets of wrong tries, per address and for everyone; `now` is injected so tests need not wait a minute. */
export function tryLimiter(limits: TryLimits, now: () => number = Date.now) {
  const spent = new Map<string, { level: number; at: number }>();
  const level = (key: string, perMinute: number, t: number): number => {
    const b = spent.get(key);
    return b ? Math.max(0, b.level - ((t - b.at) * perMinute) / 60_000) : 0;
  };
  /** Milliseconds until one more try fits under `perMinute`. */
  const waitMs = (key: string, perMinute: number, t: number): number => Math.max(0, ((level(key, perMinute, t) - (perMinute - 1)) * 60_000) / perMinute);
  const spend = (key: string, perMinute: number, t: number) => spent.set(key, { level: level(key, perMinute, t) + 1, at: t });

  return {
    /** Refuses a try from this address while it, or everyone together, has used up the wrong tries. */
    check(address: string): void {
      const t = now();
      const mine = waitMs(`address:${address}`, limits.perAddress, t);
      const all = waitMs(EVERYONE, limits.overall, t);
      if (mine === 0 && all === 0) return;
      const seconds = Math.ceil(Math.max(mine, all) / 1000);
      throw new TooManyTries(
        seconds,
        mine >= all
          ? `Too many tries: wait ${seconds} second${seconds === 1 ? '' : 's'}, then type the code again.`
          : `Too many tries: too many wrong codes were typed in this room. Wait ${seconds} second${seconds === 1 ? '' : 's'}, or scan the QR code on the screen.`,
      );
    },
    /** Counts a wrong code against this address and everyone. */
    failed(address: string): void {
      const t = now();
      spend(`address:${address}`, limits.perAddress, t);
      spend(EVERYONE, limits.overall, t);
      if (spent.size > KEEP) for (const key of [...spent.keys()]) if (key !== EVERYONE && level(key, limits.perAddress, t) === 0) spent.delete(key);
    },
  };
}
