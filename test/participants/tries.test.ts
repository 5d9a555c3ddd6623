// The join code's limits under a siege, on a fake clock: guessers polling from several addresses neither keep the
// room's phones out nor get more guesses than tries.ts promises, and every wait they are told is kept.
import { describe, expect, it } from 'vitest';
import { defaultTryLimits, TooManyTries, tryLimiter } from '../../electron/participants/tries.ts';

/** A small seeded generator: the same "random" moments every run. */
function seeded(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 2 ** 32;
  };
}

describe('the join code limits', () => {
  it('12 addresses guessing every 250 ms for 10 minutes: all 60 phones typing the right code get in, the guessers stay within 30 + 30·T + one per address, and each stated wait is kept', () => {
    const clock = { t: 0 };
    const tries = tryLimiter(defaultTryLimits, () => clock.t);
    const attackers = Array.from({ length: 12 }, (_, i) => `10.0.9.${i + 1}`);
    const random = seeded(15);
    const phones = Array.from({ length: 60 }, (_, i) => ({ address: `10.0.8.${i + 1}`, at: Math.floor(random() * 40 * 60) * 250 })).sort((a, b) => a.at - b.at);
    const minutes = 10;
    let guesses = 0;
    let phonesIn = 0;
    /** attacker → when it was told it may try again. */
    const promised = new Map<string, number>();
    const broken: string[] = [];
    for (clock.t = 0; clock.t < minutes * 60_000; clock.t += 250) {
      for (const a of attackers) {
        try {
          tries.attempt(a, () => false);
          guesses++;
          promised.delete(a);
        } catch (e) {
          if (!(e instanceof TooManyTries)) throw e;
          const due = promised.get(a);
          if (due !== undefined && clock.t >= due) broken.push(`${a} was told it could try at ${due} ms, refused at ${clock.t} ms`);
          if (due === undefined) promised.set(a, clock.t + e.waitSeconds * 1000);
        }
      }
      for (const phone of phones.filter((p) => p.at === clock.t)) if (tries.attempt(phone.address, () => true)) phonesIn++;
    }
    expect(phonesIn).toBe(60);
    expect(broken).toEqual([]);
    expect(guesses).toBeLessThanOrEqual(defaultTryLimits.overall * (1 + minutes) + attackers.length);
    // The guessers do get the budget: the limit is what holds them, not luck.
    expect(guesses).toBeGreaterThan(defaultTryLimits.overall * minutes);
  });

  it('an address told to wait for its own tries gets its try after that wait, even while the room is busy', () => {
    const clock = { t: 0 };
    const tries = tryLimiter({ perAddress: 5, overall: 30 }, () => clock.t);
    for (let i = 0; i < 5; i++) expect(tries.attempt('10.0.0.1', () => false)).toBe(false);
    let wait = 0;
    try {
      tries.attempt('10.0.0.1', () => true);
    } catch (e) {
      wait = (e as TooManyTries).waitSeconds;
    }
    expect(wait).toBe(12);
    // Others use up the room's budget meanwhile.
    for (let i = 0; i < 60; i++) expect(() => tries.attempt(`10.0.1.${i}`, () => false)).not.toThrow();
    clock.t += wait * 1000;
    expect(tries.attempt('10.0.0.1', () => true)).toBe(true);
  });
});
