// Voting rounds: open, reveal, cancel, and who has finished. Values stay hidden until the reveal.
import type { Parsed } from '../../shared/api.ts';
import { fail } from '../../shared/reply.ts';
import type { ImportanceVote, MemberProgress, Round, ScoreVote } from '../../shared/types.ts';
import { votingRoles } from '../../shared/types.ts';
import type { Ctx } from '../context.ts';
import { criterionRow, decisionRow, openRoundOf, participantsOf, requireNoOpenRound, requireOpenRound, touch, type RoundRow } from './lookup.ts';

export function cellsPerMember(ctx: Ctx, round: RoundRow): number {
  const { n: criteria } = ctx.sql<{ n: number }>('SELECT count(*) AS n FROM criteria WHERE decision_id = ?').get(round.decision_id)!;
  const perOption = round.criterion_id === null ? criteria : 1;
  if (round.kind === 'weights') return perOption;
  const { n: options } = ctx.sql<{ n: number }>('SELECT count(*) AS n FROM options WHERE decision_id = ?').get(round.decision_id)!;
  return options * perOption;
}

export function progressOf(ctx: Ctx, round: RoundRow): MemberProgress[] {
  const total = cellsPerMember(ctx, round);
  const table = round.kind === 'scores' ? 'score_votes' : 'importance_votes';
  const filled = new Map(
    ctx
      .sql<{ person_id: number; n: number }>(`SELECT person_id, count(*) AS n FROM ${table} WHERE round_id = ? GROUP BY person_id`)
      .all(round.id)
      .map((r) => [r.person_id, r.n]),
  );
  const done = new Set(ctx.sql<{ person_id: number }>('SELECT person_id FROM ballots_done WHERE round_id = ?').all(round.id).map((r) => r.person_id));
  const members = participantsOf(ctx, round.decision_id).filter((p) => votingRoles.includes(p.role) || filled.has(p.person_id));
  return members.map((p) => ({ personId: p.person_id, name: p.name, done: done.has(p.person_id), filled: filled.get(p.person_id) ?? 0, total }));
}

/** A round as the API shows it: values only once revealed. */
export function roundView(ctx: Ctx, round: RoundRow): Round {
  const view: Round = {
    id: round.id,
    seq: round.seq,
    kind: round.kind,
    criterionId: round.criterion_id,
    status: round.status,
    openedAt: round.opened_at,
    revealedAt: round.revealed_at,
    progress: progressOf(ctx, round),
  };
  if (round.status !== 'revealed') return view;
  // An anonymous decision never puts a person beside a value: its votes show only in results, under
  // member labels that the roster cannot map back. Nor beside a count: how many cells each person filled
  // would match a label's number of votes, so after the reveal a person's progress says only finished or not.
  const { anonymous } = ctx.sql<{ anonymous: 0 | 1 }>('SELECT anonymous FROM decisions WHERE id = ?').get(round.decision_id)!;
  if (anonymous) return { ...view, progress: view.progress.map((m) => ({ ...m, filled: m.done ? m.total : 0 })) };
  if (round.kind === 'scores') {
    view.scores = ctx
      .sql<ScoreVote>(
        'SELECT person_id AS personId, option_id AS optionId, criterion_id AS criterionId, score, why FROM score_votes WHERE round_id = ? ORDER BY person_id, option_id, criterion_id',
      )
      .all(round.id);
  } else {
    view.importances = ctx
      .sql<ImportanceVote>(
        'SELECT person_id AS personId, criterion_id AS criterionId, importance, why FROM importance_votes WHERE round_id = ? ORDER BY person_id, criterion_id',
      )
      .all(round.id);
  }
  return view;
}

export function roundsOf(ctx: Ctx, decisionId: number): RoundRow[] {
  return ctx.sql<RoundRow>('SELECT * FROM rounds WHERE decision_id = ? ORDER BY seq').all(decisionId);
}

export function openRound(ctx: Ctx, input: Parsed<'openRound'>): Round {
  const d = decisionRow(ctx, input.decisionId);
  requireNoOpenRound(ctx, d.id, 'opening another');
  if (input.kind === 'weights' && d.weighting !== 'voted') {
    fail('invalid_input', 'This decision sets its weights directly; switch its weighting to "voted" before a weights round.', 'kind');
  }
  const criterion = input.criterionId === undefined ? null : criterionRow(ctx, input.criterionId, d.id);
  const counts = ctx
    .sql<{ options: number; criteria: number; voters: number }>(
      `SELECT (SELECT count(*) FROM options WHERE decision_id = $id) AS options,
              (SELECT count(*) FROM criteria WHERE decision_id = $id) AS criteria,
              (SELECT count(*) FROM participants WHERE decision_id = $id AND role <> 'informed') AS voters`,
    )
    .get({ id: d.id })!;
  if (counts.criteria === 0) fail('invalid_input', 'Add at least one criterion before voting.', 'decisionId');
  if (input.kind === 'scores' && counts.options < 2) fail('invalid_input', 'Add at least two options before voting on them.', 'decisionId');
  if (counts.voters === 0) fail('invalid_input', 'Add at least one participant who votes (facilitator, decision-maker or consulted).', 'decisionId');
  const { seq } = ctx.sql<{ seq: number }>('SELECT coalesce(max(seq), 0) + 1 AS seq FROM rounds WHERE decision_id = ?').get(d.id)!;
  const { lastInsertRowid } = ctx
    .sql("INSERT INTO rounds (decision_id, seq, kind, criterion_id, status, opened_at) VALUES (?, ?, ?, ?, 'open', ?)")
    .run(d.id, seq, input.kind, criterion?.id ?? null, ctx.now());
  const round = ctx.sql<RoundRow>('SELECT * FROM rounds WHERE id = ?').get(lastInsertRowid)!;
  ctx.record(d.id, 'round_opened', { roundId: round.id, seq, kind: input.kind, criterionId: round.criterion_id, criterion: criterion?.name ?? null });
  touch(ctx, d.id);
  return roundView(ctx, round);
}

export function revealRound(ctx: Ctx, input: Parsed<'revealRound'>): Round {
  const d = decisionRow(ctx, input.decisionId);
  const round = requireOpenRound(ctx, d.id);
  const at = ctx.now();
  ctx.sql("UPDATE rounds SET status = 'revealed', revealed_at = ? WHERE id = ?").run(at, round.id);
  // A revealed ballot has nothing left to hide or change: every turn ends.
  ctx.sql('DELETE FROM turns WHERE round_id = ?').run(round.id);
  const finished = progressOf(ctx, round).filter((m) => m.done).length;
  ctx.record(d.id, 'round_revealed', { roundId: round.id, seq: round.seq, kind: round.kind, finished });
  touch(ctx, d.id);
  return roundView(ctx, { ...round, status: 'revealed', revealed_at: at });
}

/** Throws away an open round and its hidden votes (opened by mistake, or the room changed its mind). */
export function cancelRound(ctx: Ctx, input: Parsed<'cancelRound'>): { roundId: number } {
  const d = decisionRow(ctx, input.decisionId);
  const round = requireOpenRound(ctx, d.id);
  ctx.sql('DELETE FROM rounds WHERE id = ?').run(round.id);
  ctx.record(d.id, 'round_cancelled', { roundId: round.id, seq: round.seq, kind: round.kind });
  touch(ctx, d.id);
  return { roundId: round.id };
}

export function progress(ctx: Ctx, input: Parsed<'progress'>): Round | null {
  const d = decisionRow(ctx, input.decisionId);
  const open = openRoundOf(ctx, d.id);
  return open === undefined ? null : roundView(ctx, open);
}
