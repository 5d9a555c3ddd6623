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

/** A cell an earlier round flagged and a re-vote settled: the disagreement, how it ended, and what was written on it. */
export interface SettledCell {
  optionId: number;
  criterionId: number;
  /** The latest earlier round that flagged it, with its lowest and highest score. */
  before: { round: number; min: number; max: number };
  /** The lowest and highest score now. */
  now: { min: number; max: number };
  reasons: CellReason[];
}

/**
 * The cells a re-vote settled (flagged in an earlier round, not now, scored now), criteria in their order, options in
 * theirs — the discussion a reader of the record most wants to see. One list for the screen, the command line and
 * the record.
 */
export function settledCells(results: Results): SettledCell[] {
  const criteria = results.weights.map((w) => w.criterionId);
  return results.cells
    // Settled only when everyone who disagreed then has voted again: one who abstained or stayed away settled nothing.
    .filter((c) => c.flaggedBefore !== null && c.flaggedBefore.everyoneAgain && !c.flagged)
    .sort((a, b) => criteria.indexOf(a.criterionId) - criteria.indexOf(b.criterionId))
    .flatMap((c): SettledCell[] => {
      const scores = results.votes.flatMap((v) => (v.optionId === c.optionId && v.criterionId === c.criterionId && v.score !== null ? [v.score] : []));
      // Everyone abstained in the re-vote: nothing was settled.
      if (scores.length === 0) return [];
      const now = { min: Math.min(...scores), max: Math.max(...scores) };
      return [{ optionId: c.optionId, criterionId: c.criterionId, before: c.flaggedBefore!, now, reasons: cellReasons(results, c.optionId, c.criterionId) }];
    });
}

/** "2 to 5", or "all 4" when everyone gave the same score. */
export const scoreSpan = ({ min, max }: { min: number; max: number }): string => (min === max ? `all ${min}` : `${min} to ${max}`);
