// Finding the rows a handler works on, with the error a user should see when they are not there.
import { fail } from '../../shared/reply.ts';
import type { Status } from '../../shared/status.ts';
import type { Role, RoundKind } from '../../shared/types.ts';
import { votingRoles } from '../../shared/types.ts';
import type { Ctx } from '../context.ts';

export interface DecisionRow {
  id: number;
  title: string;
  status: Status;
  context: string;
  drivers: string;
  chosen_option_id: number | null;
  outcome_rationale: string;
  consequences_good: string;
  consequences_bad: string;
  confirmation: string;
  more_info: string;
  tags: string;
  scale_min: number;
  scale_max: number;
  aggregation: 'mean' | 'median';
  weighting: 'direct' | 'voted';
  anonymous: 0 | 1;
  record_names: 'names' | 'roles' | 'nobody';
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface OptionRow {
  id: number;
  decision_id: number;
  position: number;
  name: string;
  description: string;
}

export interface CriterionRow extends OptionRow {
  weight: number;
}

export interface RoundRow {
  id: number;
  decision_id: number;
  seq: number;
  kind: RoundKind;
  criterion_id: number | null;
  status: 'open' | 'revealed';
  opened_at: string;
  revealed_at: string | null;
}

export interface ParticipantRow {
  person_id: number;
  name: string;
  role: Role;
}

/** A decision that exists; trashed ones only when `trashed` allows it. */
export function decisionRow(ctx: Ctx, id: number, { trashed = false, field = 'decisionId' } = {}): DecisionRow {
  const row = ctx.sql<DecisionRow>('SELECT * FROM decisions WHERE id = ?').get(id);
  if (row === undefined) fail('not_found', `There is no decision ${id}.`, field);
  if (row.deleted_at !== null && !trashed) fail('not_found', `Decision ${id} ("${row.title}") is in the trash; restore it first.`, field);
  return row;
}

export function touch(ctx: Ctx, decisionId: number): void {
  ctx.sql('UPDATE decisions SET updated_at = ? WHERE id = ?').run(ctx.now(), decisionId);
}

function itemRow<R extends OptionRow>(ctx: Ctx, table: 'options' | 'criteria', id: number, field: string, decisionId?: number): R {
  const what = table === 'options' ? 'option' : 'criterion';
  const row = ctx.sql<R>(`SELECT * FROM ${table} WHERE id = ?`).get(id);
  // Another decision's item is "not found", like a missing one: its name must not reach a participant's phone.
  if (row === undefined || (decisionId !== undefined && row.decision_id !== decisionId)) {
    fail('not_found', decisionId === undefined ? `There is no ${what} ${id}.` : `This decision has no ${what} ${id}.`, field);
  }
  decisionRow(ctx, row.decision_id, { field });
  return row;
}

export const optionRow = (ctx: Ctx, id: number, decisionId?: number, field = 'optionId'): OptionRow =>
  itemRow<OptionRow>(ctx, 'options', id, field, decisionId);

export const criterionRow = (ctx: Ctx, id: number, decisionId?: number, field = 'criterionId'): CriterionRow =>
  itemRow<CriterionRow>(ctx, 'criteria', id, field, decisionId);

export function optionsOf(ctx: Ctx, decisionId: number): OptionRow[] {
  return ctx.sql<OptionRow>('SELECT * FROM options WHERE decision_id = ? ORDER BY position, id').all(decisionId);
}

export function criteriaOf(ctx: Ctx, decisionId: number): CriterionRow[] {
  return ctx.sql<CriterionRow>('SELECT * FROM criteria WHERE decision_id = ? ORDER BY position, id').all(decisionId);
}

export function participantsOf(ctx: Ctx, decisionId: number): ParticipantRow[] {
  return ctx
    .sql<ParticipantRow>(
      'SELECT p.person_id, pe.name, p.role FROM participants p JOIN people pe ON pe.id = p.person_id WHERE p.decision_id = ? ORDER BY p.position, pe.name',
    )
    .all(decisionId);
}

export function openRoundOf(ctx: Ctx, decisionId: number): RoundRow | undefined {
  return ctx.sql<RoundRow>("SELECT * FROM rounds WHERE decision_id = ? AND status = 'open'").get(decisionId);
}

/** Changes to what is on the ballot wait until the open round is revealed or cancelled. */
export function requireNoOpenRound(ctx: Ctx, decisionId: number, doing: string): void {
  const open = openRoundOf(ctx, decisionId);
  if (open !== undefined) fail('round_open', `Round ${open.seq} is open: reveal or cancel it before ${doing}.`);
}

export function requireOpenRound(ctx: Ctx, decisionId: number): RoundRow {
  return openRoundOf(ctx, decisionId) ?? fail('round_closed', 'No round is open for this decision; open a round first.');
}

/** A participant of the decision who may vote. */
export function voter(ctx: Ctx, decisionId: number, personId: number, field = 'memberId'): ParticipantRow {
  const row = ctx
    .sql<ParticipantRow>('SELECT p.person_id, pe.name, p.role FROM participants p JOIN people pe ON pe.id = p.person_id WHERE p.decision_id = ? AND p.person_id = ?')
    .get(decisionId, personId);
  if (row === undefined) fail('not_found', `Person ${personId} is not a participant of this decision.`, field);
  if (!votingRoles.includes(row.role)) fail('invalid_input', `${row.name} is only informed of this decision and does not vote.`, field);
  return row;
}
