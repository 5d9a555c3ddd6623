import { describe, expect, it } from 'vitest';
import { methodNames } from '../../shared/api.ts';
import { inTurn, ok, openTestService, tableCounts, workshop } from '../helpers.ts';

describe('decisions', () => {
  it('creates a blank decision and reads it back', () => {
    const s = openTestService();
    const d = ok(s, 'createDecision', { title: '  Choose a queue  ' });
    expect(d).toMatchObject({ title: 'Choose a queue', status: 'draft', scale: { min: 1, max: 5 }, aggregation: 'mean', weighting: 'direct', anonymous: false, options: [], criteria: [] });
    expect(ok(s, 'getDecision', { decisionId: d.id })).toEqual(d);
    expect(ok(s, 'history', { decisionId: d.id }).map((e) => e.type)).toEqual(['decision_created']);
  });

  it('lists with search and status filter, newest change first', () => {
    const s = openTestService();
    const a = ok(s, 'createDecision', { title: 'Choose a queue' });
    const b = ok(s, 'createDecision', { title: 'Pick a web framework', template: 'django-vs-flask' });
    ok(s, 'updateDecision', { decisionId: a.id, patch: { context: 'RabbitMQ or Kafka, 100% sure' } });
    expect(ok(s, 'listDecisions', {}).map((d) => d.id)).toEqual([a.id, b.id]);
    expect(ok(s, 'listDecisions', { search: 'kafka' }).map((d) => d.id)).toEqual([a.id]);
    expect(ok(s, 'listDecisions', { search: 'python' }).map((d) => d.id)).toEqual([b.id]);
    expect(ok(s, 'listDecisions', { search: '100%' }).map((d) => d.id)).toEqual([a.id]);
    expect(ok(s, 'listDecisions', { search: '%' })).toHaveLength(1);
    expect(ok(s, 'listDecisions', { status: 'accepted' })).toEqual([]);
    expect(ok(s, 'listDecisions', {})[1]).toMatchObject({ optionCount: 2, criterionCount: 12, participantCount: 0, chosenOption: null });
  });

  it('updates fields, records what changed, and refuses a scale change once votes exist', () => {
    const s = openTestService();
    const w = workshop(s);
    const d = ok(s, 'updateDecision', { decisionId: w.decisionId, patch: { title: 'Framework', tags: ['python', 'python', 'web'], anonymous: true, aggregation: 'median' } });
    expect(d).toMatchObject({ title: 'Framework', tags: ['python', 'web'], anonymous: true, aggregation: 'median' });
    expect(ok(s, 'history', { decisionId: d.id }).at(-1)).toMatchObject({ type: 'decision_updated', actor: 'test', data: { title: 'Framework', anonymous: true } });
    ok(s, 'openRound', { decisionId: d.id });
    inTurn(s, 'castScore', { decisionId: d.id, memberId: w.memberIds[0], optionId: w.optionIds[0], criterionId: w.criterionIds[0], score: 3 });
    const reply = s.call('updateDecision', { decisionId: d.id, patch: { scaleMax: 10 } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'conflict', field: 'patch.scaleMax' } });
  });

  it('moves status only along sensible transitions', () => {
    const s = openTestService();
    const d = ok(s, 'createDecision', { title: 'T' });
    expect(ok(s, 'setStatus', { decisionId: d.id, status: 'proposed' }).status).toBe('proposed');
    expect(s.call('setStatus', { decisionId: d.id, status: 'superseded' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_transition', message: 'A proposed decision cannot become superseded; it can become draft, accepted, rejected.' },
    });
    expect(s.call('setStatus', { decisionId: d.id, status: 'accepted' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'status' } });
    expect(ok(s, 'setStatus', { decisionId: d.id, status: 'rejected' }).status).toBe('rejected');
  });

  it('duplicates the frame but not the votes or the outcome', () => {
    const s = openTestService();
    const d = ok(s, 'createDecision', { title: 'Pick', template: 'django-vs-flask' });
    ok(s, 'addParticipant', { decisionId: d.id, name: 'Ana', role: 'facilitator' });
    const copy = ok(s, 'duplicateDecision', { decisionId: d.id });
    expect(copy.title).toBe('Copy of Pick');
    expect(copy.id).not.toBe(d.id);
    expect(copy.options.map((o) => o.name)).toEqual(['Django', 'Flask']);
    expect(copy.criteria).toHaveLength(12);
    expect(copy.evidence).toHaveLength(24);
    expect(copy.evidence.every((e) => copy.options.some((o) => o.id === e.optionId))).toBe(true);
    expect(copy.participants).toMatchObject([{ name: 'Ana', role: 'facilitator' }]);
    expect(copy.rounds).toEqual([]);
  });

  it('deletes into a trash, restores, and purges only from the trash while keeping the history', () => {
    const s = openTestService();
    const d = ok(s, 'createDecision', { title: 'Gone soon' });
    expect(s.call('purgeDecision', { decisionId: d.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(ok(s, 'deleteDecision', { decisionId: d.id }).deletedAt).not.toBeNull();
    expect(ok(s, 'listDecisions', {})).toEqual([]);
    expect(ok(s, 'listDecisions', { trash: true }).map((x) => x.id)).toEqual([d.id]);
    expect(s.call('addOption', { decisionId: d.id, name: 'X' })).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('trash') } });
    expect(ok(s, 'restoreDecision', { decisionId: d.id }).deletedAt).toBeNull();
    ok(s, 'deleteDecision', { decisionId: d.id });
    ok(s, 'purgeDecision', { decisionId: d.id });
    expect(s.call('getDecision', { decisionId: d.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(tableCounts(s).events).toBe(5);
    // The next decision never takes the purged one's id: it would inherit its history and its links.
    const next = ok(s, 'createDecision', { title: 'Fresh start' });
    expect(next.id).toBeGreaterThan(d.id);
    expect(ok(s, 'history', { decisionId: next.id }).map((e) => e.type)).toEqual(['decision_created']);
  });

  it('links supersedes both ways and supersedes the old decision on acceptance', () => {
    const s = openTestService();
    const old = ok(s, 'createDecision', { title: 'Use MySQL' });
    const oldOpt = ok(s, 'addOption', { decisionId: old.id, name: 'MySQL' });
    ok(s, 'decide', { decisionId: old.id, optionId: oldOpt.id, status: 'accepted', why: 'It was there.' });
    const next = ok(s, 'createDecision', { title: 'Use PostgreSQL' });
    const pg = ok(s, 'addOption', { decisionId: next.id, name: 'PostgreSQL' });
    expect(ok(s, 'linkSupersedes', { decisionId: next.id, supersededId: old.id }).supersedes).toMatchObject([{ decisionId: old.id, title: 'Use MySQL' }]);
    expect(s.call('linkSupersedes', { decisionId: old.id, supersededId: next.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(s.call('linkSupersedes', { decisionId: old.id, supersededId: old.id })).toMatchObject({ ok: false, error: { field: 'supersededId' } });
    ok(s, 'decide', { decisionId: next.id, optionId: pg.id, status: 'accepted', why: 'Better JSON support.' });
    const after = ok(s, 'getDecision', { decisionId: old.id });
    expect(after.status).toBe('superseded');
    expect(after.supersededBy).toMatchObject([{ decisionId: next.id, status: 'accepted' }]);
  });

  it('lists its two templates', () => {
    const s = openTestService();
    expect(ok(s, 'listTemplates', {}).map((t) => t.id)).toEqual(['blank', 'django-vs-flask']);
  });

  it('answers every method of the contract (none is left unimplemented)', () => {
    const s = openTestService();
    for (const name of methodNames) {
      const reply = s.call(name, { decisionId: 999 });
      expect(reply.ok ? 'ok' : reply.error.code, name).not.toBe('internal');
    }
  });
});
