// Reasons from earlier rounds, so a re-vote does not lose them. The rule, one place for the ballot and the results:
// for a member and a cell, the earlier reason is the one from the latest revealed round of the same kind, before
// the round in question, in which that member wrote a reason for that cell. Open rounds never count: their
// reasons are as hidden as their votes.
import type { EarlierReason, RoundKind } from '../../shared/types.ts';
import type { Ctx } from '../context.ts';

export interface MemberReason extends EarlierReason {
  personId: number;
}

export const reasonKey = (personId: number, optionId: number | null, criterionId: number): string => `${personId}:${optionId ?? 'w'}:${criterionId}`;

/**
 * One earlier reason per member and cell, for the members given (all when omitted). `before(criterionId)` is the
 * seq of the round whose votes are shown for that criterion: only rounds before it count; undefined means none.
 */
export function earlierReasons(ctx: Ctx, decisionId: number, kind: RoundKind, before: (criterionId: number) => number | undefined, personId?: number): MemberReason[] {
  const select =
    kind === 'scores'
      ? 'SELECT v.person_id, v.option_id, v.criterion_id, v.why, r.seq FROM score_votes v'
      : 'SELECT v.person_id, NULL AS option_id, v.criterion_id, v.why, r.seq FROM importance_votes v';
  const rows = ctx
    .sql<{ person_id: number; option_id: number | null; criterion_id: number; why: string; seq: number }>(
      `${select} JOIN rounds r ON r.id = v.round_id
       WHERE r.decision_id = ? AND r.kind = ? AND r.status = 'revealed' AND v.why <> ''${personId === undefined ? '' : ' AND v.person_id = ?'}
       ORDER BY r.seq DESC, option_id, v.criterion_id`,
    )
    .all(...(personId === undefined ? [decisionId, kind] : [decisionId, kind, personId]));
  const found = new Map<string, MemberReason>();
  for (const v of rows) {
    const limit = before(v.criterion_id);
    if (limit === undefined || v.seq >= limit || v.why.trim() === '') continue;
    const key = reasonKey(v.person_id, v.option_id, v.criterion_id);
    // Rows come newest first: the first one kept is the latest earlier round's.
    if (!found.has(key)) found.set(key, { personId: v.person_id, optionId: v.option_id, criterionId: v.criterion_id, round: v.seq, why: v.why });
  }
  return [...found.values()];
}
