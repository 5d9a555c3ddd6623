// Casting and clearing votes in the open round, and a member's own ballot, all behind that member's turn:
// a random token bound to decision, round and member, kept (hashed) in the database so every process
// sharing the file sees it. Without a turn a ballot is progress only; with one, only the values written
// in that turn show, so a finished or abandoned ballot stays sealed even to the next person at the screen.
import { createHash, randomBytes } from 'node:crypto';
import type { Parsed } from '../../shared/api.ts';
import { fail } from '../../shared/reply.ts';
import type { Ballot, BallotCell, BallotUpdate, EarlierReason, OpenCell, Turn } from '../../shared/types.ts';
import type { Ctx } from '../context.ts';
import { criterionRow, decisionRow, optionRow, requireOpenRound, voter, type DecisionRow, type RoundRow } from './lookup.ts';
import { earlierReasons } from './reasons.ts';
import { cellsPerMember } from './rounds.ts';

interface Seat {
  decision: DecisionRow;
  round: RoundRow;
  memberId: number;
  name: string;
}

/** A turn lapses after this long without a vote, so a walked-away screen frees the ballot. */
export const TURN_IDLE_MS = 15 * 60_000;

const hashOf = (token: string): string => createHash('sha256').update(token).digest('base64url');
const later = (ctx: Ctx, ms: number): string => new Date(Date.parse(ctx.now()) + ms).toISOString();

interface TurnRow {
  token_hash: string;
  round_id: number;
  person_id: number;
  /** The door that took it: a screen ('desktop', 'web'), a phone ('participant'), the command line. */
  actor: string;
  expires_at: string;
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
  const { name } = voter(ctx, decision.id, memberId);
  return { decision, round, memberId, name };
}

/** The live turn behind a token for this seat, else a refusal; a vote renews it. Returns the token's hash. */
function requireTurn(ctx: Ctx, s: Seat, token: string, renew: boolean): string {
  const hash = hashOf(token);
  const row = ctx.sql<TurnRow>('SELECT * FROM turns WHERE token_hash = ?').get(hash);
  if (row === undefined || row.round_id !== s.round.id || row.person_id !== s.memberId || row.expires_at <= ctx.now()) {
    fail('no_turn', `${s.name}’s ballot is not open on this screen: choose ${s.name}’s name to open it (a turn ends at Finish, Esc, another member’s turn, or after ${TURN_IDLE_MS / 60_000} idle minutes).`, 'turn');
  }
  if (renew) ctx.sql('UPDATE turns SET expires_at = ? WHERE token_hash = ?').run(later(ctx, TURN_IDLE_MS), hash);
  return hash;
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

type CellRow = { optionId: number | null; criterionId: number; value: number | null; why: string; turn: string | null };

const open = (r: CellRow): OpenCell => ({ optionId: r.optionId, criterionId: r.criterionId, sealed: false, value: r.value, why: r.why });

/** The ballot as a turn may see it (`turn` is the token's hash), or progress only without one. */
function ballotOf(ctx: Ctx, s: Seat, turn: string | null): Ballot {
  const rows: CellRow[] =
    s.round.kind === 'scores'
      ? ctx
          .sql<CellRow>(
            'SELECT option_id AS optionId, criterion_id AS criterionId, score AS value, why, turn_hash AS turn FROM score_votes WHERE round_id = ? AND person_id = ? ORDER BY option_id, criterion_id',
          )
          .all(s.round.id, s.memberId)
      : ctx
          .sql<CellRow>(
            'SELECT NULL AS optionId, criterion_id AS criterionId, importance AS value, why, turn_hash AS turn FROM importance_votes WHERE round_id = ? AND person_id = ? ORDER BY criterion_id',
          )
          .all(s.round.id, s.memberId);
  const cells: BallotCell[] =
    turn === null ? [] : rows.map((r) => (r.turn === turn ? open(r) : { optionId: r.optionId, criterionId: r.criterionId, sealed: true }));
  const done = ctx.sql('SELECT 1 FROM ballots_done WHERE round_id = ? AND person_id = ?').get(s.round.id, s.memberId) !== undefined;
  return {
    decisionId: s.decision.id,
    roundId: s.round.id,
    kind: s.round.kind,
    criterionId: s.round.criterion_id,
    memberId: s.memberId,
    done,
    filled: rows.length,
    total: cellsPerMember(ctx, s.round),
    cells,
    earlier: turn === null ? [] : earlierOf(ctx, s),
  };
}

/**
 * The member's own reasons from earlier revealed rounds, for the criteria this round covers, so a re-vote can keep
 * or rewrite them. None in an anonymous decision: anyone at the shared screen can take a member's turn, and
 * their earlier reason would tell which "Member N" of the revealed results they are.
 */
function earlierOf(ctx: Ctx, s: Seat): EarlierReason[] {
  if (s.decision.anonymous) return [];
  const covers = (criterionId: number) => s.round.criterion_id === null || s.round.criterion_id === criterionId;
  return earlierReasons(ctx, s.decision.id, s.round.kind, (c) => (covers(c) ? s.round.seq : undefined), s.memberId).map(({ optionId, criterionId, round, why }) => ({
    optionId,
    criterionId,
    round,
    why,
  }));
}

/** One cell as it now is, with the ballot's counts: what casting and clearing answer. */
function updateOf(ctx: Ctx, s: Seat, optionId: number | null, criterionId: number): BallotUpdate {
  // Only ever the cell this turn just wrote (or null once cleared).
  const row =
    optionId === null
      ? ctx
          .sql<CellRow>('SELECT NULL AS optionId, criterion_id AS criterionId, importance AS value, why, turn_hash AS turn FROM importance_votes WHERE round_id = ? AND person_id = ? AND criterion_id = ?')
          .get(s.round.id, s.memberId, criterionId)
      : ctx
          .sql<CellRow>('SELECT option_id AS optionId, criterion_id AS criterionId, score AS value, why, turn_hash AS turn FROM score_votes WHERE round_id = ? AND person_id = ? AND option_id = ? AND criterion_id = ?')
          .get(s.round.id, s.memberId, optionId, criterionId);
  const cell = row === undefined ? null : open(row);
  const table = s.round.kind === 'scores' ? 'score_votes' : 'importance_votes';
  const { n: filled } = ctx.sql<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE round_id = ? AND person_id = ?`).get(s.round.id, s.memberId)!;
  const done = ctx.sql('SELECT 1 FROM ballots_done WHERE round_id = ? AND person_id = ?').get(s.round.id, s.memberId) !== undefined;
  return { decisionId: s.decision.id, roundId: s.round.id, memberId: s.memberId, optionId, criterionId, cell, done, filled, total: cellsPerMember(ctx, s.round) };
}

/** What a vote's event says: the member and, unless the decision is anonymous, the cell; never the value. */
function cellEvent(s: Seat, optionId: number | null, criterionId: number): Record<string, unknown> {
  // In an anonymous decision, who filled which cell would map revealed votes back to people.
  if (s.decision.anonymous) return { roundId: s.round.id, memberId: s.memberId };
  return optionId === null ? { roundId: s.round.id, memberId: s.memberId, criterionId } : { roundId: s.round.id, memberId: s.memberId, optionId, criterionId };
}

// Events name the cell and the member, never the value: the history is readable before the reveal.
export function castScore(ctx: Ctx, input: Parsed<'castScore'>): BallotUpdate {
  const s = seat(ctx, input.decisionId, input.memberId, 'scores');
  const turn = requireTurn(ctx, s, input.turn, true);
  optionRow(ctx, input.optionId, s.decision.id);
  checkCriterion(ctx, s, input.criterionId);
  const score = checkValue(s, input.score, 'score');
  ctx
    .sql(
      `INSERT INTO score_votes (round_id, person_id, option_id, criterion_id, score, why, updated_at, turn_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT DO UPDATE SET score = excluded.score, why = excluded.why, updated_at = excluded.updated_at, turn_hash = excluded.turn_hash`,
    )
    .run(s.round.id, s.memberId, input.optionId, input.criterionId, score, input.why ?? '', ctx.now(), turn);
  ctx.record(s.decision.id, 'score_cast', cellEvent(s, input.optionId, input.criterionId));
  return updateOf(ctx, s, input.optionId, input.criterionId);
}

export function clearScore(ctx: Ctx, input: Parsed<'clearScore'>): BallotUpdate {
  const s = seat(ctx, input.decisionId, input.memberId, 'scores');
  requireTurn(ctx, s, input.turn, true);
  optionRow(ctx, input.optionId, s.decision.id);
  checkCriterion(ctx, s, input.criterionId);
  const { changes } = ctx
    .sql('DELETE FROM score_votes WHERE round_id = ? AND person_id = ? AND option_id = ? AND criterion_id = ?')
    .run(s.round.id, s.memberId, input.optionId, input.criterionId);
  if (changes > 0) ctx.record(s.decision.id, 'score_cleared', cellEvent(s, input.optionId, input.criterionId));
  return updateOf(ctx, s, input.optionId, input.criterionId);
}

export function castImportance(ctx: Ctx, input: Parsed<'castImportance'>): BallotUpdate {
  const s = seat(ctx, input.decisionId, input.memberId, 'weights');
  const turn = requireTurn(ctx, s, input.turn, true);
  checkCriterion(ctx, s, input.criterionId);
  const importance = checkValue(s, input.importance, 'importance');
  ctx
    .sql(
      `INSERT INTO importance_votes (round_id, person_id, criterion_id, importance, why, updated_at, turn_hash) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT DO UPDATE SET importance = excluded.importance, why = excluded.why, updated_at = excluded.updated_at, turn_hash = excluded.turn_hash`,
    )
    .run(s.round.id, s.memberId, input.criterionId, importance, input.why ?? '', ctx.now(), turn);
  ctx.record(s.decision.id, 'importance_cast', cellEvent(s, null, input.criterionId));
  return updateOf(ctx, s, null, input.criterionId);
}

export function clearImportance(ctx: Ctx, input: Parsed<'clearImportance'>): BallotUpdate {
  const s = seat(ctx, input.decisionId, input.memberId, 'weights');
  requireTurn(ctx, s, input.turn, true);
  checkCriterion(ctx, s, input.criterionId);
  const { changes } = ctx.sql('DELETE FROM importance_votes WHERE round_id = ? AND person_id = ? AND criterion_id = ?').run(s.round.id, s.memberId, input.criterionId);
  if (changes > 0) ctx.record(s.decision.id, 'importance_cleared', cellEvent(s, null, input.criterionId));
  return updateOf(ctx, s, null, input.criterionId);
}

/**
 * Marks a ballot finished, which ends the turn and seals it (or takes that back, keeping the turn);
 * votes may still change, in a new turn, until the reveal.
 */
export function finishBallot(ctx: Ctx, input: Parsed<'finishBallot'>): Ballot {
  const s = seat(ctx, input.decisionId, input.memberId);
  const turn = requireTurn(ctx, s, input.turn, true);
  const { changes } = input.done
    ? ctx.sql('INSERT OR IGNORE INTO ballots_done (round_id, person_id, finished_at) VALUES (?, ?, ?)').run(s.round.id, s.memberId, ctx.now())
    : ctx.sql('DELETE FROM ballots_done WHERE round_id = ? AND person_id = ?').run(s.round.id, s.memberId);
  if (changes > 0) ctx.record(s.decision.id, input.done ? 'ballot_finished' : 'ballot_reopened', { roundId: s.round.id, memberId: s.memberId });
  if (!input.done) return ballotOf(ctx, s, turn);
  ctx.sql('DELETE FROM turns WHERE token_hash = ?').run(turn);
  return ballotOf(ctx, s, null);
}

/** A member's ballot in the open round: progress only, unless the caller holds that member's turn. */
export function ballot(ctx: Ctx, input: Parsed<'ballot'>): Ballot {
  const s = seat(ctx, input.decisionId, input.memberId);
  return ballotOf(ctx, s, input.turn === undefined ? null : requireTurn(ctx, s, input.turn, false));
}

/** Ends a turn if it is live (Esc, another member's turn, a seat reset); ending a spent one is harmless. */
function release(ctx: Ctx, decisionId: number, token: string): boolean {
  const { changes } = ctx
    .sql('DELETE FROM turns WHERE token_hash = ? AND round_id IN (SELECT id FROM rounds WHERE decision_id = ?)')
    .run(hashOf(token), decisionId);
  return changes > 0;
}

/**
 * Grants one screen the member's turn. One screen at a time: while another turn of that member is live,
 * this one is refused rather than letting two copies of the ballot diverge.
 */
export function takeTurn(ctx: Ctx, input: Parsed<'takeTurn'>): Turn {
  const s = seat(ctx, input.decisionId, input.memberId);
  if (input.release !== undefined) release(ctx, s.decision.id, input.release);
  const held = ctx.sql<TurnRow>('SELECT * FROM turns WHERE round_id = ? AND person_id = ?').get(s.round.id, s.memberId);
  if (held !== undefined && held.expires_at > ctx.now()) {
    // A screen may take the ballot from another screen of its kind (a tab closed mid-ballot would otherwise lock
    // the member out until the turn lapses); a phone's ballot is only ever given back by the phone or a seat reset.
    const sameKind = held.actor === ctx.actor;
    if (!input.takeOver || !sameKind) {
      const where = held.actor === 'participant' ? 'on their own device' : 'elsewhere (another window or tab)';
      const then = sameKind ? 'Open it here anyway, or finish or close it there' : held.actor === 'participant' ? 'Finish or close it there, or reset their seat where the doors are open' : 'Finish or close it there';
      // The field says what would resolve it: `takeOver` when this screen may take it, else the member.
      fail('turn_taken', `${s.name}’s ballot is open ${where}. ${then}, or wait until it times out at ${held.expires_at.slice(11, 16)} UTC.`, sameKind && !input.takeOver ? 'takeOver' : 'memberId');
    }
  }
  ctx.sql('DELETE FROM turns WHERE round_id = ? AND person_id = ?').run(s.round.id, s.memberId);
  const token = randomBytes(16).toString('base64url');
  const expiresAt = later(ctx, TURN_IDLE_MS);
  ctx.sql('INSERT INTO turns (token_hash, round_id, person_id, actor, taken_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)').run(hashOf(token), s.round.id, s.memberId, ctx.actor, ctx.now(), expiresAt);
  return { turn: token, memberId: s.memberId, roundId: s.round.id, expiresAt, ballot: ballotOf(ctx, s, hashOf(token)) };
}

export function endTurn(ctx: Ctx, input: Parsed<'endTurn'>): { ended: boolean } {
  decisionRow(ctx, input.decisionId);
  return { ended: release(ctx, input.decisionId, input.turn) };
}
