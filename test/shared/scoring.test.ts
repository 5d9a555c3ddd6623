import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeFlip, ranks, score, type ScoringInput } from '../../shared/scoring/index.ts';
import vectors from '../fixtures/scoring-vectors.json' with { type: 'json' };

interface Expected {
  weights: Record<string, number>;
  cells: Record<string, { n: number; mean?: number | null; median?: number | null; sd?: number | null; range?: number | null; flagged: boolean }>;
  totals: Record<string, { score: number | null; incomplete: boolean }>;
  ranking: string[];
  member_totals: Record<string, Record<string, number | null>>;
  minimal_flip: null | { winner: string; challenger: string; criterion: string; weight_now: number; weight_at_tie: number; delta_points: number; fragile: boolean };
}

const close = (actual: number | null | undefined, expected: number | null | undefined) => {
  if (expected === null || expected === undefined) expect(actual ?? null).toBeNull();
  else expect(actual).toBeCloseTo(expected, 6);
};

describe('scoring reproduces every reference vector', () => {
  it('has the 23 cases SCORING.md promises', () => expect(vectors.cases).toHaveLength(23));

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
        expect({ winner: f.winner, challenger: f.challenger, criterion: f.criterion, fragile: f.fragile }).toEqual({
          winner: e.minimal_flip.winner,
          challenger: e.minimal_flip.challenger,
          criterion: e.minimal_flip.criterion,
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
    expect(describeFlip(r.minimalFlip)).toBe(
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
        if (f === null) return;
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
