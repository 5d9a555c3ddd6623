// Decisions: create (blank, template, import, duplicate all go through one document insert), read, change, trash.
import { DecisionDocument, type Parsed } from '../../shared/api.ts';
import { fail } from '../../shared/reply.ts';
import { listOf } from '../../shared/scoring/index.ts';
import { canMove, allowedFrom } from '../../shared/status.ts';
import { templateById, templates } from '../../shared/templates/index.ts';
import type { DecisionDetail, DecisionLink, DecisionSummary, Evidence, TemplateInfo } from '../../shared/types.ts';
import type { Ctx } from '../context.ts';
import { criteriaOf, decisionRow, optionsOf, participantsOf, requireNoOpenRound, touch, type DecisionRow } from './lookup.ts';
import { findOrCreatePerson } from './people.ts';
import { computeResults } from './results.ts';
import { roundsOf, roundView } from './rounds.ts';

export function decisionDetail(ctx: Ctx, id: number): DecisionDetail {
  const d = decisionRow(ctx, id, { trashed: true });
  const links = (sql: string): DecisionLink[] => ctx.sql<DecisionLink>(sql).all(d.id);
  return {
    id: d.id,
    title: d.title,
    status: d.status,
    context: d.context,
    drivers: d.drivers,
    outcome: { optionId: d.chosen_option_id, rationale: d.outcome_rationale },
    consequencesGood: d.consequences_good,
    consequencesBad: d.consequences_bad,
    confirmation: d.confirmation,
    moreInfo: d.more_info,
    tags: JSON.parse(d.tags) as string[],
    scale: { min: d.scale_min, max: d.scale_max },
    aggregation: d.aggregation,
    weighting: d.weighting,
    anonymous: d.anonymous === 1,
    recordNames: d.record_names,
    createdAt: d.created_at,
    updatedAt: d.updated_at,
    deletedAt: d.deleted_at,
    supersedes: links(
      'SELECT d.id AS decisionId, d.title, d.status FROM supersessions s JOIN decisions d ON d.id = s.superseded_id WHERE s.decision_id = ? ORDER BY d.id',
    ),
    supersededBy: links(
      'SELECT d.id AS decisionId, d.title, d.status FROM supersessions s JOIN decisions d ON d.id = s.decision_id WHERE s.superseded_id = ? ORDER BY d.id',
    ),
    options: optionsOf(ctx, d.id).map((o) => ({ id: o.id, name: o.name, description: o.description })),
    criteria: criteriaOf(ctx, d.id).map((c) => ({ id: c.id, name: c.name, description: c.description, weight: c.weight })),
    evidence: ctx
      .sql<Evidence>(
        `SELECT e.id, e.option_id AS optionId, e.criterion_id AS criterionId, e.text, e.source
         FROM evidence e JOIN options o ON o.id = e.option_id JOIN criteria c ON c.id = e.criterion_id
         WHERE o.decision_id = ? ORDER BY o.position, c.position, e.id`,
      )
      .all(d.id),
    participants: participantsOf(ctx, d.id).map((p) => ({ personId: p.person_id, name: p.name, role: p.role })),
    rounds: roundsOf(ctx, d.id).map((r) => roundView(ctx, r)),
  };
}

function summary(
  row: DecisionRow & { option_count: number; criterion_count: number; participant_count: number; chosen: string | null; adr_file: string | null; adr_number: number | null; voting: number },
): DecisionSummary {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    tags: JSON.parse(row.tags) as string[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
    optionCount: row.option_count,
    criterionCount: row.criterion_count,
    participantCount: row.participant_count,
    chosenOption: row.chosen,
    adrFile: row.adr_file,
    adrNumber: row.adr_number,
    votingOpen: row.voting === 1,
  };
}

const summarySql = `SELECT d.*,
  (SELECT count(*) FROM options WHERE decision_id = d.id) AS option_count,
  (SELECT count(*) FROM criteria WHERE decision_id = d.id) AS criterion_count,
  (SELECT count(*) FROM participants WHERE decision_id = d.id) AS participant_count,
  (SELECT name FROM options WHERE id = d.chosen_option_id) AS chosen,
  (SELECT adr_dir || '/' || file FROM adr_exports WHERE decision_id = d.id ORDER BY exported_at DESC LIMIT 1) AS adr_file,
  (SELECT number FROM adr_exports WHERE decision_id = d.id ORDER BY exported_at DESC LIMIT 1) AS adr_number,
  EXISTS (SELECT 1 FROM rounds WHERE decision_id = d.id AND status = 'open') AS voting
FROM decisions d`;

export function listTemplates(): TemplateInfo[] {
  return templates.map(({ id, title, description }) => ({ id, title, description }));
}

export function listDecisions(ctx: Ctx, input: Parsed<'listDecisions'>): DecisionSummary[] {
  const like = input.search ? `%${input.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return ctx
    .sql<Parameters<typeof summary>[0]>(
      `${summarySql}
       WHERE (d.deleted_at IS NOT NULL) = $trash
         AND ($status IS NULL OR d.status = $status)
         AND ($like IS NULL OR d.title LIKE $like ESCAPE '\\' OR d.context LIKE $like ESCAPE '\\' OR d.tags LIKE $like ESCAPE '\\')
       ORDER BY d.updated_at DESC, d.id DESC`,
    )
    .all({ trash: input.trash ? 1 : 0, status: input.status ?? null, like })
    .map(summary);
}

export function getDecision(ctx: Ctx, input: Parsed<'getDecision'>): DecisionDetail {
  return decisionDetail(ctx, decisionRow(ctx, input.decisionId, { trashed: true }).id);
}

/** Checks that a document's ids point where they should, naming the first field at fault. */
function checkDocument(doc: DecisionDocument): void {
  const at = (path: (string | number)[]) => ['document', ...path].join('.');
  const unique = (ids: number[], path: string) => {
    const seen = new Set<number>();
    ids.forEach((id, i) => {
      if (seen.has(id)) fail('invalid_input', `id ${id} appears twice.`, at([path, i, path === 'participants' ? 'personId' : 'id']));
      seen.add(id);
    });
    return seen;
  };
  const uniqueNames = (names: string[], path: string) => {
    const seen = new Set<string>();
    names.forEach((n, i) => {
      const k = n.toLowerCase();
      if (seen.has(k)) fail('invalid_input', `the name "${n}" appears twice.`, at([path, i, 'name']));
      seen.add(k);
    });
  };
  const options = unique(doc.options.map((o) => o.id), 'options');
  const criteria = unique(doc.criteria.map((c) => c.id), 'criteria');
  const people = unique(doc.participants.map((p) => p.personId), 'participants');
  uniqueNames(doc.options.map((o) => o.name), 'options');
  uniqueNames(doc.criteria.map((c) => c.name), 'criteria');
  uniqueNames(doc.participants.map((p) => p.name), 'participants');
  const ref = (set: Set<number>, id: number | null, path: (string | number)[], what: string) => {
    if (id !== null && !set.has(id)) fail('invalid_input', `refers to ${what} ${id}, which the document does not list.`, at(path));
  };
  doc.evidence.forEach((e, i) => {
    ref(options, e.optionId, ['evidence', i, 'optionId'], 'option');
    ref(criteria, e.criterionId, ['evidence', i, 'criterionId'], 'criterion');
  });
  ref(options, doc.outcome.optionId, ['outcome', 'optionId'], 'option');
  const inScale = (v: number | null, path: (string | number)[]) => {
    if (v !== null && (v < doc.scale.min || v > doc.scale.max)) fail('invalid_input', `must be from ${doc.scale.min} to ${doc.scale.max} (got ${v}).`, at(path));
  };
  doc.rounds.forEach((r, i) => {
    ref(criteria, r.criterionId, ['rounds', i, 'criterionId'], 'criterion');
    r.scores?.forEach((v, j) => {
      ref(people, v.personId, ['rounds', i, 'scores', j, 'personId'], 'participant');
      ref(options, v.optionId, ['rounds', i, 'scores', j, 'optionId'], 'option');
      ref(criteria, v.criterionId, ['rounds', i, 'scores', j, 'criterionId'], 'criterion');
      inScale(v.score, ['rounds', i, 'scores', j, 'score']);
    });
    r.importances?.forEach((v, j) => {
      ref(people, v.personId, ['rounds', i, 'importances', j, 'personId'], 'participant');
      ref(criteria, v.criterionId, ['rounds', i, 'importances', j, 'criterionId'], 'criterion');
      inScale(v.importance, ['rounds', i, 'importances', j, 'importance']);
    });
  });
}

/**
 * Writes a whole decision from a document. Only revealed rounds come along:
 * an open round's values are never in a document, so it could not be resumed.
 */
function insertDocument(ctx: Ctx, doc: DecisionDocument, how: Record<string, unknown>): DecisionDetail {
  checkDocument(doc);
  const now = ctx.now();
  const { lastInsertRowid } = ctx
    .sql(
      // The id is past every id the history has named: SQLite would reuse a purged decision's id, and the new
      // decision would inherit its history (links like #/d/12 would also point somewhere new).
      `INSERT INTO decisions (id, title, status, context, drivers, outcome_rationale, consequences_good, consequences_bad, confirmation,
         more_info, tags, scale_min, scale_max, aggregation, weighting, anonymous, record_names, created_at, updated_at)
       VALUES ((SELECT max(coalesce((SELECT max(id) FROM decisions), 0), coalesce((SELECT max(decision_id) FROM events), 0)) + 1),
         ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      doc.title,
      doc.status,
      doc.context,
      doc.drivers,
      doc.outcome.rationale,
      doc.consequencesGood,
      doc.consequencesBad,
      doc.confirmation,
      doc.moreInfo,
      JSON.stringify(doc.tags),
      doc.scale.min,
      doc.scale.max,
      doc.aggregation,
      doc.weighting,
      doc.anonymous ? 1 : 0,
      doc.recordNames,
      now,
      now,
    );
  const id = Number(lastInsertRowid);
  const optionIds = new Map<number, number>();
  const criterionIds = new Map<number, number>();
  const personIds = new Map<number, number>();
  doc.options.forEach((o, i) => {
    const r = ctx.sql('INSERT INTO options (decision_id, position, name, description) VALUES (?, ?, ?, ?)').run(id, i, o.name, o.description);
    optionIds.set(o.id, Number(r.lastInsertRowid));
  });
  doc.criteria.forEach((c, i) => {
    const r = ctx.sql('INSERT INTO criteria (decision_id, position, name, description, weight) VALUES (?, ?, ?, ?, ?)').run(id, i, c.name, c.description, c.weight);
    criterionIds.set(c.id, Number(r.lastInsertRowid));
  });
  for (const e of doc.evidence) {
    ctx.sql('INSERT INTO evidence (option_id, criterion_id, text, source) VALUES (?, ?, ?, ?)').run(optionIds.get(e.optionId), criterionIds.get(e.criterionId), e.text, e.source);
  }
  doc.participants.forEach((p, i) => {
    const person = findOrCreatePerson(ctx, p.name);
    personIds.set(p.personId, person.id);
    ctx.sql('INSERT INTO participants (decision_id, person_id, role, position) VALUES (?, ?, ?, ?)').run(id, person.id, p.role, i);
  });
  const revealed = doc.rounds.filter((r) => r.status === 'revealed');
  revealed.forEach((r, i) => {
    const round = ctx
      .sql("INSERT INTO rounds (decision_id, seq, kind, criterion_id, status, opened_at, revealed_at) VALUES (?, ?, ?, ?, 'revealed', ?, ?)")
      .run(id, i + 1, r.kind, r.criterionId === null ? null : criterionIds.get(r.criterionId), r.openedAt, r.revealedAt ?? r.openedAt);
    const roundId = Number(round.lastInsertRowid);
    for (const v of r.scores ?? []) {
      ctx
        .sql('INSERT OR REPLACE INTO score_votes (round_id, person_id, option_id, criterion_id, score, why, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(roundId, personIds.get(v.personId), optionIds.get(v.optionId), criterionIds.get(v.criterionId), v.score, v.why, now);
    }
    for (const v of r.importances ?? []) {
      ctx
        .sql('INSERT OR REPLACE INTO importance_votes (round_id, person_id, criterion_id, importance, why, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(roundId, personIds.get(v.personId), criterionIds.get(v.criterionId), v.importance, v.why, now);
    }
  });
  if (doc.outcome.optionId !== null) ctx.sql('UPDATE decisions SET chosen_option_id = ? WHERE id = ?').run(optionIds.get(doc.outcome.optionId), id);
  ctx.record(id, 'decision_created', { title: doc.title, ...how, skippedOpenRounds: doc.rounds.length - revealed.length });
  return decisionDetail(ctx, id);
}

export function createDecision(ctx: Ctx, input: Parsed<'createDecision'>): DecisionDetail {
  const template = templateById(input.template) ?? fail('invalid_input', `There is no template "${input.template}".`, 'template');
  return insertDocument(ctx, DecisionDocument.parse({ ...template.document, title: input.title }), { template: template.id });
}

export function importDecision(ctx: Ctx, input: Parsed<'importDecision'>): DecisionDetail {
  return insertDocument(ctx, input.document, { imported: true });
}

export function duplicateDecision(ctx: Ctx, input: Parsed<'duplicateDecision'>): DecisionDetail {
  const source = decisionDetail(ctx, decisionRow(ctx, input.decisionId).id);
  const title = input.title ?? `Copy of ${source.title}`.slice(0, 200);
  // The frame comes along; votes, the outcome and the status do not.
  const doc = DecisionDocument.parse({ ...source, title, status: 'draft', outcome: { optionId: null, rationale: '' }, rounds: [] });
  return insertDocument(ctx, doc, { duplicatedFrom: source.id });
}

const columns = {
  title: 'title',
  context: 'context',
  drivers: 'drivers',
  consequencesGood: 'consequences_good',
  consequencesBad: 'consequences_bad',
  confirmation: 'confirmation',
  moreInfo: 'more_info',
  tags: 'tags',
  scaleMax: 'scale_max',
  aggregation: 'aggregation',
  weighting: 'weighting',
  anonymous: 'anonymous',
  recordNames: 'record_names',
} as const;

export function updateDecision(ctx: Ctx, input: Parsed<'updateDecision'>): DecisionDetail {
  const d = decisionRow(ctx, input.decisionId);
  const patch = input.patch;
  const changed = (Object.keys(patch) as (keyof typeof columns)[]).filter((k) => patch[k] !== undefined);
  if (changed.length === 0) return decisionDetail(ctx, d.id);
  if (patch.scaleMax !== undefined && patch.scaleMax !== d.scale_max) {
    const voted = ctx.sql('SELECT 1 FROM score_votes v JOIN rounds r ON r.id = v.round_id WHERE r.decision_id = ? LIMIT 1').get(d.id);
    if (voted !== undefined) fail('conflict', 'The scale cannot change once votes are cast: they were given on the old scale.', 'patch.scaleMax');
  }
  if (patch.anonymous !== undefined && patch.anonymous !== (d.anonymous === 1)) {
    // Votes cast under one promise keep it: turning anonymity off would name them, turning it on
    // after the fact cannot unsay what the history already tied to people.
    // A vote cast and then cleared is gone from the votes but not from the history, which names who filled
    // which cell: any vote event of a round still kept counts (a cancelled round's votes were never seen).
    const voted = ctx
      .sql(
        `SELECT 1 FROM rounds r WHERE r.decision_id = ? AND (EXISTS (SELECT 1 FROM score_votes v WHERE v.round_id = r.id) OR EXISTS (SELECT 1 FROM importance_votes v WHERE v.round_id = r.id))
         UNION ALL SELECT 1 FROM events e JOIN rounds r ON r.id = json_extract(e.data, '$.roundId')
           WHERE e.decision_id = ? AND e.type IN ('score_cast', 'importance_cast', 'score_cleared', 'importance_cleared') LIMIT 1`,
      )
      .get(d.id, d.id);
    if (voted !== undefined) fail('conflict', 'Anonymity cannot change once votes are cast: they were given under the other promise. Duplicate the decision to vote again.', 'patch.anonymous');
  }
  if (patch.weighting !== undefined || patch.scaleMax !== undefined) requireNoOpenRound(ctx, d.id, 'changing the scale or how weights are set');
  const value = (k: keyof typeof columns): unknown => {
    const v = patch[k];
    if (k === 'tags') return JSON.stringify([...new Set(v as string[])]);
    if (k === 'anonymous') return v ? 1 : 0;
    return v;
  };
  ctx
    .sql(`UPDATE decisions SET ${changed.map((k) => `${columns[k]} = ?`).join(', ')}, updated_at = ? WHERE id = ?`)
    .run(...changed.map(value), ctx.now(), d.id);
  const summaryOf = (v: unknown) => (typeof v === 'string' && v.length > 200 ? `${v.slice(0, 200)}…` : v);
  ctx.record(d.id, 'decision_updated', Object.fromEntries(changed.map((k) => [k, summaryOf(patch[k])])));
  return decisionDetail(ctx, d.id);
}

function moveStatus(ctx: Ctx, d: DecisionRow, to: DecisionRow['status'], field = 'status'): void {
  if (!canMove(d.status, to)) {
    const allowed = allowedFrom(d.status);
    fail(
      'invalid_transition',
      `A ${d.status} decision cannot become ${to}` + (allowed.length ? `; it can become ${allowed.join(', ')}.` : '; it is final.'),
      field,
    );
  }
  if (to === d.status) return;
  ctx.sql('UPDATE decisions SET status = ?, updated_at = ? WHERE id = ?').run(to, ctx.now(), d.id);
  ctx.record(d.id, 'status_changed', { from: d.status, to });
}

export function setStatus(ctx: Ctx, input: Parsed<'setStatus'>): DecisionDetail {
  const d = decisionRow(ctx, input.decisionId);
  if (input.status === 'accepted' && d.chosen_option_id === null) fail('invalid_input', 'Choose an option (decide) before accepting the decision.', 'status');
  moveStatus(ctx, d, input.status);
  if (input.status === 'accepted') supersedeLinked(ctx, d.id);
  return decisionDetail(ctx, d.id);
}

/** Accepting a decision supersedes the ones it names as superseded. */
function supersedeLinked(ctx: Ctx, decisionId: number): void {
  const targets = ctx.sql<DecisionRow>('SELECT d.* FROM supersessions s JOIN decisions d ON d.id = s.superseded_id WHERE s.decision_id = ?').all(decisionId);
  for (const t of targets) if (t.status !== 'superseded' && canMove(t.status, 'superseded')) moveStatus(ctx, t, 'superseded');
}

export function decide(ctx: Ctx, input: Parsed<'decide'>): DecisionDetail {
  const d = decisionRow(ctx, input.decisionId);
  requireNoOpenRound(ctx, d.id, 'deciding');
  const option = optionsOf(ctx, d.id).find((o) => o.id === input.optionId) ?? fail('invalid_input', `Option ${input.optionId} is not an option of this decision.`, 'optionId');
  const why = input.why?.trim() ?? '';
  if (why === '') {
    const ranked = computeResults(ctx, d, { withRobustness: false }).options.filter((o) => o.rank === 1);
    if (ranked.length === 0) fail('invalid_input', `No revealed votes rank the options yet; say why you chose "${option.name}".`, 'why');
    if (!ranked.some((o) => o.optionId === option.id)) {
      fail('invalid_input', `"${option.name}" is not the top-ranked option ("${ranked[0]!.name}" is); say why you chose it.`, 'why');
    }
    // The scores cannot choose between options tied for first place: the team must.
    if (ranked.length > 1) fail('invalid_input', `${listOf(ranked.map((o) => `"${o.name}"`))} are tied for first place; say why you chose "${option.name}".`, 'why');
  }
  moveStatus(ctx, d, input.status);
  ctx.sql('UPDATE decisions SET chosen_option_id = ?, outcome_rationale = ?, updated_at = ? WHERE id = ?').run(option.id, why, ctx.now(), d.id);
  ctx.record(d.id, 'decided', { optionId: option.id, option: option.name, status: input.status });
  if (input.status === 'accepted') supersedeLinked(ctx, d.id);
  return decisionDetail(ctx, d.id);
}

export function deleteDecision(ctx: Ctx, input: Parsed<'deleteDecision'>): DecisionSummary {
  const d = decisionRow(ctx, input.decisionId);
  ctx.sql('UPDATE decisions SET deleted_at = ?, updated_at = ? WHERE id = ?').run(ctx.now(), ctx.now(), d.id);
  ctx.record(d.id, 'decision_trashed', { title: d.title });
  return summary(ctx.sql<Parameters<typeof summary>[0]>(`${summarySql} WHERE d.id = ?`).get(d.id)!);
}

export function restoreDecision(ctx: Ctx, input: Parsed<'restoreDecision'>): DecisionDetail {
  const d = decisionRow(ctx, input.decisionId, { trashed: true });
  if (d.deleted_at === null) fail('conflict', `Decision ${d.id} is not in the trash.`, 'decisionId');
  ctx.sql('UPDATE decisions SET deleted_at = NULL, updated_at = ? WHERE id = ?').run(ctx.now(), d.id);
  ctx.record(d.id, 'decision_restored', { title: d.title });
  return decisionDetail(ctx, d.id);
}

/** Deletes a trashed decision for good; its history stays. */
export function purgeDecision(ctx: Ctx, input: Parsed<'purgeDecision'>): { decisionId: number } {
  const d = decisionRow(ctx, input.decisionId, { trashed: true });
  if (d.deleted_at === null) fail('conflict', `Decision ${d.id} is not in the trash; move it there first.`, 'decisionId');
  ctx.sql('DELETE FROM decisions WHERE id = ?').run(d.id);
  ctx.record(d.id, 'decision_purged', { title: d.title });
  return { decisionId: d.id };
}

export function linkSupersedes(ctx: Ctx, input: Parsed<'linkSupersedes'>): DecisionDetail {
  const d = decisionRow(ctx, input.decisionId);
  const old = decisionRow(ctx, input.supersededId, { field: 'supersededId' });
  if (d.id === old.id) fail('invalid_input', 'A decision cannot supersede itself.', 'supersededId');
  const reverse = ctx.sql('SELECT 1 FROM supersessions WHERE decision_id = ? AND superseded_id = ?').get(old.id, d.id);
  if (reverse !== undefined) fail('conflict', `"${old.title}" already supersedes "${d.title}".`, 'supersededId');
  const { changes } = ctx.sql('INSERT OR IGNORE INTO supersessions (decision_id, superseded_id) VALUES (?, ?)').run(d.id, old.id);
  if (changes > 0) {
    ctx.record(d.id, 'supersedes_linked', { supersededId: old.id, title: old.title });
    touch(ctx, d.id);
    if (d.status === 'accepted') supersedeLinked(ctx, d.id);
  }
  return decisionDetail(ctx, d.id);
}

export function unlinkSupersedes(ctx: Ctx, input: Parsed<'unlinkSupersedes'>): DecisionDetail {
  const d = decisionRow(ctx, input.decisionId);
  const { changes } = ctx.sql('DELETE FROM supersessions WHERE decision_id = ? AND superseded_id = ?').run(d.id, input.supersededId);
  if (changes === 0) fail('not_found', `Decision ${d.id} does not supersede decision ${input.supersededId}.`, 'supersededId');
  ctx.record(d.id, 'supersedes_unlinked', { supersededId: input.supersededId });
  touch(ctx, d.id);
  return decisionDetail(ctx, d.id);
}
