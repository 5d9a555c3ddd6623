// Ties and edges through the handlers: the Results the window, web mode, the CLI and the ADR all read.
import { describe, expect, it } from 'vitest';
import { inTurn, ok, openTestService, workshop } from '../helpers.ts';

/** Votes cast through the handlers, then revealed: member → option → one score per criterion (null abstains). */
function voted(ballots: Record<string, Record<string, (number | null)[]>>, shape: Parameters<typeof workshop>[1]) {
  const s = openTestService();
  const w = workshop(s, shape);
  const option = (name: string) => w.optionIds[shape!.options!.indexOf(name)]!;
  ok(s, 'openRound', { decisionId: w.decisionId });
  Object.entries(ballots).forEach(([member, byOption]) => {
    const memberId = w.memberIds[shape!.members!.indexOf(member)]!;
    for (const [name, scores] of Object.entries(byOption)) {
      scores.forEach((score, i) => inTurn(s, 'castScore', { decisionId: w.decisionId, memberId, optionId: option(name), criterionId: w.criterionIds[i], score: score ?? 'abstain' }));
    }
  });
  ok(s, 'revealRound', { decisionId: w.decisionId });
  return { s, w, option, results: ok(s, 'results', { decisionId: w.decisionId }) };
}

describe('a dead heat for first place', () => {
  const heat = () =>
    voted(
      { Ana: { Django: [4, 2], Flask: [2, 4] }, Bo: { Django: [4, 2], Flask: [2, 4] } },
      { options: ['Django', 'Flask'], criteria: ['Speed', 'Docs'], weights: [1, 1], members: ['Ana', 'Bo'] },
    );

  it('says no weight separates two options scored the same on every criterion (a tie weights cannot break)', () => {
    const { results } = voted(
      { Ana: { Django: [4, 2], Flask: [4, 2] }, Bo: { Django: [3, 5], Flask: [3, 5] } },
      { options: ['Django', 'Flask'], criteria: ['Speed', 'Docs'], weights: [4, 1], members: ['Ana', 'Bo'] },
    );
    expect(results.sentences.flip).toBe('Django and Flask are tied with the same score on every criterion: no change of weight separates them.');
    expect(results.minimalFlip!.sentence).toBe(results.sentences.flip);
  });

  it('reads as a tie with a change of 0, fragile, never as robust', () => {
    const { results, option } = heat();
    expect(results.minimalFlip).toMatchObject({ tie: true, tiedIds: [option('Django'), option('Flask')], criterionId: null, deltaPoints: 0, fragile: true });
    expect(results.sentences.flip).toBe('Django and Flask are tied: a change of weight on a criterion where they differ decides it.');
    expect(results.minimalFlip!.sentence).toBe(results.sentences.flip);
    expect(results.options.map((o) => o.rank)).toEqual([1, 1]);
  });

  it('is not decided without a reason, whichever tied option is chosen', () => {
    const { s, w, option } = heat();
    for (const name of ['Django', 'Flask']) {
      expect(s.call('decide', { decisionId: w.decisionId, optionId: option(name), status: 'accepted' })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', field: 'why', message: `"Django" and "Flask" are tied for first place; say why you chose "${name}".` },
      });
    }
    expect(ok(s, 'decide', { decisionId: w.decisionId, optionId: option('Flask'), status: 'accepted', why: 'Docs matter more to us' }).outcome.rationale).toBe('Docs matter more to us');
  });
});

describe('edges and incomplete options', () => {
  it('does not report a tie reached only at 0 % as the flip', () => {
    const { results, w } = voted(
      { Ana: { P: [1, 4, 1], Q: [5, 3, 3], R: [1, 3, 3] } },
      { options: ['P', 'Q', 'R'], criteria: ['Speed', 'Docs', 'Cost'], weights: [1, 2, 2], members: ['Ana'] },
    );
    // R only draws level with Q at Speed = 0 %; P overtakes when Docs reaches 72.7 %.
    expect(results.minimalFlip).toMatchObject({ tie: false, criterionId: w.criterionIds[1], fragile: false });
    expect(results.minimalFlip!.weightAtTie).toBeCloseTo(0.727272727, 6);
    expect(results.sentences.flip).toBe('The result is robust: the smallest weight change that changes the winner is +32.7 points on Docs (40 % → 72.7 %).');
  });

  it('searches the flip among the complete options and names the ones left out', () => {
    const { results, option } = voted(
      { Ana: { Django: [4, 3], Flask: [3, 5], Pyramid: [null, null] }, Bo: { Django: [4, 3], Flask: [3, 4], Pyramid: [null, 5] } },
      { options: ['Django', 'Flask', 'Pyramid'], criteria: ['Speed', 'Docs'], weights: [3, 1], members: ['Ana', 'Bo'] },
    );
    expect(results.options.find((o) => o.optionId === option('Pyramid'))).toMatchObject({ incomplete: true, rank: null });
    expect(results.sentences.leftOut).toEqual(['Pyramid is left out: 1 cell has no score.']);
    expect(results.minimalFlip).toMatchObject({ winnerId: option('Django'), challengerId: option('Flask'), tie: false });
    expect(results.sentences.flip).toMatch(/^The result is (fragile|robust): the smallest weight change/);
  });

  it('says there is nothing to compare when only one option is complete, and no flip when none can win', () => {
    const one = voted({ Ana: { Django: [4], Flask: [null] } }, { options: ['Django', 'Flask'], criteria: ['Speed'], weights: [1], members: ['Ana'] }).results;
    expect(one.minimalFlip).toBeNull();
    expect(one.sentences.leftOut).toEqual(['Flask is left out: 1 cell has no score.']);
    expect(one.sentences.flip).toBe('Only one option has a score on every criterion: there is nothing to compare it with.');
    const dominated = voted({ Ana: { Django: [5, 5], Flask: [1, 1] } }, { options: ['Django', 'Flask'], criteria: ['Speed', 'Docs'], weights: [1, 1], members: ['Ana'] }).results;
    expect(dominated.minimalFlip).toBeNull();
    expect(dominated.sentences.flip).toBe('No single weight change makes another option win.');
  });
});

describe('the robustness figure through the handlers', () => {
  it('comes with the results, the same on every read, in the sentence every door shows', () => {
    const { s, w, option, results } = voted(
      { Ana: { Django: [5, 3, 4], Flask: [4, 5, 3] }, Bo: { Django: [4, 3, 4], Flask: [3, 4, 4] } },
      { options: ['Django', 'Flask'], criteria: ['Productivity', 'Flexibility', 'Ecosystem'], weights: [4, 3, 3], members: ['Ana', 'Bo'] },
    );
    expect(results.robustness).toMatchObject({ samples: 10_000, width: 'default', members: 2, leaderIds: [option('Django')] });
    expect(results.robustness!.wins.map((x) => x.optionId)).toEqual([option('Django'), option('Flask')]);
    expect(results.sentences.robustness).toBe('Django stays first in 71 % of 10,000 plausible weightings.');
    expect(ok(s, 'results', { decisionId: w.decisionId })).toEqual(results);
  });

  it('takes its width from the members’ own weight votes when the team voted weights', () => {
    const s = openTestService();
    const w = workshop(s, { options: ['Django', 'Flask'], criteria: ['Speed', 'Docs'], weights: [1, 1], members: ['Ana', 'Bo'] });
    ok(s, 'updateDecision', { decisionId: w.decisionId, patch: { weighting: 'voted' } });
    ok(s, 'openRound', { decisionId: w.decisionId, kind: 'weights' });
    const importances: [number, number, number][] = [
      [0, 0, 3],
      [0, 1, 2],
      [1, 0, 2],
      [1, 1, 3],
    ];
    for (const [m, k, importance] of importances) inTurn(s, 'castImportance', { decisionId: w.decisionId, memberId: w.memberIds[m], criterionId: w.criterionIds[k], importance });
    ok(s, 'revealRound', { decisionId: w.decisionId });
    ok(s, 'openRound', { decisionId: w.decisionId });
    for (const m of w.memberIds) {
      inTurn(s, 'castScore', { decisionId: w.decisionId, memberId: m, optionId: w.optionIds[0], criterionId: w.criterionIds[0], score: 5 });
      inTurn(s, 'castScore', { decisionId: w.decisionId, memberId: m, optionId: w.optionIds[0], criterionId: w.criterionIds[1], score: 2 });
      inTurn(s, 'castScore', { decisionId: w.decisionId, memberId: m, optionId: w.optionIds[1], criterionId: w.criterionIds[0], score: 3 });
      inTurn(s, 'castScore', { decisionId: w.decisionId, memberId: m, optionId: w.optionIds[1], criterionId: w.criterionIds[1], score: 3 });
    }
    ok(s, 'revealRound', { decisionId: w.decisionId });
    const r = ok(s, 'results', { decisionId: w.decisionId });
    // Members at (.6, .4) and (.4, .6) around the team's (.5, .5): κ = 0.5 / 0.02 − 1 = 24.
    expect(r.robustness).toMatchObject({ width: 'votes', weightVoters: 2 });
    expect(r.robustness!.concentration).toBeCloseTo(24, 9);
  });
});
