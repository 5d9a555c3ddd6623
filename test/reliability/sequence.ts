// The crash test's endless vote sequence, shared by the child that casts it and the test that checks it.
import type { DecisionDetail } from '../../shared/types.ts';

/** The i-th vote of the endless sequence: cells in turn, the score cycling 1–5, the index in "why". */
export function nthVote(d: DecisionDetail, i: number) {
  const members = d.participants.map((p) => p.personId);
  const cells = members.length * d.options.length * d.criteria.length;
  const c = i % cells;
  return {
    decisionId: d.id,
    memberId: members[c % members.length]!,
    optionId: d.options[Math.floor(c / members.length) % d.options.length]!.id,
    criterionId: d.criteria[Math.floor(c / (members.length * d.options.length))]!.id,
    score: 1 + (Math.floor(i / cells) % 5),
    why: `v${i}`,
  };
}
