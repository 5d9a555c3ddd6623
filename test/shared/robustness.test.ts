import { describe, expect, it } from 'vitest';
import type { ScoringInput } from '../../shared/scoring/index.ts';
import { concentrationFromVotes, DEFAULT_CONCENTRATION, describeRobustness, MAX_CONCENTRATION, robustness, robustnessSteps, wholePercent } from '../../shared/scoring/robustness.ts';
import vectors from '../fixtures/scoring-vectors.json' with { type: 'json' };

const worked = vectors.cases[0]!.input as unknown as ScoringInput;
const share = (r: ReturnType<typeof robustness>, option: string) => r!.wins.find((w) => w.option === option)!.share;

/** P(X > x) for X ~ Beta(a, b), by Simpson's rule: the exact answer a one-criterion-pair case must approach. */
function betaAbove(x: number, a: number, b: number): number {
  const n = 20_000;
  const f = (t: number) => t ** (a - 1) * (1 - t) ** (b - 1);
  const integrate = (from: number, to: number) => {
    const h = (to - from) / n;
    let s = f(from) + f(to);
    for (let i = 1; i < n; i++) s += f(from + i * h) * (i % 2 ? 4 : 2);
    return (s * h) / 3;
  };
  return integrate(x, 1) / integrate(0, 1);
}

/** Options A and B on one criterion: member → [A's score, B's score]. */
const oneCriterion = (aggregation: ScoringInput['aggregation'], votes: Record<string, [number | 'abstain', number | 'abstain']>): ScoringInput => ({
  scale: [1, 5],
  aggregation,
  members: Object.keys(votes),
  options: ['A', 'B'],
  criteria: ['Speed'],
  weights: { Speed: 1 },
  scores: Object.fromEntries(Object.entries(votes).map(([m, [a, b]]) => [m, { A: { Speed: a }, B: { Speed: b } }])),
});

describe('the robustness figure', () => {
  it('comes out bit for bit the same computed in steps, however the steps interleave', () => {
    const cases = vectors.cases.map((c) => c.input as unknown as ScoringInput);
    // Every case stepped at once, one step of each in turn: no state is shared between two computations.
    const running = cases.map((input) => ({ steps: robustnessSteps(input), pauses: 0, value: undefined as ReturnType<typeof robustness> | undefined }));
    while (running.some((r) => r.value === undefined)) {
      for (const r of running) {
        if (r.value !== undefined) continue;
        const step = r.steps.next();
        if (step.done === true) r.value = step.value;
        else r.pauses++;
      }
    }
    running.forEach((r, i) => {
      expect(r.value).toEqual(robustness(cases[i]!));
      // Paused after scoring and the set-up, after each criterion's draws of each 1,000 weightings, and after each of the 1,000 resamples.
      if (r.value !== null) expect(r.pauses).toBe(2 + 10 * cases[i]!.criteria.length + 1_000);
    });
    expect(running.filter((r) => r.value !== null).length).toBeGreaterThan(10);
  });

  it('is seeded: the same decision always gets the same figure', () => {
    const a = robustness(worked);
    expect(robustness(worked)).toEqual(a);
    // Pinned, so a change of method shows up here and not as a silently different number on screen.
    expect(a!.wins).toEqual([
      { option: 'Django', share: 0.7055 },
      { option: 'Flask', share: 0.2945 },
    ]);
    expect(describeRobustness(a)).toBe('Django stays first in 71 % of 10,000 plausible weightings.');
    expect(robustness(worked, { seed: 15 })).not.toEqual(a);
  });

  it('draws weights from a Dirichlet centred on the team’s: with one voter, two criteria, the share is a Beta tail', () => {
    // A wins exactly when Speed's weight passes 1/2; Speed's weight is Beta(κ·0.6, κ·0.4).
    const input: ScoringInput = {
      scale: [1, 5],
      aggregation: 'mean',
      members: ['Ana'],
      options: ['A', 'B'],
      criteria: ['Speed', 'Docs'],
      weights: { Speed: 3, Docs: 2 },
      scores: { Ana: { A: { Speed: 5, Docs: 1 }, B: { Speed: 1, Docs: 5 } } },
    };
    const r = robustness(input, { samples: 40_000 })!;
    expect(r.concentration).toBe(DEFAULT_CONCENTRATION);
    const exact = betaAbove(0.5, DEFAULT_CONCENTRATION * 0.6, DEFAULT_CONCENTRATION * 0.4);
    // Four standard errors of a 40,000-sample share.
    expect(Math.abs(share(r, 'A') - exact)).toBeLessThan(4 * Math.sqrt((exact * (1 - exact)) / 40_000));
  });

  it('resamples the members: two voters who disagree give the bootstrap’s exact odds', () => {
    // Ana alone: A 5, B 2. Bo alone: A 1, B 3. Both: A 3, B 2.5. A wins unless Bo is drawn twice: 3 in 4.
    for (const aggregation of ['mean', 'median'] as const) {
      const r = robustness(oneCriterion(aggregation, { Ana: [5, 2], Bo: [1, 3] }))!;
      expect(r.members).toBe(2);
      // Only the resamples vary here, so they set the precision.
      expect(Math.abs(share(r, 'A') - 0.75)).toBeLessThan(4 * Math.sqrt((0.75 * 0.25) / r.resamples));
    }
  });

  it('takes the median of the drawn members when the decision says so: three voters, odds 20 in 27', () => {
    // A's scores 1, 4, 5 against B's 3 from everyone: A wins when at least two of three draws are 4 or 5.
    const p = 20 / 27;
    const r = robustness(oneCriterion('median', { Ana: [1, 3], Bo: [4, 3], Cy: [5, 3] }))!;
    expect(Math.abs(share(r, 'A') - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / r.resamples));
  });

  it('keeps a cell every drawn member abstained on at the team’s value instead of dropping the option', () => {
    // B is 5 whenever Bo is drawn, and keeps the team's 5 when only Ana is: B always wins.
    expect(share(robustness(oneCriterion('mean', { Ana: [4, 'abstain'], Bo: [4, 5] })), 'B')).toBe(1);
  });

  it('splits a dead heat evenly, names both leaders, and leaves incomplete options out', () => {
    const heat = vectors.cases.find((c) => c.name === 'dead heat for first place')!.input as unknown as ScoringInput;
    const r = robustness(heat)!;
    expect(r.leaders).toEqual(['Django', 'Flask']);
    expect(Math.abs(share(r, 'Django') - 0.5)).toBeLessThan(0.02);
    expect(describeRobustness(r)).toMatch(/^Over 10,000 plausible weightings, Django comes first in \d+ % and Flask in \d+ %\.$/);
    const partial = vectors.cases.find((c) => c.name.startsWith('a cell nobody scored'))!.input as unknown as ScoringInput;
    expect(robustness(partial)).toBeNull();
    expect(robustness({ ...worked, options: [...worked.options, 'Pyramid'] })!.wins.map((w) => w.option)).toEqual(['Django', 'Flask']);
  });

  it('sums the shares to 1 and never rounds a near-certainty to 100 %', () => {
    for (const c of vectors.cases) {
      const r = robustness(c.input as unknown as ScoringInput, { samples: 2_000 });
      if (r) expect(r.wins.reduce((s, w) => s + w.share, 0)).toBeCloseTo(1, 9);
    }
    expect(wholePercent(0.9996)).toBe('more than 99 %');
    expect(wholePercent(0.0004)).toBe('less than 1 %');
    expect(wholePercent(0.94)).toBe('94 %');
    expect(describeRobustness({ samples: 10_000, seed: 14, concentration: 30, width: 'default', weightVoters: 0, members: 1, resamples: 1000, leaders: ['A'], wins: [{ option: 'A', share: 1 }, { option: 'B', share: 0 }] })).toBe(
      'A stays first in all 10,000 plausible weightings.',
    );
  });
});

describe('the width from the members’ weight votes', () => {
  const criteria = ['Speed', 'Docs'];
  const team = { Speed: 0.5, Docs: 0.5 };

  it('matches the Dirichlet’s variance to the members’ spread around the team’s weights', () => {
    // Members at (.6, .4) and (.4, .6): mean squared distance 0.02, room 1 − Σw² = 0.5, so κ = 0.5 / 0.02 − 1 = 24.
    const width = concentrationFromVotes(criteria, team, { Ana: { Speed: 6, Docs: 4 }, Bo: { Speed: 2, Docs: 3 } })!;
    expect(width.voters).toBe(2);
    expect(width.concentration).toBeCloseTo(24, 9);
  });

  it('counts only members who rated every criterion, needs two of them, and caps a unanimous team', () => {
    expect(concentrationFromVotes(criteria, team, { Ana: { Speed: 6, Docs: 4 }, Bo: { Speed: 2, Docs: null } })).toBeNull();
    expect(concentrationFromVotes(criteria, team, { Ana: { Speed: 3, Docs: 3 }, Bo: { Speed: 1, Docs: 1 } })).toEqual({ concentration: MAX_CONCENTRATION, voters: 2 });
    expect(concentrationFromVotes(criteria, team, { Ana: { Speed: 0, Docs: 0 }, Bo: { Speed: 1, Docs: 1 }, Cy: { Speed: 1, Docs: 1 } })!.voters).toBe(2);
  });

  it('narrows the figure when the members agree on the weights', () => {
    const votes = { Ana: { Productivity: 4, Flexibility: 3, Ecosystem: 3 }, Bo: { Productivity: 4, Flexibility: 3, Ecosystem: 3 } };
    const agreed = robustness({ ...worked, members: ['Ana'], weightVotes: votes })!;
    expect(agreed.width).toBe('votes');
    expect(agreed.concentration).toBe(MAX_CONCENTRATION);
    // Ana alone, weights as voted: Django 4.1 against Flask 4.0 every time.
    expect(share(agreed, 'Django')).toBe(1);
  });
});

describe('the robustness figure on odd input', () => {
  it('survives no criteria, all-zero weights and a sample count of 0', () => {
    const none = robustness({ ...worked, criteria: [], weights: {} })!;
    expect(none.wins.map((w) => w.share)).toEqual([0.5, 0.5]);
    const zero = robustness({ ...worked, weights: { Productivity: 0, Flexibility: 0, Ecosystem: 0 } })!;
    expect(zero.wins.every((w) => Number.isFinite(w.share))).toBe(true);
    expect(robustness(worked, { samples: 0 })!.samples).toBe(1);
  });
});
