// Casting and clearing votes in the open round, and a member's own ballot.
import type { Parsed } from '../../shared/api.ts';
import { fail } from '../../shared/reply.ts';
import type { Ballot, BallotCell, BallotUpdate } from '../../shared/types.ts';
import type { Ctx } from '../context.ts';
import { criterionRow, decisionRow, optionRow, requireOpenRound, voter, type DecisionRow, type RoundRow } from './lookup.ts';
import { cellsPerMember } from './rounds.ts';

interface Seat {
  decision: DecisionRow;
  round: RoundRow;
  memberId: number;
}

/** The open round of the wanted kind and a member allowed to vote in it. */
function seat(ctx: Ctx, decisionId: number, memberId: number, kind?: RoundRow['kind']): Seat {
  const decision = decisionRow(ctx, decisionId);
  const round = requireOpenRound(ctx, decision.id);
  if (kind !== undefined && round.kind !== kind) {
    fail(
      'invalid_input',
      round.kind === 'scores' ? 'The open round scores options; cast scores, not importance.' : 'The open round votes on weights; cast importance, not scores.',
      kind === 'scores' ? 'score' : 'importance',
    );
  }
  voter(ctx, decision.id, memberId);
  return { decision, round, memberId };
}

function checkCriterion(ctx: Ctx, s: Seat, criterionId: number): void {
  const c = criterionRow(ctx, criterionId, s.decision.id);
  if (s.round.criterion_id !== null && s.round.criterion_id !== c.id) {
    const only = criterionRow(ctx, s.round.criterion_id);
    fail('invalid_input', `This round re-votes only "${only.name}", not "${c.name}".`, 'criterionId');
  }
}

function checkValue(s: Seat, value: number | 'abstain', field: string): number | null {
  if (value === 'abstain') return null;
  const { scale_min: min, scale_max: max } = s.decision;
  if (value < min || value > max) fail('invalid_input', `The ${field} must be a whole number from ${min} to ${max}, or "abstain" (got ${value}).`, field);
  return value;
}

function ballotOf(ctx: Ctx, s: Seat): Ballot {
  const cells: BallotCell[] =
    s.round.kind === 'scores'
      ? ctx
          .sql<BallotCell>(
            'SELECT option_id AS optionId, criterion_id AS criterionId, score AS value, why FROM score_votes WHERE round_id = ? AND person_id = ? ORDER BY option_id, criterion_id',
          )
          .all(s.round.id, s.memberId)
      : ctx
          .sql<BallotCell>(
            'SELECT NULL AS optionId, criterion_id AS criterionId, importance AS value, why FROM importance_votes WHERE round_id = ? AND person_id = ? ORDER BY criterion_id',
          )
          .all(s.round.id, s.memberId);
  const done = ctx.sql('SELECT 1 FROM ballots_done WHERE round_id = ? AND person_id = ?').get(s.round.id, s.memberId) !== undefined;
  return {
    decisionId: s.decision.id,
    roundId: s.round.id,
    kind: s.round.kind,
    criterionId: s.round.criterion_id,
    memberId: s.memberId,
    done,
    filled: cells.length,
    total: cellsPerMember(ctx, s.round),
    cells,
  };
}

/** One cell as it now is, with the ballot's counts: what casting and clearing answer. */
function updateOf(ctx: Ctx, s: Seat, optionId: number | null, criterionId: number): BallotUpdate {
  const cell =
    optionId === null
      ? ctx
          .sql<BallotCell>('SELECT NULL AS optionId, criterion_id AS criterionId, importance AS value, why FROM importance_votes WHERE round_id = ? AND person_id = ? AND criterion_id = ?')
          .get(s.round.id, s.memberId, criterionId)
      : ctx
          .sql<BallotCell>('SELECT option_id AS optionId, criterion_id AS criterionId, score AS value, why FROM score_votes WHERE round_id = ? AND person_id = ? AND option_id = ? AND criterion_id = ?')
          .get(s.round.id, s.memberId, optionId, criterionId);
  const table = s.round.kind === 'scores' ? 'score_votes' : 'importance_votes';
  const { n: filled } = ctx.sql<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE round_id = ? AND person_id = ?`).get(s.round.id, s.memberId)!;
  const done = ctx.sql('SELECT 1 FROM ballots_done WHERE round_id = ? AND person_id = ?').get(s.round.id, s.memberId) !== undefined;
  return { decisionId: s.decision.id, roundId: s.round.id, memberId: s.memberId, optionId, criterionId, cell: cell ?? null, done, filled, total: cellsPerMember(ctx, s.round) };
}

// Events name the cell and the member, never the value: the history is readable before the reveal.
export function castScore(ctx: Ctx, input: Parsed<'castScore'>): BallotUpdate {
  const s = seat(ctx, input.decisionId, input.memberId, 'scores');
  optionRow(ctx, input.optionId, s.decision.id);
  checkCriterion(ctx, s, input.criterionId);
  const score = checkValue(s, input.score, 'score');
  ctx
    .sql(
      `INSERT INTO score_votes (round_id, person_id, option_id, criterion_id, score, why, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT DO UPDATE SET score = excluded.score, why = excluded.why, updated_at = excluded.updated_at`,
    )
    .run(s.round.id, s.memberId, input.optionId, input.criterionId, score, input.why ?? '', ctx.now());
  ctx.record(s.decision.id, 'score_cast', { roundId: s.round.id, memberId: s.memberId, optionId: input.optionId, criterionId: input.criterionId });
  return updateOf(ctx, s, input.optionId, input.criterionId);
}

export function clearScore(ctx: Ctx, input: Parsed<'clearScore'>): BallotUpdate {
  const s = seat(ctx, input.decisionId, input.memberId, 'scores');
  optionRow(ctx, input.optionId, s.decision.id);
  checkCriterion(ctx, s, input.criterionId);
  const { changes } = ctx
    .sql('DELETE FROM score_votes WHERE round_id = ? AND person_id = ? AND option_id = ? AND criterion_id = ?')
    .run(s.round.id, s.memberId, input.optionId, input.criterionId);
  if (changes > 0) ctx.record(s.decision.id, 'score_cleared', { roundId: s.round.id, memberId: s.memberId, optionId: input.optionId, criterionId: input.criterionId });
  return updateOf(ctx, s, input.optionId, input.criterionId);
}

export function castImportance(ctx: Ctx, input: Parsed<'castImportance'>): BallotUpdate {
  const s = seat(ctx, input.decisionId, input.memberId, 'weights');
  checkCriterion(ctx, s, input.criterionId);
  const importance = checkValue(s, input.importance, 'importance');
  ctx
    .sql(
      `INSERT INTO importance_votes (round_id, person_id, criterion_id, importance, why, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT DO UPDATE SET importance = excluded.importance, why = excluded.why, updated_at = excluded.updated_at`,
    )
    .run(s.round.id, s.memberId, input.criterionId, importance, input.why ?? '', ctx.now());
  ctx.record(s.decision.id, 'importance_cast', { roundId: s.round.id, memberId: s.memberId, criterionId: input.criterionId });
  return updateOf(ctx, s, null, input.criterionId);
}

export function clearImportance(ctx: Ctx, input: Parsed<'clearImportance'>): BallotUpdate {
  const s = seat(ctx, input.decisionId, input.memberId, 'weights');
  checkCriterion(ctx, s, input.criterionId);
  const { changes } = ctx.sql('DELETE FROM importance_votes WHERE round_id = ? AND person_id = ? AND criterion_id = ?').run(s.round.id, s.memberId, input.criterionId);
  if (changes > 0) ctx.record(s.decision.id, 'importance_cleared', { roundId: s.round.id, memberId: s.memberId, criterionId: input.criterionId });
  return updateOf(ctx, s, null, input.criterionId);
}

/** Marks a ballot finished (or takes that back); votes may still change until the reveal. */
export function finishBallot(ctx: Ctx, input: Parsed<'finishBallot'>): Ballot {
  const s = seat(ctx, input.decisionId, input.memberId);
  const { changes } = input.done
    ? ctx.sql('INSERT OR IGNORE INTO ballots_done (round_id, person_id, finished_at) VALUES (?, ?, ?)').run(s.round.id, s.memberId, ctx.now())
    : ctx.sql('DELETE FROM ballots_done WHERE round_id = ? AND person_id = ?').run(s.round.id, s.memberId);
  if (changes > 0) ctx.record(s.decision.id, input.done ? 'ballot_finished' : 'ballot_reopened', { roundId: s.round.id, memberId: s.memberId });
  return ballotOf(ctx, s);
}

/** The member's own ballot in the open round: the one read of values before the reveal, for that member's seat. */
export function ballot(ctx: Ctx, input: Parsed<'ballot'>): Ballot {
  return ballotOf(ctx, seat(ctx, input.decisionId, input.memberId));
}
