// Valid inputs for every contract method on a small workshop, and junk to break them with: shared by the
// bad-input tests at each door and the reliability suite.
import fc from 'fast-check';
import type { Method } from '../shared/api.ts';
import type { Service } from '../electron/service.ts';
import { ok, openTestService, tempDir, workshop } from './helpers.ts';

/** Every row of every table: what "nothing was written" is checked against. */
export function dump(s: Service): string {
  const tables = s.ctx.db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
  return JSON.stringify(tables.map(({ name }) => [name, s.ctx.db.prepare(`SELECT * FROM "${name}"`).all().map((r) => JSON.stringify(r)).sort()]));
}

export function setup(file?: string) {
  const s = openTestService(file);
  const w = workshop(s);
  const e = ok(s, 'addEvidence', { optionId: w.optionIds[0], criterionId: w.criterionIds[0], text: 'note' });
  const [decisionId, optionId, criterionId, memberId] = [w.decisionId, w.optionIds[0]!, w.criterionIds[0]!, w.memberIds[0]!];
  const repo = tempDir();
  // Well-formed, but no turn of anyone's: a ballot method with it is refused as the wrong turn.
  const turn = 'A'.repeat(22);
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
    castScore: { decisionId, memberId, turn, optionId, criterionId, score: 3, why: '' },
    clearScore: { decisionId, memberId, turn, optionId, criterionId },
    castImportance: { decisionId, memberId, turn, criterionId, importance: 3 },
    clearImportance: { decisionId, memberId, turn, criterionId },
    finishBallot: { decisionId, memberId, turn, done: true },
    ballot: { decisionId, memberId },
    takeTurn: { decisionId, memberId },
    endTurn: { decisionId, turn },
    results: { decisionId },
    decide: { decisionId, optionId, status: 'proposed', why: 'because' },
    history: { decisionId, afterId: 0 },
    scanRepo: { repo, adrDir: 'docs/decisions', format: 'madr' },
    previewExport: { decisionId, repo, format: 'madr' },
    exportAdr: { decisionId, repo, format: 'nygard', onConflict: 'refuse' },
    listExports: { decisionId },
    importAdr: { text: '# Use Django\n\n## Considered Options\n\n* Django\n', name: '0001-use-django.md' },
    linkSupersedesRecord: { decisionId, repo, file: '0001-x.md' },
    unlinkSupersedesRecord: { decisionId, repo, file: '0001-x.md' },
  };
  return { s, valid };
}

export const junk = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, true, false, -1, 0, 1e308, Number.NaN, '', ' ', '\n', '../../etc', '<script>', 'abstain', [], {}),
  fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);

