// Which cells an earlier revealed round flagged, so a re-vote that settles a disagreement does not hide that there was one.
import { cellStats } from '../../shared/scoring/index.ts';
import type { ResultCell } from '../../shared/types.ts';
import type { Ctx } from '../context.ts';
import type { DecisionRow } from './lookup.ts';

export type EarlierFlag = NonNullable<ResultCell['flaggedBefore']>;

/** An earlier flag with who scored the cell then: only to tell whether they all scored it again, never shown. */
export type FoundFlag = Omit<EarlierFlag, 'everyoneAgain'> & { scorers: Set<number> };

export const cellKey = (optionId: number, criterionId: number): string => `${optionId}:${criterionId}`;

/**
 * Per cell, the latest revealed scores round before the one whose votes are shown that flagged it, by the results'
 * own rule (`cellStats`). `before(criterionId)` is that shown round's seq; undefined means none. Ranges and round
 * numbers say nothing about any one member, and open rounds never count.
 */
export function earlierFlags(ctx: Ctx, d: DecisionRow, before: (criterionId: number) => number | undefined): Map<string, FoundFlag> {
  const rows = ctx
    .sql<{ person_id: number; option_id: number; criterion_id: number; score: number; seq: number }>(
      `SELECT v.person_id, v.option_id, v.criterion_id, v.score, r.seq FROM score_votes v JOIN rounds r ON r.id = v.round_id
       WHERE r.decision_id = ? AND r.kind = 'scores' AND r.status = 'revealed' AND v.score IS NOT NULL
         -- The latest revealed round is nobody's earlier round: a decision with one round reads nothing here.
         AND r.seq < (SELECT max(seq) FROM rounds WHERE decision_id = r.decision_id AND kind = 'scores' AND status = 'revealed')`,
    )
    .all(d.id);
  const scores = new Map<string, { optionId: number; criterionId: number; seq: number; values: number[]; scorers: Set<number> }>();
  for (const v of rows) {
    const limit = before(v.criterion_id);
    if (limit === undefined || v.seq >= limit) continue;
    const key = `${cellKey(v.option_id, v.criterion_id)}:${v.seq}`;
    if (!scores.has(key)) scores.set(key, { optionId: v.option_id, criterionId: v.criterion_id, seq: v.seq, values: [], scorers: new Set() });
    scores.get(key)!.values.push(v.score);
    scores.get(key)!.scorers.add(v.person_id);
  }
  const found = new Map<string, FoundFlag>();
  for (const { optionId, criterionId, seq, values, scorers } of scores.values()) {
    if (!cellStats(values, [d.scale_min, d.scale_max], d.aggregation).flagged) continue;
    const key = cellKey(optionId, criterionId);
    if ((found.get(key)?.round ?? 0) < seq) found.set(key, { round: seq, min: Math.min(...values), max: Math.max(...values), scorers });
  }
  return found;
}
