import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { methodNames, type Method } from '../../shared/api.ts';
import type { Service } from '../../electron/service.ts';
import { ok, openTestService, tempDir, workshop } from '../helpers.ts';

/** Every row of every table: what "nothing was written" is checked against. */
function dump(s: Service): string {
  const tables = s.ctx.db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
  return JSON.stringify(tables.map(({ name }) => [name, s.ctx.db.prepare(`SELECT * FROM "${name}"`).all().map((r) => JSON.stringify(r)).sort()]));
}

function setup() {
  const s = openTestService();
  const w = workshop(s);
  const e = ok(s, 'addEvidence', { optionId: w.optionIds[0], criterionId: w.criterionIds[0], text: 'note' });
  const [decisionId, optionId, criterionId, memberId] = [w.decisionId, w.optionIds[0]!, w.criterionIds[0]!, w.memberIds[0]!];
  const repo = tempDir();
  // One valid input per method: the fuzzer breaks one field at a time.
  const valid: Record<Method, Record<string, unknown>> = {
    listTemplates: {},
    listDecisions: { search: 'x', status: 'draft', trash: false },
    createDecision: { title: 'T', template: 'blank' },
    getDecision: { decisionId },
    updateDecision: { decisionId, patch: { title: 'T2' } },
    setStatus: { decisionId, status: 'proposed' },
    duplicateDecision: { decisionId, title: 'Copy' },
    deleteDecision: { decisionId },
    restoreDecision: { decisionId },
    purgeDecision: { decisionId },
    importDecision: { document: { title: 'T', options: [], criteria: [] } },
    linkSupersedes: { decisionId, supersededId: decisionId },
    unlinkSupersedes: { decisionId, supersededId: decisionId },
    addOption: { decisionId, name: 'New', description: '' },
    updateOption: { optionId, name: 'Renamed' },
    moveOption: { optionId, position: 1 },
    removeOption: { optionId },
    addCriterion: { decisionId, name: 'New', weight: 2 },
    updateCriterion: { criterionId, weight: 3 },
    moveCriterion: { criterionId, position: 1 },
    removeCriterion: { criterionId },
    addEvidence: { optionId, criterionId, text: 'x', source: 'y' },
    updateEvidence: { evidenceId: e.id, text: 'y' },
    removeEvidence: { evidenceId: e.id },
    listPeople: { search: 'a' },
    renamePerson: { personId: memberId, name: 'Zed' },
    addParticipant: { decisionId, name: 'Newcomer', role: 'consulted' },
    setParticipantRole: { decisionId, personId: memberId, role: 'consulted' },
    removeParticipant: { decisionId, personId: memberId },
    openRound: { decisionId, kind: 'scores' },
    revealRound: { decisionId },
    cancelRound: { decisionId },
    progress: { decisionId },
    castScore: { decisionId, memberId, optionId, criterionId, score: 3, why: '' },
    clearScore: { decisionId, memberId, optionId, criterionId },
    castImportance: { decisionId, memberId, criterionId, importance: 3 },
    clearImportance: { decisionId, memberId, criterionId },
    finishBallot: { decisionId, memberId, done: true },
    ballot: { decisionId, memberId },
    results: { decisionId },
    decide: { decisionId, optionId, status: 'proposed', why: 'because' },
    history: { decisionId, afterId: 0 },
    scanRepo: { repo, adrDir: 'docs/decisions', format: 'madr' },
    previewExport: { decisionId, repo, format: 'madr' },
    exportAdr: { decisionId, repo, format: 'nygard', onConflict: 'refuse' },
    listExports: { decisionId },
    linkSupersedesRecord: { decisionId, repo, file: '0001-x.md' },
    unlinkSupersedesRecord: { decisionId, repo, file: '0001-x.md' },
  };
  return { s, valid };
}

const junk = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, true, false, -1, 0, 1e308, Number.NaN, '', ' ', '\n', '../../etc', '<script>', 'abstain', [], {}),
  fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);

describe('bad input at the handler door', () => {
  it('is refused with a clear error naming the field, never a crash or a stack trace', () => {
    const { s, valid } = setup();
    const names = Object.keys(valid) as Method[];
    expect(names.sort()).toEqual([...methodNames].sort());
    let refused = 0;
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.nat(), junk, (name, pick, value) => {
        const input = structuredClone(valid[name]);
        const keys = Object.keys(input);
        const key = keys.length === 0 ? 'unexpected' : keys[pick % keys.length]!;
        input[key] = value;
        const reply = s.call(name, input);
        expect(reply.ok ? null : reply.error.code).not.toBe('internal');
        // Junk that happens to be valid (a new title, say) is simply done.
        if (reply.ok) return;
        refused++;
        expect(reply.error.message.length).toBeGreaterThan(5);
        expect(reply.error.message).not.toMatch(/\n\s+at /);
        if (reply.error.code === 'invalid_input') expect(reply.error.field, `${name} ${JSON.stringify(input)}`).toBeTruthy();
      }),
      { numRuns: 1500, seed: 42 },
    );
    expect(refused).toBeGreaterThan(1000);
  });

  it('a refused call leaves every table exactly as it was', () => {
    const { s, valid } = setup();
    fc.assert(
      fc.property(fc.constantFrom(...(Object.keys(valid) as Method[])), fc.nat(), junk, (name, pick, value) => {
        const input = structuredClone(valid[name]);
        const keys = Object.keys(input);
        input[keys.length === 0 ? 'unexpected' : keys[pick % keys.length]!] = value;
        const before = dump(s);
        const reply = s.call(name, input);
        if (!reply.ok) expect(dump(s)).toBe(before);
      }),
      { numRuns: 400, seed: 7 },
    );
  });

  it('names unknown fields and unknown methods', () => {
    const { s } = setup();
    expect(s.call('getDecision', { decisionId: 1, decisonId: 2 })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'decisonId', message: 'decisonId: unknown field "decisonId"' } });
    expect(s.call('dropTables', {})).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(s.call('getDecision', 'nonsense')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(s.call('createDecision', { title: 'two\nlines' })).toMatchObject({ ok: false, error: { field: 'title', message: 'title: must be one line of plain text' } });
  });
});
