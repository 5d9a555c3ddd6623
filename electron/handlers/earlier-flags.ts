// Which cells an earlier revealed round flagged, so a re-vote that settles a disagreement does not hide that there was one.
import { cellStats } from '../../shared/scoring/index.ts';
import type { ResultCell } from '../../shared/types.ts';
import type { Ctx } from '../context.ts';
import type { DecisionRow } from './lookup.ts';

export type EarlierFlag = NonNullable<ResultCell['flaggedBefore']>;

export const cellKey = (optionId: number, criterionId: number): string => `${optionId}:${criterionId}`;

/**
 * Per cell, the latest revealed scores round before the one whose votes are shown that flagged it, by the results'
 * own rule (`cellStats`). `before(criterionId)` is that shown round's seq; undefined means none. Ranges and round
 * numbers say nothing about any one member, and open rounds never count.
 */
export function earlierFlags(ctx: Ctx, d: DecisionRow, before: (criterionId: number) => number | undefined): Map<string, EarlierFlag> {
  const rows = ctx
    .sql<{ option_id: number; criterion_id: number; score: number; seq: number }>(
      `SELECT v.option_id, v.criterion_id, v.score, r.seq FROM score_votes v JOIN rounds r ON r.id = v.round_id
       WHERE r.decision_id = ? AND r.kind = 'scores' AND r.status = 'revealed' AND v.score IS NOT NULL`,
    )
    .all(d.id);
  const scores = new Map<string, { optionId: number; criterionId: number; seq: number; values: number[] }>();
  for (const v of rows) {
    const limit = before(v.criterion_id);
    if (limit === undefined || v.seq >= limit) continue;
    const key = `${cellKey(v.option_id, v.criterion_id)}:${v.seq}`;
    if (!scores.has(key)) scores.set(key, { optionId: v.option_id, criterionId: v.criterion_id, seq: v.seq, values: [] });
    scores.get(key)!.values.push(v.score);
  }
  const found = new Map<string, EarlierFlag>();
  for (const { optionId, criterionId, seq, values } of scores.values()) {
    if (!cellStats(values, [d.scale_min, d.scale_max], d.aggregation).flagged) continue;
    const key = cellKey(optionId, criterionId);
    if ((found.get(key)?.round ?? 0) < seq) found.set(key, { round: seq, min: Math.min(...values), max: Math.max(...values) });
  }
  return found;
}
