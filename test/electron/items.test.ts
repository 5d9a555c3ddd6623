import { describe, expect, it } from 'vitest';
import { inTurn, ok, openTestService, tableCounts, workshop } from '../helpers.ts';

describe('options, criteria and evidence', () => {
  it('adds, edits, reorders and removes options; names are unique per decision, ignoring case', () => {
    const s = openTestService();
    const w = workshop(s, { options: ['Django', 'Flask', 'FastAPI'] });
    expect(s.call('addOption', { decisionId: w.decisionId, name: 'django' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', field: 'name', message: 'This decision already has an option named "Django".' },
    });
    expect(ok(s, 'updateOption', { optionId: w.optionIds[2], name: 'FastAPI ', description: 'async' })).toEqual({ id: w.optionIds[2], name: 'FastAPI', description: 'async' });
    expect(ok(s, 'moveOption', { optionId: w.optionIds[2], position: 0 }).map((o) => o.name)).toEqual(['FastAPI', 'Django', 'Flask']);
    expect(ok(s, 'moveOption', { optionId: w.optionIds[2], position: 99 }).map((o) => o.name)).toEqual(['Django', 'Flask', 'FastAPI']);
    ok(s, 'removeOption', { optionId: w.optionIds[2] });
    expect(ok(s, 'getDecision', { decisionId: w.decisionId }).options.map((o) => o.name)).toEqual(['Django', 'Flask']);
  });

  it('criteria carry weights; the ballot cannot change shape while a round is open', () => {
    const s = openTestService();
    const w = workshop(s);
    expect(ok(s, 'updateCriterion', { criterionId: w.criterionIds[0], weight: 2.5 }).weight).toBe(2.5);
    expect(s.call('updateCriterion', { criterionId: w.criterionIds[0], weight: -1 })).toMatchObject({ ok: false, error: { field: 'weight' } });
    expect(ok(s, 'moveCriterion', { criterionId: w.criterionIds[2], position: 0 }).map((c) => c.name)).toEqual(['Ecosystem', 'Productivity', 'Flexibility']);
    ok(s, 'openRound', { decisionId: w.decisionId });
    for (const [name, input] of [
      ['addOption', { decisionId: w.decisionId, name: 'Pyramid' }],
      ['removeOption', { optionId: w.optionIds[0] }],
      ['addCriterion', { decisionId: w.decisionId, name: 'Docs' }],
      ['removeCriterion', { criterionId: w.criterionIds[0] }],
    ] as const) {
      expect(s.call(name, input), name).toMatchObject({ ok: false, error: { code: 'round_open' } });
    }
  });

  it('removing a criterion after a round removes its votes and says so in the history', () => {
    const s = openTestService();
    const w = workshop(s);
    ok(s, 'openRound', { decisionId: w.decisionId });
    inTurn(s, 'castScore', { decisionId: w.decisionId, memberId: w.memberIds[0], optionId: w.optionIds[0], criterionId: w.criterionIds[0], score: 2 });
    ok(s, 'revealRound', { decisionId: w.decisionId });
    ok(s, 'removeCriterion', { criterionId: w.criterionIds[0] });
    expect(ok(s, 'history', { decisionId: w.decisionId }).at(-1)).toMatchObject({ type: 'criterion_removed', data: { name: 'Productivity', votesRemoved: 1 } });
    expect(tableCounts(s).score_votes).toBe(0);
  });

  it('evidence notes per option and criterion', () => {
    const s = openTestService();
    const w = workshop(s);
    const e = ok(s, 'addEvidence', { optionId: w.optionIds[0], criterionId: w.criterionIds[0], text: ' Ships an ORM ', source: 'docs' });
    expect(e).toEqual({ id: e.id, optionId: w.optionIds[0], criterionId: w.criterionIds[0], text: 'Ships an ORM', source: 'docs' });
    expect(ok(s, 'updateEvidence', { evidenceId: e.id, text: 'Ships its own ORM' }).text).toBe('Ships its own ORM');
    expect(s.call('addEvidence', { optionId: w.optionIds[0], criterionId: w.criterionIds[0], text: '   ' })).toMatchObject({ ok: false, error: { field: 'text' } });
    const other = workshop(s, { members: [] });
    expect(s.call('addEvidence', { optionId: w.optionIds[0], criterionId: other.criterionIds[0], text: 'x' })).toMatchObject({ ok: false, error: { field: 'criterionId' } });
    ok(s, 'removeEvidence', { evidenceId: e.id });
    expect(s.call('removeEvidence', { evidenceId: e.id })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'evidenceId' } });
  });
});

describe('people and participants', () => {
  it('reuses one roster across decisions, matching names regardless of case', () => {
    const s = openTestService();
    const a = ok(s, 'createDecision', { title: 'A' });
    const b = ok(s, 'createDecision', { title: 'B' });
    const ana = ok(s, 'addParticipant', { decisionId: a.id, name: 'Ana', role: 'facilitator' });
    const again = ok(s, 'addParticipant', { decisionId: b.id, name: 'ana' });
    expect(again).toEqual({ personId: ana.personId, name: 'Ana', role: 'decision-maker' });
    expect(ok(s, 'listPeople', {}).map((p) => p.name)).toEqual(['Ana']);
    expect(s.call('addParticipant', { decisionId: a.id, personId: ana.personId })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(s.call('addParticipant', { decisionId: a.id, personId: ana.personId, name: 'Ana' })).toMatchObject({ ok: false, error: { field: 'name' } });
    expect(ok(s, 'setParticipantRole', { decisionId: a.id, personId: ana.personId, role: 'consulted' }).role).toBe('consulted');
    expect(ok(s, 'renamePerson', { personId: ana.personId, name: 'Ana María' }).name).toBe('Ana María');
    expect(ok(s, 'listPeople', { search: 'marí' })).toHaveLength(1);
  });

  it('keeps a participant who voted on the record', () => {
    const s = openTestService();
    const w = workshop(s);
    ok(s, 'openRound', { decisionId: w.decisionId });
    inTurn(s, 'castScore', { decisionId: w.decisionId, memberId: w.memberIds[0], optionId: w.optionIds[0], criterionId: w.criterionIds[0], score: 2 });
    expect(s.call('removeParticipant', { decisionId: w.decisionId, personId: w.memberIds[0] })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(s.call('setParticipantRole', { decisionId: w.decisionId, personId: w.memberIds[0], role: 'informed' })).toMatchObject({ ok: false, error: { field: 'role' } });
    expect(ok(s, 'removeParticipant', { decisionId: w.decisionId, personId: w.memberIds[1] })).toEqual({ personId: w.memberIds[1] });
  });
});
