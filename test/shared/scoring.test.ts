import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeFlip, describeLeftOut, ranks, score, type ScoringInput } from '../../shared/scoring/index.ts';
import vectors from '../fixtures/scoring-vectors.json' with { type: 'json' };

interface Expected {
  weights: Record<string, number>;
  cells: Record<string, { n: number; mean?: number | null; median?: number | null; sd?: number | null; range?: number | null; flagged: boolean }>;
  totals: Record<string, { score: number | null; incomplete: boolean }>;
  ranking: string[];
  member_totals: Record<string, Record<string, number | null>>;
  minimal_flip: null | {
    winner: string;
    challenger: string;
    criterion: string | null;
    weight_now: number | null;
    weight_at_tie: number | null;
    delta_points: number;
    tie: boolean;
    fragile: boolean;
  };
}

const close = (actual: number | null | undefined, expected: number | null | undefined) => {
  if (expected === null || expected === undefined) expect(actual ?? null).toBeNull();
  else expect(actual).toBeCloseTo(expected, 6);
};

describe('scoring reproduces every reference vector', () => {
  it('has the 25 cases SCORING.md promises', () => expect(vectors.cases).toHaveLength(25));

  for (const c of vectors.cases) {
    it(c.name, () => {
      const r = score(c.input as unknown as ScoringInput);
      const e = c.expected as unknown as Expected;
      for (const [k, w] of Object.entries(e.weights)) close(r.weights[k], w);
      for (const [key, cell] of Object.entries(e.cells)) {
        const [o, k] = key.split('|') as [string, string];
        const got = r.cells[o]![k]!;
        expect(got.n).toBe(cell.n);
        expect(got.flagged).toBe(cell.flagged);
        for (const f of ['mean', 'median', 'sd', 'range'] as const) close(got[f], cell[f]);
      }
      for (const [o, t] of Object.entries(e.totals)) {
        expect(r.totals[o]!.incomplete).toBe(t.incomplete);
        close(r.totals[o]!.score, t.score);
      }
      expect(r.ranking).toEqual(e.ranking);
      for (const [m, totals] of Object.entries(e.member_totals)) for (const [o, t] of Object.entries(totals)) close(r.memberTotals[m]![o], t);
      if (e.minimal_flip === null) expect(r.minimalFlip).toBeNull();
      else {
        const f = r.minimalFlip!;
        expect({ winner: f.winner, challenger: f.challenger, criterion: f.criterion, tie: f.tie, fragile: f.fragile }).toEqual({
          winner: e.minimal_flip.winner,
          challenger: e.minimal_flip.challenger,
          criterion: e.minimal_flip.criterion,
          tie: e.minimal_flip.tie,
          fragile: e.minimal_flip.fragile,
        });
        close(f.weightNow, e.minimal_flip.weight_now);
        close(f.weightAtTie, e.minimal_flip.weight_at_tie);
        close(f.deltaPoints, e.minimal_flip.delta_points);
      }
    });
  }
});

describe('the worked example of SCORING.md', () => {
  const input: ScoringInput = vectors.cases[0]!.input as unknown as ScoringInput;

  it('says Flexibility flips it at +4.4 points, fragile', () => {
    const r = score(input);
    expect(r.totals.Django!.score).toBeCloseTo(3.9, 9);
    expect(r.totals.Flask!.score).toBeCloseTo(3.8, 9);
    expect(describeFlip(r.minimalFlip, 2)).toBe(
      'The result is fragile: the smallest weight change that changes the winner is +4.4 points on Flexibility (30 % → 34.4 %).',
    );
  });

  it('puts the other criteria’s tie points where the example says', () => {
    const at = Object.fromEntries(score(input).flips.map((f) => [f.criterion, f.weightAtTie]));
    expect(at.Productivity).toBeCloseTo(1 / 3, 3);
    expect(at.Ecosystem).toBeCloseTo(0.125, 3);
    expect(at.Flexibility).toBeCloseTo(0.34375, 9);
  });
});

describe('general rules', () => {
  const arbitrary = fc
    .record({
      members: fc.integer({ min: 1, max: 5 }),
      options: fc.integer({ min: 2, max: 4 }),
      criteria: fc.integer({ min: 1, max: 5 }),
      seed: fc.array(fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant('abstain' as const)), { minLength: 100, maxLength: 100 }),
      weights: fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 5, maxLength: 5 }),
    })
    .map(({ members, options, criteria, seed, weights }): ScoringInput => {
      const ms = Array.from({ length: members }, (_, i) => `M${i}`);
      const os = Array.from({ length: options }, (_, i) => `O${i}`);
      const ks = Array.from({ length: criteria }, (_, i) => `K${i}`);
      let n = 0;
      const scores = Object.fromEntries(ms.map((m) => [m, Object.fromEntries(os.map((o) => [o, Object.fromEntries(ks.map((k) => [k, seed[n++ % seed.length]!]))]))]));
      return { scale: [1, 5], aggregation: 'mean', members: ms, options: os, criteria: ks, weights: Object.fromEntries(ks.map((k, i) => [k, weights[i]!])), scores };
    });

  it('scaling every weight by a constant changes no score or ranking', () => {
    fc.assert(
      fc.property(arbitrary, fc.integer({ min: 2, max: 1000 }), (input, factor) => {
        const scaled = { ...input, weights: Object.fromEntries(Object.entries(input.weights).map(([k, w]) => [k, w * factor])) };
        const a = score(input);
        const b = score(scaled);
        expect(b.ranking).toEqual(a.ranking);
        for (const o of input.options) close(b.totals[o]!.score, a.totals[o]!.score);
      }),
    );
  });

  it('with the mean, the team score is the average of complete members’ totals when nobody abstains', () => {
    fc.assert(
      fc.property(arbitrary, (input) => {
        const full = { ...input, scores: JSON.parse(JSON.stringify(input.scores).replaceAll('"abstain"', '3')) as ScoringInput['scores'] };
        const r = score(full);
        for (const o of full.options) {
          const avg = full.members.reduce((s, m) => s + r.memberTotals[m]![o]!, 0) / full.members.length;
          close(r.totals[o]!.score, avg);
        }
      }),
    );
  });

  it('weights always sum to 1, and moving a weight to its tie point really ties the two options', () => {
    fc.assert(
      fc.property(arbitrary, (input) => {
        const r = score(input);
        expect(Object.values(r.weights).reduce((s, w) => s + w, 0)).toBeCloseTo(1, 9);
        const f = r.minimalFlip;
        if (f === null || f.tie) return;
        const others = 1 - f.weightNow;
        const moved = Object.fromEntries(Object.entries(r.weights).map(([k, w]) => [k, k === f.criterion ? f.weightAtTie : others === 0 ? 0 : (w * (1 - f.weightAtTie)) / others]));
        const at = score({ ...input, weights: moved });
        close(at.totals[f.winner]!.score, at.totals[f.challenger]!.score);
      }),
    );
  });

  it('a cell nobody scored makes the option incomplete instead of counting as zero', () => {
    const r = score({ scale: [1, 5], aggregation: 'mean', members: ['A'], options: ['X', 'Y'], criteria: ['K'], weights: { K: 1 }, scores: { A: { X: { K: 'abstain' }, Y: { K: 2 } } } });
    expect(r.totals.X).toEqual({ score: null, incomplete: true });
    expect(r.ranking).toEqual(['Y']);
    expect(r.minimalFlip).toBeNull();
  });

  it('ranks equal scores (to display precision) as one place', () => {
    expect(ranks([3.9, 3.9, 3.8, 3.801])).toEqual([1, 1, 3, 3]);
  });
});

describe('the minimal flip is minimal, by brute force', () => {
  // Some zero weights (edges), abstentions (incomplete options), and often a copied option (dead heats).
  const cases = fc
    .record({
      members: fc.integer({ min: 1, max: 4 }),
      options: fc.integer({ min: 2, max: 4 }),
      criteria: fc.integer({ min: 1, max: 5 }),
      votes: fc.array(fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: 5 }) }, { weight: 1, arbitrary: fc.constant('abstain' as const) }), { minLength: 80, maxLength: 80 }),
      weights: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 5, maxLength: 5 }),
      copy: fc.boolean(),
    })
    .filter(({ weights, criteria }) => weights.slice(0, criteria).some((w) => w > 0))
    .map(({ members, options, criteria, votes, weights, copy }): ScoringInput => {
      const ms = Array.from({ length: members }, (_, i) => `M${i}`);
      const os = Array.from({ length: options }, (_, i) => `O${i}`);
      const ks = Array.from({ length: criteria }, (_, i) => `K${i}`);
      let n = 0;
      const scores = Object.fromEntries(ms.map((m) => [m, Object.fromEntries(os.map((o) => [o, Object.fromEntries(ks.map((k) => [k, votes[n++ % votes.length]!]))]))]));
      if (copy) for (const m of ms) scores[m]!.O1 = { ...scores[m]!.O0 };
      return { scale: [1, 5], aggregation: 'mean', members: ms, options: os, criteria: ks, weights: Object.fromEntries(ks.map((k, i) => [k, weights[i]!])), scores };
    });

  /** Scores with criterion k's weight moved to x and the others rescaled in proportion, as a slider does. */
  const scoresAt = (r: ReturnType<typeof score>, input: ScoringInput, k: string, x: number) => {
    const rest = 1 - r.weights[k]!;
    const w = Object.fromEntries(input.criteria.map((j) => [j, j === k ? x : (r.weights[j]! * (1 - x)) / rest]));
    return Object.fromEntries(r.ranking.map((o) => [o, input.criteria.reduce((s, j) => s + w[j]! * r.cells[o]![j]!.value!, 0)]));
  };
  const overtaken = (s: Record<string, number>, winner: string) => Object.entries(s).some(([o, v]) => o !== winner && v - s[winner]! > 1e-9);
  const grid = (from: number, to: number) => Array.from({ length: 41 }, (_, i) => from + ((to - from) * i) / 40);

  it('no weight closer to today’s lets a challenger overtake, and just past the reported weight the challenger leads', () => {
    let flips = 0;
    let ties = 0;
    let none = 0;
    fc.assert(
      fc.property(cases, (input) => {
        const r = score(input);
        const f = r.minimalFlip;
        if (r.ranking.length < 2) {
          expect(f).toBeNull();
          return;
        }
        const winner = r.ranking[0]!;
        if (f?.tie) {
          ties++;
          expect(f.deltaPoints).toBe(0);
          expect(f.fragile).toBe(true);
          close(r.totals[f.winner]!.score, r.totals[f.challenger]!.score);
          return;
        }
        expect(r.totals[winner]!.score! - r.totals[r.ranking[1]!]!.score!).toBeGreaterThan(1e-9);
        const reach = f === null ? Infinity : Math.abs(f.deltaPoints) / 100;
        for (const k of input.criteria) {
          const w = r.weights[k]!;
          if (w > 1 - 1e-12) continue; // every other weight is 0: there is no proportion to keep
          const lo = Math.max(1e-7, w - reach + 1e-7);
          const hi = Math.min(1 - 1e-7, w + reach - 1e-7);
          for (const x of grid(lo, hi)) expect(overtaken(scoresAt(r, input, k, x), winner)).toBe(false);
        }
        if (f === null) {
          none++;
          return;
        }
        flips++;
        // Strictly inside (0, 1), so there is room past it: a tie at the edge would fail here.
        const room = f.deltaPoints > 0 ? 1 - f.weightAtTie : f.weightAtTie;
        const past = f.weightAtTie + Math.sign(f.deltaPoints) * Math.min(1e-6, room / 2);
        const s = scoresAt(r, input, f.criterion, past);
        expect(s[f.challenger]!).toBeGreaterThan(s[f.winner]!);
      }),
      { numRuns: 400 },
    );
    // The generator reaches all three outcomes, or the property proves less than it says.
    expect(Math.min(flips, ties, none)).toBeGreaterThan(0);
  });
});

describe('the sensitivity sentences', () => {
  const tie = (tied: string[]) => ({ tie: true as const, winner: tied[0]!, challenger: tied[1]!, criterion: null, weightNow: null, weightAtTie: null, deltaPoints: 0 as const, fragile: true as const, tied });

  it('say a tie is a tie, naming every option level with the first', () => {
    expect(describeFlip(tie(['Django', 'Flask']), 2)).toBe('Django and Flask are tied: a change of weight on a criterion where they differ decides it.');
    expect(describeFlip(tie(['A', 'B', 'C']), 4)).toBe('A, B and C are tied: only a change of weight on a criterion where they differ can decide it.');
  });

  it('say no weight separates options scored the same on every criterion, and only then', () => {
    const cells: Record<string, Record<string, number>> = { Django: { speed: 4, fit: 2 }, Flask: { speed: 4, fit: 2 }, Pyramid: { speed: 2, fit: 4 } };
    const value = (o: string, k: string) => cells[o]![k]!;
    expect(describeFlip(tie(['Django', 'Flask']), 3, undefined, value, ['speed', 'fit'])).toBe(
      'Django and Flask are tied with the same score on every criterion: no change of weight separates them.',
    );
    // Three level, two of them the same everywhere: a weight separates Pyramid, never Django from Flask.
    expect(describeFlip(tie(['Django', 'Flask', 'Pyramid']), 3, undefined, value, ['speed', 'fit'])).toBe(
      'Django, Flask and Pyramid are tied: only a change of weight on a criterion where they differ can decide it, but none separates Django and Flask, with the same score on every criterion.',
    );
    // Level overall but different on the criteria: a weight decides it.
    cells.Flask = { speed: 2, fit: 4 };
    expect(describeFlip(tie(['Django', 'Flask']), 3, undefined, value, ['speed', 'fit'])).toBe('Django and Flask are tied: a change of weight on a criterion where they differ decides it.');
  });

  it('say "No single weight change…" only when two or more options are compared and none can overtake', () => {
    expect(describeFlip(null, 2)).toBe('No single weight change makes another option win.');
    expect(describeFlip(null, 1)).toBe('Only one option has a score on every criterion: there is nothing to compare it with.');
    expect(describeFlip(null, 0)).toBe('No option has a score on every criterion yet, so none can be compared.');
  });

  it('name an option left out and why', () => {
    expect(describeLeftOut('Pyramid', 3)).toBe('Pyramid is left out: 3 cells have no score.');
    expect(describeLeftOut('Pyramid', 1)).toBe('Pyramid is left out: 1 cell has no score.');
  });
});
