import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openService } from '../../electron/service.ts';
import { inTurn, ok, openTestService, tableCounts, tempDir, turnOf, workshop } from '../helpers.ts';

/** The worked example of SCORING.md, voted through the handlers. */
function workedExample() {
  const s = openTestService();
  const w = workshop(s);
  const [django, flask] = w.optionIds as [number, number];
  const [ana, bo] = w.memberIds as [number, number];
  const ballots: [number, number, number[]][] = [
    [ana, django, [5, 3, 4]],
    [ana, flask, [4, 5, 3]],
    [bo, django, [4, 3, 4]],
    [bo, flask, [3, 4, 4]],
  ];
  ok(s, 'openRound', { decisionId: w.decisionId });
  for (const [memberId, optionId, scores] of ballots) {
    scores.forEach((score, i) => inTurn(s, 'castScore', { decisionId: w.decisionId, memberId, optionId, criterionId: w.criterionIds[i], score, why: `reason ${score}` }));
  }
  return { s, w, django, flask, ana, bo };
}

describe('rounds and votes', () => {
  it('reproduces the worked example end to end, with the minimal flip sentence', () => {
    const { s, w, django, flask } = workedExample();
    ok(s, 'revealRound', { decisionId: w.decisionId });
    const r = ok(s, 'results', { decisionId: w.decisionId });
    expect(r.options.map((o) => [o.optionId, o.rank])).toEqual([
      [django, 1],
      [flask, 2],
    ]);
    expect(r.options[0]!.score).toBeCloseTo(3.9, 9);
    expect(r.members.map((m) => m.label)).toEqual(['Ana', 'Bo']);
    expect(r.members[0]!.totals[0]!.total).toBeCloseTo(4.1, 9);
    expect(r.minimalFlip).toMatchObject({ winnerId: django, challengerId: flask, criterionId: w.criterionIds[1], fragile: true });
    expect(r.minimalFlip!.sentence).toContain('+4.4 points on Flexibility (30 % → 34.4 %)');
    expect(r.votes).toHaveLength(12);
  });

  it('hides every value until the reveal: only who has finished shows', () => {
    const { s, w, ana } = workedExample();
    inTurn(s, 'finishBallot', { decisionId: w.decisionId, memberId: ana });
    const progress = ok(s, 'progress', { decisionId: w.decisionId })!;
    expect(progress.progress).toEqual([
      { personId: ana, name: 'Ana', done: true, filled: 6, total: 6 },
      { personId: w.memberIds[1], name: 'Bo', done: false, filled: 6, total: 6 },
    ]);
    expect(progress.scores).toBeUndefined();
    expect(s.call('results', { decisionId: w.decisionId })).toMatchObject({ ok: false, error: { code: 'votes_hidden' } });
    const detail = ok(s, 'getDecision', { decisionId: w.decisionId });
    const history = ok(s, 'history', { decisionId: w.decisionId });
    for (const text of [JSON.stringify(detail), JSON.stringify(history), JSON.stringify(progress)]) {
      expect(text).not.toMatch(/"score"|"why"|reason \d/);
    }
    // Without a turn a ballot is progress only; Ana's finished ballot, reopened in a new turn, is ● marks only.
    const bare = ok(s, 'ballot', { decisionId: w.decisionId, memberId: ana });
    expect(bare).toMatchObject({ done: true, filled: 6, total: 6, cells: [] });
    const reopened = ok(s, 'takeTurn', { decisionId: w.decisionId, memberId: ana });
    expect(reopened.ballot.cells).toHaveLength(6);
    expect(reopened.ballot.cells.every((c) => c.sealed && !('value' in c) && !('why' in c))).toBe(true);
    expect(JSON.stringify(reopened)).not.toMatch(/reason|"value"/);
    // Bo's unfinished ballot shows his values to the turn that wrote them, and to nobody else.
    const boTurn = turnOf(s, w.decisionId, w.memberIds[1]);
    expect(ok(s, 'ballot', { decisionId: w.decisionId, memberId: w.memberIds[1], turn: boTurn }).cells.map((c) => (c.sealed ? '●' : c.value))).toEqual([4, 3, 4, 3, 4, 4]);
    expect(s.call('ballot', { decisionId: w.decisionId, memberId: ana, turn: boTurn })).toMatchObject({ ok: false, error: { code: 'no_turn', field: 'turn' } });
  });

  it('refuses votes with no open round, from non-voters, off the scale, or for another decision, writing nothing', () => {
    const s = openTestService();
    const w = workshop(s);
    const other = workshop(s, { members: ['Cy'] });
    const cell = { decisionId: w.decisionId, memberId: w.memberIds[0], turn: 'A'.repeat(22), optionId: w.optionIds[0], criterionId: w.criterionIds[0] };
    expect(s.call('castScore', { ...cell, score: 3 })).toMatchObject({ ok: false, error: { code: 'round_closed' } });
    ok(s, 'openRound', { decisionId: w.decisionId });
    expect(s.call('castScore', { ...cell, score: 3 })).toMatchObject({ ok: false, error: { code: 'no_turn', field: 'turn' } });
    cell.turn = turnOf(s, w.decisionId, w.memberIds[0]);
    const informed = ok(s, 'addParticipant', { decisionId: w.decisionId, name: 'Ivy', role: 'informed' });
    const before = tableCounts(s);
    const cases: [Record<string, unknown>, string][] = [
      [{ score: 6 }, 'score'],
      [{ score: 0 }, 'score'],
      [{ score: 2.5 }, 'score'],
      [{ score: 'abstain', why: 'x'.repeat(2001) }, 'why'],
      [{ memberId: informed.personId, score: 3 }, 'memberId'],
      [{ memberId: other.memberIds[0], score: 3 }, 'memberId'],
      [{ optionId: other.optionIds[0], score: 3 }, 'optionId'],
      [{ criterionId: other.criterionIds[0], score: 3 }, 'criterionId'],
      [{ optionId: 424242, score: 3 }, 'optionId'],
      [{ score: 3, extra: true }, 'extra'],
    ];
    for (const [change, field] of cases) {
      const reply = s.call('castScore', { ...cell, ...change });
      expect(reply, JSON.stringify(change)).toMatchObject({ ok: false, error: { field } });
    }
    expect(tableCounts(s)).toEqual(before);
  });

  it('abstentions are left out and a cell nobody scored makes the option incomplete', () => {
    const s = openTestService();
    const w = workshop(s, { criteria: ['Only'], weights: [1] });
    ok(s, 'openRound', { decisionId: w.decisionId });
    inTurn(s, 'castScore', { decisionId: w.decisionId, memberId: w.memberIds[0], optionId: w.optionIds[0], criterionId: w.criterionIds[0], score: 4 });
    inTurn(s, 'castScore', { decisionId: w.decisionId, memberId: w.memberIds[1], optionId: w.optionIds[0], criterionId: w.criterionIds[0], score: 'abstain' });
    inTurn(s, 'castScore', { decisionId: w.decisionId, memberId: w.memberIds[1], optionId: w.optionIds[1], criterionId: w.criterionIds[0], score: 'abstain' });
    ok(s, 'revealRound', { decisionId: w.decisionId });
    const r = ok(s, 'results', { decisionId: w.decisionId });
    expect(r.cells[0]).toMatchObject({ n: 1, mean: 4, value: 4 });
    expect(r.options).toMatchObject([
      { optionId: w.optionIds[0], score: 4, rank: 1, incomplete: false },
      { optionId: w.optionIds[1], score: null, rank: null, incomplete: true },
    ]);
    expect(r.minimalFlip).toBeNull();
  });

  it('a re-vote of one criterion replaces only that criterion and keeps the earlier round', () => {
    const { s, w, django, flask, ana, bo } = workedExample();
    ok(s, 'revealRound', { decisionId: w.decisionId });
    const flexibility = w.criterionIds[1]!;
    const revote = ok(s, 'openRound', { decisionId: w.decisionId, criterionId: flexibility });
    expect(revote).toMatchObject({ seq: 2, criterionId: flexibility, progress: [{ total: 2 }, { total: 2 }] });
    expect(s.call('castScore', { decisionId: w.decisionId, memberId: ana, turn: turnOf(s, w.decisionId, ana, true), optionId: django, criterionId: w.criterionIds[0], score: 1 })).toMatchObject({
      ok: false,
      error: { field: 'criterionId', message: 'This round re-votes only "Flexibility", not "Productivity".' },
    });
    for (const m of [ana, bo]) {
      inTurn(s, 'castScore', { decisionId: w.decisionId, memberId: m, optionId: django, criterionId: flexibility, score: 1 });
      inTurn(s, 'castScore', { decisionId: w.decisionId, memberId: m, optionId: flask, criterionId: flexibility, score: 5 });
    }
    ok(s, 'revealRound', { decisionId: w.decisionId });
    const r = ok(s, 'results', { decisionId: w.decisionId });
    // Django 0.4*4.5 + 0.3*1 + 0.3*4 = 3.3; Flask 0.4*3.5 + 0.3*5 + 0.3*3.5 = 3.95
    expect(r.options.map((o) => o.optionId)).toEqual([flask, django]);
    expect(r.options[0]!.score).toBeCloseTo(3.95, 9);
    expect(r.roundIds).toHaveLength(2);
    expect(ok(s, 'getDecision', { decisionId: w.decisionId }).rounds.map((x) => [x.seq, x.status, x.scores?.length])).toEqual([
      [1, 'revealed', 12],
      [2, 'revealed', 4],
    ]);
  });

  it('voted weights: importance rounds set the weights, hidden until revealed', () => {
    const s = openTestService();
    const w = workshop(s, { criteria: ['A', 'B'], weights: [1, 1] });
    expect(s.call('openRound', { decisionId: w.decisionId, kind: 'weights' })).toMatchObject({ ok: false, error: { field: 'kind' } });
    ok(s, 'updateDecision', { decisionId: w.decisionId, patch: { weighting: 'voted' } });
    ok(s, 'openRound', { decisionId: w.decisionId, kind: 'weights' });
    expect(s.call('castScore', { decisionId: w.decisionId, memberId: w.memberIds[0], turn: turnOf(s, w.decisionId, w.memberIds[0]), optionId: w.optionIds[0], criterionId: w.criterionIds[0], score: 3 })).toMatchObject({
      ok: false,
      error: { field: 'score' },
    });
    const votes: [number, number, number | 'abstain'][] = [
      [0, 0, 5],
      [1, 0, 3],
      [0, 1, 1],
      [1, 1, 'abstain'],
    ];
    for (const [m, k, importance] of votes) inTurn(s, 'castImportance', { decisionId: w.decisionId, memberId: w.memberIds[m], criterionId: w.criterionIds[k], importance });
    expect(JSON.stringify(ok(s, 'getDecision', { decisionId: w.decisionId }))).not.toContain('importance"');
    ok(s, 'revealRound', { decisionId: w.decisionId });
    const r = ok(s, 'results', { decisionId: w.decisionId });
    expect(r.weights.map((x) => [x.weight, x.source])).toEqual([
      [0.8, 'voted'],
      [0.2, 'voted'],
    ]);
  });

  it('cancelling a round throws its hidden votes away; only one round is open at a time', () => {
    const { s, w } = workedExample();
    expect(s.call('openRound', { decisionId: w.decisionId })).toMatchObject({ ok: false, error: { code: 'round_open' } });
    ok(s, 'cancelRound', { decisionId: w.decisionId });
    expect(tableCounts(s).score_votes).toBe(0);
    expect(ok(s, 'progress', { decisionId: w.decisionId })).toBeNull();
  });

  it('a turn is one screen’s: a second is told the ballot is open elsewhere until it ends or lapses after 15 idle minutes', () => {
    let now = Date.parse('2026-11-23T09:00:00.000Z');
    const s = openService(join(tempDir(), 'turns.db'), { actor: 'test', clock: () => new Date(now) });
    try {
      const w = workshop(s);
      ok(s, 'openRound', { decisionId: w.decisionId });
      const [ana, bo] = w.memberIds as [number, number];
      const cell = { decisionId: w.decisionId, memberId: ana, optionId: w.optionIds[0], criterionId: w.criterionIds[0] };
      const first = ok(s, 'takeTurn', { decisionId: w.decisionId, memberId: ana });
      expect(first.expiresAt).toBe('2026-11-23T09:15:00.000Z');
      expect(s.call('takeTurn', { decisionId: w.decisionId, memberId: ana })).toMatchObject({ ok: false, error: { code: 'turn_taken', message: 'Ana’s ballot is open elsewhere (another window or tab). Open it here anyway, or finish or close it there, or wait until it times out at 09:15 UTC.', field: 'takeOver' } });
      // A screen of the same kind may take it over (a tab closed mid-ballot); what the first turn typed stays sealed to it.
      ok(s, 'castScore', { ...cell, turn: first.turn, score: 3 });
      const over = ok(s, 'takeTurn', { decisionId: w.decisionId, memberId: ana, takeOver: true });
      expect(over.ballot.cells).toEqual([{ optionId: cell.optionId, criterionId: cell.criterionId, sealed: true }]);
      expect(s.call('castScore', { ...cell, turn: first.turn, score: 5 })).toMatchObject({ ok: false, error: { code: 'no_turn' } });
      ok(s, 'endTurn', { decisionId: w.decisionId, turn: over.turn });
      const again = ok(s, 'takeTurn', { decisionId: w.decisionId, memberId: ana });
      Object.assign(first, again); // the rest of the story goes on with this new turn
      // A vote renews it.
      now += 10 * 60_000;
      ok(s, 'castScore', { ...cell, turn: first.turn, score: 4 });
      now += 10 * 60_000;
      expect(s.call('takeTurn', { decisionId: w.decisionId, memberId: ana })).toMatchObject({ ok: false, error: { code: 'turn_taken' } });
      // Fifteen minutes without a vote: the turn lapses, its holder is refused, and another screen may take it.
      now += 5 * 60_000 + 1;
      expect(s.call('castScore', { ...cell, turn: first.turn, score: 5 })).toMatchObject({ ok: false, error: { code: 'no_turn', field: 'turn' } });
      const second = ok(s, 'takeTurn', { decisionId: w.decisionId, memberId: ana });
      expect(second.ballot.cells).toEqual([{ optionId: cell.optionId, criterionId: cell.criterionId, sealed: true }]);
      // Taking Bo's turn with `release` ends Ana's in the same step; ending a spent turn is harmless.
      const boTurn = ok(s, 'takeTurn', { decisionId: w.decisionId, memberId: bo, release: second.turn });
      expect(s.call('ballot', { decisionId: w.decisionId, memberId: ana, turn: second.turn })).toMatchObject({ ok: false, error: { code: 'no_turn' } });
      expect(ok(s, 'endTurn', { decisionId: w.decisionId, turn: second.turn })).toEqual({ ended: false });
      // The reveal ends every turn.
      ok(s, 'revealRound', { decisionId: w.decisionId });
      expect(ok(s, 'endTurn', { decisionId: w.decisionId, turn: boTurn.turn })).toEqual({ ended: false });
      expect(tableCounts(s).turns).toBe(0);
    } finally {
      s.close();
    }
  });

  it('clearing a score and un-finishing a ballot', () => {
    const { s, w, ana, django } = workedExample();
    const cell = { decisionId: w.decisionId, memberId: ana, optionId: django, criterionId: w.criterionIds[0] };
    expect(inTurn(s, 'clearScore', cell).filled).toBe(5);
    expect(inTurn(s, 'finishBallot', { decisionId: w.decisionId, memberId: ana }).done).toBe(true);
    expect(inTurn(s, 'finishBallot', { decisionId: w.decisionId, memberId: ana, done: false }).done).toBe(false);
  });

  it('anonymous decisions label members "Member 1…" in results; anonymity is fixed once votes are cast', () => {
    const { s, w } = workedExample();
    expect(s.call('updateDecision', { decisionId: w.decisionId, patch: { anonymous: true } })).toMatchObject({ ok: false, error: { code: 'conflict', field: 'patch.anonymous' } });
    ok(s, 'cancelRound', { decisionId: w.decisionId });
    ok(s, 'updateDecision', { decisionId: w.decisionId, patch: { anonymous: true } });
    ok(s, 'openRound', { decisionId: w.decisionId });
    for (const m of w.memberIds) inTurn(s, 'castScore', { decisionId: w.decisionId, memberId: m, optionId: w.optionIds[0], criterionId: w.criterionIds[0], score: 3 });
    ok(s, 'revealRound', { decisionId: w.decisionId });
    expect(s.call('updateDecision', { decisionId: w.decisionId, patch: { anonymous: false } })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const r = ok(s, 'results', { decisionId: w.decisionId });
    expect(r.members.map((m) => [m.personId, m.label])).toEqual([
      [null, 'Member 1'],
      [null, 'Member 2'],
    ]);
    expect(JSON.stringify(r)).not.toMatch(/Ana|Bo\b/);
  });

  it('decide: the top option by default, another only with a reason, never while votes are hidden', () => {
    const { s, w, django, flask } = workedExample();
    expect(s.call('decide', { decisionId: w.decisionId, optionId: django, status: 'proposed' })).toMatchObject({ ok: false, error: { code: 'round_open' } });
    ok(s, 'revealRound', { decisionId: w.decisionId });
    expect(s.call('decide', { decisionId: w.decisionId, optionId: flask, status: 'accepted' })).toMatchObject({
      ok: false,
      error: { field: 'why', message: '"Flask" is not the top-ranked option ("Django" is); say why you chose it.' },
    });
    const d = ok(s, 'decide', { decisionId: w.decisionId, optionId: django, status: 'accepted' });
    expect(d).toMatchObject({ status: 'accepted', outcome: { optionId: django, rationale: '' } });
    expect(s.call('decide', { decisionId: w.decisionId, optionId: flask, status: 'proposed', why: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid_transition' } });
  });
});

describe('anonymity and what the history already said', () => {
  it('cannot be switched on after a vote was cast and cleared in a round still kept, and the reveal hides each person’s count', () => {
    const { s, w } = workedExample();
    // Every cell of the worked example is cleared: no vote is left, but the history named who filled which cell.
    for (const memberId of w.memberIds)
      for (const optionId of w.optionIds) for (const criterionId of w.criterionIds) inTurn(s, 'clearScore', { decisionId: w.decisionId, memberId, optionId, criterionId });
    expect(tableCounts(s).score_votes).toBe(0);
    expect(s.call('updateDecision', { decisionId: w.decisionId, patch: { anonymous: true } })).toMatchObject({ ok: false, error: { code: 'conflict', field: 'patch.anonymous' } });
    // A cancelled round's votes were never seen: after it, the promise may change.
    ok(s, 'cancelRound', { decisionId: w.decisionId });
    ok(s, 'updateDecision', { decisionId: w.decisionId, patch: { anonymous: true } });
    ok(s, 'openRound', { decisionId: w.decisionId });
    inTurn(s, 'castScore', { decisionId: w.decisionId, memberId: w.memberIds[0]!, optionId: w.optionIds[0]!, criterionId: w.criterionIds[0]!, score: 3 });
    for (const optionId of w.optionIds) for (const criterionId of w.criterionIds) inTurn(s, 'castScore', { decisionId: w.decisionId, memberId: w.memberIds[1]!, optionId, criterionId, score: 4 });
    inTurn(s, 'finishBallot', { decisionId: w.decisionId, memberId: w.memberIds[1]! });
    ok(s, 'revealRound', { decisionId: w.decisionId });
    const round = ok(s, 'getDecision', { decisionId: w.decisionId }).rounds.at(-1)!;
    // One cell against a full ballot would match a label's number of votes: after the reveal, only finished or not.
    expect(round.progress.map((m) => [m.done, m.filled === m.total || m.filled === 0])).toEqual([
      [false, true],
      [true, true],
    ]);
    expect(round.progress[0]!.filled).toBe(0);
  });
});
