// A re-vote that settles a disagreement still says there was one: each cell carries the latest earlier revealed
// round that flagged it, with that round's range, by the same rule as the results' own flag.
import { describe, expect, it } from 'vitest';
import { revotedCells, revotedSpan } from '../../shared/reasons.ts';
import { settledWorkshop } from '../adr-helpers.ts';
import { inTurn, ok, openTestService, workshop } from '../helpers.ts';

describe('cells flagged before', () => {
  it('marks the cells an earlier round flagged, settled now or not, and no other', () => {
    const s = openTestService();
    const w = settledWorkshop(s);
    const r = ok(s, 'results', { decisionId: w.decisionId });
    const cell = (o: number, c: number) => r.cells.find((x) => x.optionId === o && x.criterionId === c)!;
    // Flagged in round 1 (5, 2, 5), settled by the re-vote (5, 4, 5).
    expect(cell(w.django, w.speed)).toMatchObject({ flagged: false, flaggedBefore: { round: 1, min: 2, max: 5 } });
    expect(cell(w.flask, w.speed)).toMatchObject({ flagged: false, flaggedBefore: { round: 1, min: 1, max: 3 } });
    // Still flagged: flagged now, and before.
    expect(cell(w.flask, w.flexibility)).toMatchObject({ flagged: true, flaggedBefore: { round: 1, min: 1, max: 5 } });
    // Never flagged.
    expect(cell(w.django, w.flexibility).flaggedBefore).toBeNull();
    expect(revotedCells(r).map((x) => [x.optionId, x.criterionId, x.before, x.now, x.settled])).toEqual([
      [w.django, w.speed, { round: 1, min: 2, max: 5 }, { min: 4, max: 5 }, true],
      [w.flask, w.speed, { round: 1, min: 1, max: 3 }, { min: 3, max: 3 }, true],
    ]);
    s.close();
  });

  it('settles nothing when someone who scored the flagged cell abstains in the re-vote or stays away: the cell is left open', () => {
    for (const away of ['abstains', 'stays away'] as const) {
      const s = openTestService();
      const w = workshop(s, { criteria: ['Speed', 'Flexibility'], weights: [1, 1], members: ['Ana', 'Bo'] });
      const [, beta] = w.optionIds as [number, number];
      const [, flex] = w.criterionIds as [number, number];
      const [ana, bo] = w.memberIds as [number, number];
      ok(s, 'openRound', { decisionId: w.decisionId });
      for (const [m, dissent] of [[ana, 1], [bo, 5]] as const)
        for (const o of w.optionIds) for (const c of w.criterionIds) inTurn(s, 'castScore', { decisionId: w.decisionId, memberId: m, optionId: o, criterionId: c, score: o === beta && c === flex ? dissent : 3, why: o === beta && c === flex ? `${m} said so` : undefined });
      ok(s, 'revealRound', { decisionId: w.decisionId });
      ok(s, 'openRound', { decisionId: w.decisionId, criterionId: flex });
      for (const o of w.optionIds) inTurn(s, 'castScore', { decisionId: w.decisionId, memberId: bo, optionId: o, criterionId: flex, score: o === beta ? 5 : 3 });
      if (away === 'abstains') for (const o of w.optionIds) inTurn(s, 'castScore', { decisionId: w.decisionId, memberId: ana, optionId: o, criterionId: flex, score: o === beta ? 'abstain' : 3 });
      ok(s, 'revealRound', { decisionId: w.decisionId });
      const r = ok(s, 'results', { decisionId: w.decisionId });
      // Only Bo's 5 is left: not flagged now, but nobody settled anything.
      expect(r.cells.find((x) => x.optionId === beta && x.criterionId === flex)).toMatchObject({ flagged: false, flaggedBefore: { round: 1, min: 1, max: 5, everyoneAgain: false } });
      // Nor does it vanish: it is listed as left open.
      const [open] = revotedCells(r);
      expect(revotedCells(r), away).toHaveLength(1);
      expect(open).toMatchObject({ optionId: beta, criterionId: flex, settled: false, now: { min: 5, max: 5 } });
      expect(revotedSpan(open!)).toBe('1 to 5 in round 1; now all 5, but not everyone who scored it then scored it again');
      // Bo's reason stays with his vote; Ana's, when she abstained, stays with her abstention.
      expect(open!.reasons.map((x) => x.text)).toEqual(away === 'abstains' ? [`${bo} said so`, `${ana} said so`] : [`${bo} said so`]);
      s.close();
    }
  });

  it('takes the latest earlier round that flagged the cell, only rounds before the one shown, and only revealed ones', () => {
    const s = openTestService();
    const w = workshop(s, { criteria: ['Speed', 'Flexibility'], weights: [1, 1], members: ['Ana', 'Bo'] });
    const [django] = w.optionIds as [number, number];
    const [speed, flex] = w.criterionIds as [number, number];
    const [ana, bo] = w.memberIds as [number, number];
    const round = (criterionId: number | undefined, scores: [number, number], reveal = true) => {
      ok(s, 'openRound', { decisionId: w.decisionId, criterionId });
      for (const c of criterionId === undefined ? [speed, flex] : [criterionId]) {
        for (const o of w.optionIds) {
          inTurn(s, 'castScore', { decisionId: w.decisionId, memberId: ana, optionId: o, criterionId: c, score: o === django && c === flex ? scores[0] : 3 });
          inTurn(s, 'castScore', { decisionId: w.decisionId, memberId: bo, optionId: o, criterionId: c, score: o === django && c === flex ? scores[1] : 3 });
        }
      }
      if (reveal) ok(s, 'revealRound', { decisionId: w.decisionId });
    };
    const before = () => ok(s, 'results', { decisionId: w.decisionId }).cells.find((x) => x.optionId === django && x.criterionId === flex)!.flaggedBefore;
    round(undefined, [1, 5]);
    // The round shown is the only one: nothing before it.
    expect(before()).toBeNull();
    round(flex, [2, 5]);
    expect(before()).toEqual({ round: 1, min: 1, max: 5, everyoneAgain: true });
    round(flex, [4, 4]);
    expect(before()).toEqual({ round: 2, min: 2, max: 5, everyoneAgain: true });
    round(flex, [4, 5]);
    // Round 3 agreed: the latest round that flagged it is still round 2.
    expect(before()).toEqual({ round: 2, min: 2, max: 5, everyoneAgain: true });
    // A criterion not re-voted shows its round-1 votes: no earlier round.
    expect(ok(s, 'results', { decisionId: w.decisionId }).cells.filter((x) => x.criterionId === speed).map((x) => x.flaggedBefore)).toEqual([null, null]);
    // While a round is open there are no results at all, so its votes can say nothing.
    round(flex, [1, 5], false);
    expect(s.call('results', { decisionId: w.decisionId })).toMatchObject({ ok: false, error: { code: 'votes_hidden' } });
    s.close();
  });

  it('an anonymous decision’s settled cells carry ranges and rounds, never a name', () => {
    const s = openTestService();
    const w = settledWorkshop(s, { anonymous: true });
    const r = ok(s, 'results', { decisionId: w.decisionId });
    const settled = revotedCells(r);
    expect(settled).toHaveLength(2);
    expect(JSON.stringify(settled)).not.toMatch(/Lima|Chen|Okafor|"personId"/);
    expect(settled[0]!.reasons.map((x) => r.members[x.member]!.label).every((l) => /^Member \d$/.test(l))).toBe(true);
    s.close();
  });
});
