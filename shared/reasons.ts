// What members wrote on one cell of the results, as the screen, the command line and the record all show it.
import type { Results } from './types.ts';

export interface CellReason {
  /** Index into `results.members`. */
  member: number;
  /** The vote's score now (null: abstained). */
  score: number | null;
  /** The reason as typed, newlines kept. */
  text: string;
  /** The earlier round it was written in, when the member re-voted without a new one; null for this round's. */
  round: number | null;
}

const written = (s: string) => s.trim() !== '';

/**
 * Each member's reason for a cell: this round's, else the earlier one the results carry. Highest score first, then by
 * text, so the order follows the votes and never the roster (an anonymous decision's "Member N" stays nobody).
 */
export function cellReasons(results: Results, optionId: number, criterionId: number): CellReason[] {
  return results.votes
    .filter((v) => v.optionId === optionId && v.criterionId === criterionId)
    .flatMap((v): CellReason[] => {
      if (written(v.why)) return [{ member: v.member, score: v.score, text: v.why, round: null }];
      return v.earlier && written(v.earlier.why) ? [{ member: v.member, score: v.score, text: v.earlier.why, round: v.earlier.round }] : [];
    })
    .sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
}
