// Reasons survive a re-vote: the member's own earlier reason in their ballot (with their turn only), and in the
// results for a member who wrote nothing new; in an anonymous decision, never with a name.
import { describe, expect, it } from 'vitest';
import { renderers, profiles } from '../../shared/adr/render.ts';
import type { Service } from '../../electron/service.ts';
import { inTurn, ok, openTestService, turnOf, workshop } from '../helpers.ts';

const ANA_WHY = 'We would rebuild the admin\nand the auth ourselves';
const BO_WHY = 'Werkzeug lets us pick every piece';

/** Round 1 with reasons on Flask × Flexibility (flagged) and one on Django × Speed, revealed; then a re-vote of Flexibility opened. */
function revote({ anonymous = false } = {}) {
  const s = openTestService();
  const d = ok(s, 'createDecision', { title: 'Pick a framework' });
  if (anonymous) ok(s, 'updateDecision', { decisionId: d.id, patch: { anonymous } });
  const [django, flask] = ['Django', 'Flask'].map((name) => ok(s, 'addOption', { decisionId: d.id, name }).id) as [number, number];
  const [speed, flex] = ['Speed', 'Flexibility'].map((name) => ok(s, 'addCriterion', { decisionId: d.id, name, weight: 1 }).id) as [number, number];
  const [ana, bo] = ['Ana Lima', 'Bo Chen'].map((name) => ok(s, 'addParticipant', { decisionId: d.id, name }).personId) as [number, number];
  const vote = (memberId: number, optionId: number, criterionId: number, score: number, why?: string) =>
    inTurn(s, 'castScore', { decisionId: d.id, memberId, optionId, criterionId, score, why });
  ok(s, 'openRound', { decisionId: d.id });
  for (const m of [ana, bo]) {
    vote(m, django, speed, 4, m === ana ? 'Ships the admin' : undefined);
    vote(m, flask, speed, 3);
    vote(m, django, flex, 3);
  }
  vote(ana, flask, flex, 1, ANA_WHY);
  vote(bo, flask, flex, 5, BO_WHY);
  // Before the reveal, round 1's own reasons are no one's "earlier" reasons.
  expect(ok(s, 'ballot', { decisionId: d.id, memberId: ana, turn: turnOf(s, d.id, ana) }).earlier).toEqual([]);
  ok(s, 'revealRound', { decisionId: d.id });
  ok(s, 'openRound', { decisionId: d.id, criterionId: flex });
  return { s, d: d.id, django, flask, speed, flex, ana, bo, vote };
}

const takeBallot = (s: Service, decisionId: number, memberId: number) => ok(s, 'takeTurn', { decisionId, memberId }).ballot;

describe('a re-vote keeps the earlier round’s reasons', () => {
  it('shows a member their own earlier reason, for the re-voted cells only, in their turn', () => {
    const { s, d, flask, flex, ana, bo } = revote();
    expect(takeBallot(s, d, ana).earlier).toEqual([{ optionId: flask, criterionId: flex, round: 1, why: ANA_WHY }]);
    expect(takeBallot(s, d, bo).earlier).toEqual([{ optionId: flask, criterionId: flex, round: 1, why: BO_WHY }]);
  });

  it('gives progress only without a turn, and never another member’s reason', () => {
    const { s, d, ana, bo } = revote();
    const noTurn = ok(s, 'ballot', { decisionId: d, memberId: ana });
    expect(noTurn).toMatchObject({ cells: [], earlier: [] });
    // Bo's turn cannot read Ana's ballot, and Bo's own holds only his words.
    const boTurn = ok(s, 'takeTurn', { decisionId: d, memberId: bo }).turn;
    expect(s.call('ballot', { decisionId: d, memberId: ana, turn: boTurn })).toMatchObject({ ok: false, error: { code: 'no_turn' } });
    expect(JSON.stringify(ok(s, 'ballot', { decisionId: d, memberId: bo, turn: boTurn }))).not.toContain('rebuild');
  });

  it('counts the latest earlier revealed round that has a reason, and no round still open', () => {
    const { s, d, flask, flex, ana, bo, vote } = revote();
    vote(ana, flask, flex, 2, 'Round two: the admin again');
    vote(bo, flask, flex, 5);
    // Ana's new reason is hers in this turn (a cell), not an earlier one, until this round is revealed.
    expect(ok(s, 'ballot', { decisionId: d, memberId: ana, turn: turnOf(s, d, ana) }).earlier[0]!.round).toBe(1);
    ok(s, 'revealRound', { decisionId: d });
    ok(s, 'openRound', { decisionId: d, criterionId: flex });
    expect(takeBallot(s, d, ana).earlier).toEqual([{ optionId: flask, criterionId: flex, round: 2, why: 'Round two: the admin again' }]);
    // Bo wrote nothing in round 2: his round-1 reason is the latest.
    expect(takeBallot(s, d, bo).earlier).toEqual([{ optionId: flask, criterionId: flex, round: 1, why: BO_WHY }]);
  });

  it('results: a vote without a new reason carries the earlier one, marked with its round; a new reason replaces it', () => {
    const { s, d, flask, flex, ana, bo, vote } = revote();
    vote(ana, flask, flex, 2);
    vote(bo, flask, flex, 5, 'Still: we own the glue');
    // Hidden until the reveal, earlier reasons too.
    expect(s.call('results', { decisionId: d })).toMatchObject({ ok: false, error: { code: 'votes_hidden' } });
    ok(s, 'revealRound', { decisionId: d });
    const r = ok(s, 'results', { decisionId: d });
    const at = (label: string) => r.votes.find((v) => r.members[v.member]!.label === label && v.optionId === flask && v.criterionId === flex)!;
    expect(at('Ana Lima')).toMatchObject({ score: 2, why: '', earlier: { round: 1, why: ANA_WHY } });
    expect(at('Bo Chen')).toMatchObject({ score: 5, why: 'Still: we own the glue', earlier: null });
    expect(r.cells.find((c) => c.optionId === flask && c.criterionId === flex)!.flagged).toBe(true);
    // A criterion not re-voted keeps its round-1 vote and its own reason; nothing is "earlier" there.
    expect(r.votes.filter((v) => v.criterionId !== flex && v.earlier !== null)).toEqual([]);
    expect(r.votes.some((v) => v.why === 'Ships the admin')).toBe(true);
  });
});

describe('a weights re-vote', () => {
  it('shows the member’s own earlier importance reason, and not a scores round’s', () => {
    const s = openTestService();
    const w = workshop(s, { criteria: ['A', 'B'], weights: [1, 1] });
    const [a, b] = w.criterionIds as [number, number];
    const [ana] = w.memberIds as [number];
    ok(s, 'updateDecision', { decisionId: w.decisionId, patch: { weighting: 'voted' } });
    ok(s, 'openRound', { decisionId: w.decisionId });
    inTurn(s, 'castScore', { decisionId: w.decisionId, memberId: ana, optionId: w.optionIds[0], criterionId: a, score: 3, why: 'a score’s reason' });
    ok(s, 'revealRound', { decisionId: w.decisionId });
    ok(s, 'openRound', { decisionId: w.decisionId, kind: 'weights' });
    inTurn(s, 'castImportance', { decisionId: w.decisionId, memberId: ana, criterionId: a, importance: 5, why: 'A matters most' });
    inTurn(s, 'castImportance', { decisionId: w.decisionId, memberId: ana, criterionId: b, importance: 2 });
    ok(s, 'revealRound', { decisionId: w.decisionId });
    ok(s, 'openRound', { decisionId: w.decisionId, kind: 'weights', criterionId: a });
    expect(takeBallot(s, w.decisionId, ana).earlier).toEqual([{ optionId: null, criterionId: a, round: 2, why: 'A matters most' }]);
  });
});

describe('anonymity of reasons', () => {
  it('an anonymous decision shows reasons with no name in the ballot, the results, the history and the record', () => {
    const { s, d, flask, flex, ana, bo, vote } = revote({ anonymous: true });
    // A turn at the shared screen is not proof of who votes: the earlier reason would unmask "Member N".
    expect(ok(s, 'ballot', { decisionId: d, memberId: ana, turn: turnOf(s, d, ana, true) }).earlier).toEqual([]);
    vote(ana, flask, flex, 2);
    vote(bo, flask, flex, 5);
    ok(s, 'revealRound', { decisionId: d });
    const r = ok(s, 'results', { decisionId: d });
    const reasons = r.votes.filter((v) => v.optionId === flask && v.criterionId === flex).map((v) => [r.members[v.member]!.label, v.earlier?.why]);
    expect(reasons.map((x) => x[1]).sort()).toEqual([ANA_WHY, BO_WHY].sort());
    expect(reasons.every(([label]) => /^Member \d$/.test(label!))).toBe(true);
    expect(r.members.every((m) => m.personId === null)).toBe(true);
    const names = /Ana|Lima|Bo Chen|Chen/;
    expect(JSON.stringify(r)).not.toMatch(names);
    // The history says who voted, never what nor why.
    const history = JSON.stringify(ok(s, 'history', { decisionId: d }));
    expect(history).not.toContain('rebuild');
    expect(history).not.toContain('Werkzeug');
    const decision = ok(s, 'getDecision', { decisionId: d });
    for (const profile of profiles) {
      const md = renderers[profile]({ decision, results: r, date: '2026-11-23', number: 1, supersedes: [], supersededBy: [] });
      const quoted = md.slice(md.indexOf('What the team wrote'));
      expect(quoted).toContain('Werkzeug lets us pick every piece');
      expect(quoted.slice(0, quoted.indexOf('\n\n', quoted.indexOf('\n\n') + 2))).not.toMatch(names);
    }
  });
});
