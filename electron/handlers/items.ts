// Options, criteria and the evidence notes between them.
import type { Parsed } from '../../shared/api.ts';
import { fail } from '../../shared/reply.ts';
import type { Criterion, Evidence, Option } from '../../shared/types.ts';
import type { Ctx } from '../context.ts';
import { criteriaOf, criterionRow, decisionRow, optionsOf, optionRow, requireNoOpenRound, touch, type CriterionRow, type OptionRow } from './lookup.ts';

type Kind = 'options' | 'criteria';
const noun = { options: 'option', criteria: 'criterion' } as const;

const toOption = (r: OptionRow): Option => ({ id: r.id, name: r.name, description: r.description });
const toCriterion = (r: CriterionRow): Criterion => ({ id: r.id, name: r.name, description: r.description, weight: r.weight });

function requireFreeName(ctx: Ctx, kind: Kind, decisionId: number, name: string, exceptId = 0): void {
  const taken = ctx.sql<{ name: string }>(`SELECT name FROM ${kind} WHERE decision_id = ? AND name = ? AND id <> ?`).get(decisionId, name, exceptId);
  if (taken !== undefined) fail('conflict', `This decision already has ${noun[kind] === 'option' ? 'an option' : 'a criterion'} named "${taken.name}".`, 'name');
}

function insertItem(ctx: Ctx, kind: Kind, decisionId: number, name: string, description: string, weight?: number): number {
  const d = decisionRow(ctx, decisionId);
  requireNoOpenRound(ctx, d.id, `adding ${kind}`);
  requireFreeName(ctx, kind, d.id, name);
  const { position } = ctx.sql<{ position: number }>(`SELECT coalesce(max(position), -1) + 1 AS position FROM ${kind} WHERE decision_id = ?`).get(d.id)!;
  const r =
    kind === 'options'
      ? ctx.sql('INSERT INTO options (decision_id, position, name, description) VALUES (?, ?, ?, ?)').run(d.id, position, name, description)
      : ctx.sql('INSERT INTO criteria (decision_id, position, name, description, weight) VALUES (?, ?, ?, ?, ?)').run(d.id, position, name, description, weight ?? 1);
  const id = Number(r.lastInsertRowid);
  ctx.record(d.id, `${noun[kind]}_added`, { [`${noun[kind]}Id`]: id, name });
  touch(ctx, d.id);
  return id;
}

function updateItem(ctx: Ctx, kind: Kind, row: OptionRow, patch: { name?: string; description?: string; weight?: number }): void {
  if (patch.name !== undefined && patch.name !== row.name) requireFreeName(ctx, kind, row.decision_id, patch.name, row.id);
  const sets = Object.entries(patch).filter(([, v]) => v !== undefined);
  if (sets.length === 0) return;
  ctx.sql(`UPDATE ${kind} SET ${sets.map(([k]) => `${k} = ?`).join(', ')} WHERE id = ?`).run(...sets.map(([, v]) => v), row.id);
  ctx.record(row.decision_id, `${noun[kind]}_updated`, { [`${noun[kind]}Id`]: row.id, name: row.name, ...Object.fromEntries(sets) });
  touch(ctx, row.decision_id);
}

function moveItem(ctx: Ctx, kind: Kind, row: OptionRow, position: number): void {
  const ids = ctx.sql<{ id: number }>(`SELECT id FROM ${kind} WHERE decision_id = ? ORDER BY position, id`).all(row.decision_id).map((r) => r.id);
  const to = Math.min(position, ids.length - 1);
  const order = ids.filter((id) => id !== row.id);
  order.splice(to, 0, row.id);
  order.forEach((id, i) => ctx.sql(`UPDATE ${kind} SET position = ? WHERE id = ?`).run(i, id));
  ctx.record(row.decision_id, `${noun[kind]}_moved`, { [`${noun[kind]}Id`]: row.id, name: row.name, position: to });
  touch(ctx, row.decision_id);
}

function removeItem(ctx: Ctx, kind: Kind, row: OptionRow): void {
  requireNoOpenRound(ctx, row.decision_id, `removing ${kind}`);
  const column = kind === 'options' ? 'option_id' : 'criterion_id';
  const { n: votes } = ctx.sql<{ n: number }>(`SELECT count(*) AS n FROM score_votes WHERE ${column} = ?`).get(row.id)!;
  ctx.sql(`DELETE FROM ${kind} WHERE id = ?`).run(row.id);
  ctx.record(row.decision_id, `${noun[kind]}_removed`, { [`${noun[kind]}Id`]: row.id, name: row.name, votesRemoved: votes });
  touch(ctx, row.decision_id);
}

export function addOption(ctx: Ctx, input: Parsed<'addOption'>): Option {
  return toOption(optionRow(ctx, insertItem(ctx, 'options', input.decisionId, input.name, input.description ?? '')));
}
export function updateOption(ctx: Ctx, input: Parsed<'updateOption'>): Option {
  const row = optionRow(ctx, input.optionId);
  updateItem(ctx, 'options', row, { name: input.name, description: input.description });
  return toOption(optionRow(ctx, row.id));
}
export function moveOption(ctx: Ctx, input: Parsed<'moveOption'>): Option[] {
  const row = optionRow(ctx, input.optionId);
  moveItem(ctx, 'options', row, input.position);
  return optionsOf(ctx, row.decision_id).map(toOption);
}
export function removeOption(ctx: Ctx, input: Parsed<'removeOption'>): { optionId: number } {
  removeItem(ctx, 'options', optionRow(ctx, input.optionId));
  return { optionId: input.optionId };
}

export function addCriterion(ctx: Ctx, input: Parsed<'addCriterion'>): Criterion {
  return toCriterion(criterionRow(ctx, insertItem(ctx, 'criteria', input.decisionId, input.name, input.description ?? '', input.weight)));
}
export function updateCriterion(ctx: Ctx, input: Parsed<'updateCriterion'>): Criterion {
  const row = criterionRow(ctx, input.criterionId);
  // A weight change moves results, not ballots, so it is allowed while a round is open.
  updateItem(ctx, 'criteria', row, { name: input.name, description: input.description, weight: input.weight });
  return toCriterion(criterionRow(ctx, row.id));
}
export function moveCriterion(ctx: Ctx, input: Parsed<'moveCriterion'>): Criterion[] {
  const row = criterionRow(ctx, input.criterionId);
  moveItem(ctx, 'criteria', row, input.position);
  return criteriaOf(ctx, row.decision_id).map(toCriterion);
}
export function removeCriterion(ctx: Ctx, input: Parsed<'removeCriterion'>): { criterionId: number } {
  removeItem(ctx, 'criteria', criterionRow(ctx, input.criterionId));
  return { criterionId: input.criterionId };
}

const evidenceSql = 'SELECT e.id, e.option_id AS optionId, e.criterion_id AS criterionId, e.text, e.source FROM evidence e';

function evidenceRow(ctx: Ctx, id: number): Evidence & { decisionId: number } {
  const row = ctx
    .sql<Evidence & { decisionId: number }>(`${evidenceSql.replace(' FROM', ', o.decision_id AS decisionId FROM')} JOIN options o ON o.id = e.option_id WHERE e.id = ?`)
    .get(id);
  if (row === undefined) fail('not_found', `There is no evidence note ${id}.`, 'evidenceId');
  decisionRow(ctx, row.decisionId, { field: 'evidenceId' });
  return row;
}

const toEvidence = ({ id, optionId, criterionId, text, source }: Evidence): Evidence => ({ id, optionId, criterionId, text, source });

export function addEvidence(ctx: Ctx, input: Parsed<'addEvidence'>): Evidence {
  const option = optionRow(ctx, input.optionId);
  criterionRow(ctx, input.criterionId, option.decision_id);
  const { lastInsertRowid } = ctx.sql('INSERT INTO evidence (option_id, criterion_id, text, source) VALUES (?, ?, ?, ?)').run(option.id, input.criterionId, input.text, input.source ?? '');
  ctx.record(option.decision_id, 'evidence_added', { evidenceId: Number(lastInsertRowid), optionId: option.id, criterionId: input.criterionId });
  touch(ctx, option.decision_id);
  return toEvidence(evidenceRow(ctx, Number(lastInsertRowid)));
}

export function updateEvidence(ctx: Ctx, input: Parsed<'updateEvidence'>): Evidence {
  const row = evidenceRow(ctx, input.evidenceId);
  ctx.sql('UPDATE evidence SET text = ?, source = ? WHERE id = ?').run(input.text ?? row.text, input.source ?? row.source, row.id);
  ctx.record(row.decisionId, 'evidence_updated', { evidenceId: row.id });
  touch(ctx, row.decisionId);
  return toEvidence(evidenceRow(ctx, row.id));
}

export function removeEvidence(ctx: Ctx, input: Parsed<'removeEvidence'>): { evidenceId: number } {
  const row = evidenceRow(ctx, input.evidenceId);
  ctx.sql('DELETE FROM evidence WHERE id = ?').run(row.id);
  ctx.record(row.decisionId, 'evidence_removed', { evidenceId: row.id, text: row.text.slice(0, 200) });
  touch(ctx, row.decisionId);
  return { evidenceId: row.id };
}
