// How many wrong join codes the participant server accepts before it stops listening to guesses.
//
// Two limits. Each address may type 5 wrong codes a minute (a burst of 5, then one every 12 s). And an address that
// has already typed a wrong code since the doors opened shares one room-wide budget of 30 a minute (a burst of 30,
// then one every 2 s) with every other such address. An address that has never typed a wrong code always gets its
// first try: so people guessing cannot keep a phone typing the right code out of the room. That first try still
// drains the room's budget, so the guessers themselves get no more through it.
//
// The odds, with the defaults below: a code is 6 characters from 31, so 31^6 = 887,503,681 codes. In T minutes
// a room of attackers gets at most 30 + 30·T guesses through the shared budget, plus one for each address they can
// use (an address is spent once it has guessed wrong; at most 1,000 are remembered, past which new addresses share
// the budget too), each a fresh code at best:
//   a 2-hour workshop, a /24 network (253 other addresses):  3,883 guesses → 1 in ~228,600 (4.4e-6)
//   a 2-hour workshop, 1,000 addresses:                       4,630 guesses → 1 in ~191,700 (5.2e-6)
//   doors left open 8 hours, 1,000 addresses:                15,430 guesses → 1 in ~57,500  (1.7e-5)
// and a lucky guess gives only what the screen shows the room anyway: the names and the free seats, on a
// server that answers only on the room's own network. One address alone gets 5 + 5·T guesses: 1 in ~1.46 million in 2 hours.
//
// A wait is a promise: an address told to wait for the room's budget has its place in it booked, so when it comes
// back after the stated seconds it is let try, whoever else polled meanwhile.
import { UserError } from '../../shared/reply.ts';

export interface TryLimits {
  /** Wrong codes one address may type a minute (and in a burst). */
  perAddress: number;
  /** Wrong codes all addresses that already guessed wrong may type together a minute (and in a burst). */
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

/** Past this many addresses, the ones whose own tries have all come back are forgotten. */
const KEEP = 1_000;
/** Addresses remembered as having guessed wrong; past this many, a new address shares the room's budget at once. */
export const REMEMBERED_GUESSERS = 1_000;

const seconds = (ms: number) => Math.ceil(ms / 1000);
const plural = (n: number) => `${n} second${n === 1 ? '' : 's'}`;

/** The limits of one open door; `now` is injected so tests need not wait a minute. */
export function tryLimiter(limits: TryLimits, now: () => number = Date.now) {
  // Each address: a leaky bucket of its own wrong tries.
  const own = new Map<string, { level: number; at: number }>();
  const ownLevel = (address: string, t: number): number => {
    const b = own.get(address);
    return b ? Math.max(0, b.level - ((t - b.at) * limits.perAddress) / 60_000) : 0;
  };
  // The room's budget as a schedule: `roomFull` is when it would be empty again; a try fits while that is at most
  // a burst's worth of intervals away. A booked place moves it on just like a try does.
  const interval = 60_000 / limits.overall;
  let roomFull = -Infinity;
  const roomFreeAt = () => roomFull - (limits.overall - 1) * interval;
  const spendRoom = (at: number) => (roomFull = Math.max(roomFull, at) + interval);
  const guessers = new Set<string>();
  /** address → when its booked place in the room's budget comes, and whether its own tries were what it waited for. */
  const booked = new Map<string, { at: number; own: boolean }>();

  /** Throws TooManyTries if this address must wait; otherwise says whether its place in the room's budget is paid already. */
  const admit = (address: string, t: number): { roomPaid: boolean } => {
    let place = booked.get(address);
    if (place && place.at <= t) return booked.delete(address), { roomPaid: true };
    if (!place) {
      const fresh = !guessers.has(address) && guessers.size < REMEMBERED_GUESSERS;
      if (fresh) return { roomPaid: false };
      const mine = t + Math.max(0, ((ownLevel(address, t) - (limits.perAddress - 1)) * 60_000) / limits.perAddress);
      const at = Math.max(mine, roomFreeAt());
      if (at <= t) return { roomPaid: false };
      if (booked.size > KEEP) for (const [a, p] of booked) if (p.at < t - 60_000) booked.delete(a);
      place = { at, own: at === mine };
      booked.set(address, place);
      spendRoom(at);
    }
    const wait = seconds(place.at - t);
    throw new TooManyTries(
      wait,
      place.own
        ? `Too many tries: wait ${plural(wait)}, then type the code again.`
        : `Too many tries: too many wrong codes were typed in this room. Wait ${plural(wait)}, or scan the QR code on the screen.`,
    );
  };

  return {
    /**
     * One typed code from this address: refused with TooManyTries while it must wait, else `right()` decides,
     * and a wrong code is counted against the address and the room.
     */
    attempt(address: string, right: () => boolean): boolean {
      const t = now();
      const { roomPaid } = admit(address, t);
      if (right()) return true;
      own.set(address, { level: ownLevel(address, t) + 1, at: t });
      if (!roomPaid) spendRoom(t);
      if (guessers.size < REMEMBERED_GUESSERS) guessers.add(address);
      if (own.size > KEEP) for (const a of [...own.keys()]) if (ownLevel(a, t) === 0) own.delete(a);
      return false;
    },
  };
}
