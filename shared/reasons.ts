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

/** A cell an earlier round flagged that is not flagged now: the disagreement, where it stands, and what was written on it. */
export interface RevotedCell {
  optionId: number;
  criterionId: number;
  /** The latest earlier round that flagged it, with its lowest and highest score. */
  before: { round: number; min: number; max: number };
  /** The lowest and highest score now; null when nobody scored it now. */
  now: { min: number; max: number } | null;
  /**
   * Settled: everyone who scored it then scored it again, and agrees now. Otherwise still open: someone abstained
   * or stayed away, so the agreement that is left settles nothing (and must not vanish from view either).
   */
  settled: boolean;
  reasons: CellReason[];
}

/**
 * The cells a re-vote took out of the flagged ones, criteria in their order, options in theirs — the discussion a
 * reader of the record most wants to see. One list for the screen, the command line and the record.
 */
export function revotedCells(results: Results): RevotedCell[] {
  const criteria = results.weights.map((w) => w.criterionId);
  return results.cells
    .filter((c) => c.flaggedBefore !== null && !c.flagged)
    .sort((a, b) => criteria.indexOf(a.criterionId) - criteria.indexOf(b.criterionId))
    .map((c): RevotedCell => {
      const scores = results.votes.flatMap((v) => (v.optionId === c.optionId && v.criterionId === c.criterionId && v.score !== null ? [v.score] : []));
      const now = scores.length ? { min: Math.min(...scores), max: Math.max(...scores) } : null;
      const { round, min, max, everyoneAgain } = c.flaggedBefore!;
      return { optionId: c.optionId, criterionId: c.criterionId, before: { round, min, max }, now, settled: everyoneAgain && now !== null, reasons: cellReasons(results, c.optionId, c.criterionId) };
    });
}

/** Where a re-voted cell stands, in words: "2 to 5 in round 1, now 4 to 5", or why it is still open. */
export function revotedSpan(x: RevotedCell): string {
  const then = `${scoreSpan(x.before)} in round ${x.before.round}`;
  if (x.settled) return `${then}, now ${scoreSpan(x.now!)}`;
  return `${then}; ${x.now ? `now ${scoreSpan(x.now)}, but ` : ''}not everyone who scored it then scored it again`;
}

/** "2 to 5", or "all 4" when everyone gave the same score. */
export const scoreSpan = ({ min, max }: { min: number; max: number }): string => (min === max ? `all ${min}` : `${min} to ${max}`);
