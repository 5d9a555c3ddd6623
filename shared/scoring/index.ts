// Weighted-sum scoring for a team's votes, as ../shared/SCORING.md defines it.
// Pure functions over plain records keyed by id or name; no I/O.

export type Aggregation = 'mean' | 'median';
export type Vote = number | 'abstain';

export interface ScoringInput {
  scale: readonly [number, number];
  aggregation: Aggregation;
  members: readonly string[];
  options: readonly string[];
  criteria: readonly string[];
  /** Raw importances (any non-negative numbers); normalised to sum to 1. */
  weights: Readonly<Record<string, number>>;
  /** member → option → criterion → vote. A missing entry means "did not vote". */
  scores: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, Vote>>>>>>;
}

export interface CellStats {
  n: number;
  mean: number | null;
  median: number | null;
  sd: number | null;
  range: number | null;
  flagged: boolean;
  /** The aggregated value the decision uses (mean or median); null when nobody scored. */
  value: number | null;
}

export interface OptionTotal {
  score: number | null;
  incomplete: boolean;
}

/**
 * The smallest change of one weight that changes the winner. A dead heat for first place is a tie:
 * no criterion, a change of 0, always fragile.
 */
export type Flip =
  | { tie: false; winner: string; challenger: string; criterion: string; weightNow: number; weightAtTie: number; deltaPoints: number; fragile: boolean }
  | { tie: true; winner: string; challenger: string; criterion: null; weightNow: null; weightAtTie: null; deltaPoints: 0; fragile: true; tied: string[] };

export interface ScoringResult {
  weights: Record<string, number>;
  cells: Record<string, Record<string, CellStats>>;
  totals: Record<string, OptionTotal>;
  /** Complete options, best first; equal scores keep the options' order. */
  ranking: string[];
  memberTotals: Record<string, Record<string, number | null>>;
  /** Every single-weight change past which a challenger overtakes the winner; empty on a dead heat. */
  flips: Flip[];
  minimalFlip: Flip | null;
}

/** Scores closer than this are the same score (floating-point noise, not a difference). */
const EPSILON = 1e-9;
/** Under this many percentage points a result is called fragile. */
export const FRAGILE_POINTS = 5;

export function normaliseWeights(criteria: readonly string[], raw: Readonly<Record<string, number>>): Record<string, number> {
  const sum = criteria.reduce((s, k) => s + (raw[k] ?? 0), 0);
  const out: Record<string, number> = {};
  // All-zero weights say nothing about importance: treat the criteria as equal.
  for (const k of criteria) out[k] = sum > 0 ? (raw[k] ?? 0) / sum : 1 / criteria.length;
  return out;
}

export function cellStats(values: readonly number[], scale: readonly [number, number], aggregation: Aggregation): CellStats {
  const n = values.length;
  if (n === 0) return { n, mean: null, median: null, sd: null, range: null, flagged: false, value: null };
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(n / 2);
  const median = n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
  const range = sorted[n - 1]! - sorted[0]!;
  const flagged = range >= (scale[1] - scale[0]) / 2;
  return { n, mean, median, sd, range, flagged, value: aggregation === 'median' ? median : mean };
}

/** Ranks complete options by score, best first; a stable sort keeps ties in the options' order. */
export function rankOptions(options: readonly string[], totals: Readonly<Record<string, OptionTotal>>): string[] {
  return options
    .filter((o) => totals[o]?.score !== null && totals[o] !== undefined)
    .sort((a, b) => {
      const d = totals[b]!.score! - totals[a]!.score!;
      return Math.abs(d) < EPSILON ? 0 : d;
    });
}

export function weightedTotals(
  options: readonly string[],
  criteria: readonly string[],
  weights: Readonly<Record<string, number>>,
  value: (option: string, criterion: string) => number | null,
): Record<string, OptionTotal> {
  const totals: Record<string, OptionTotal> = {};
  for (const o of options) {
    let score = 0;
    let incomplete = false;
    for (const k of criteria) {
      const v = value(o, k);
      if (v === null) incomplete = true;
      else score += weights[k]! * v;
    }
    totals[o] = incomplete ? { score: null, incomplete } : { score, incomplete };
  }
  return totals;
}

/**
 * For every challenger and criterion, the weight of that criterion (the others rescaled in proportion,
 * as a slider does) at which the challenger ties the winner. Only weights strictly inside (0, 1) count:
 * at 0 % or 100 % the two merely draw level, and past the edge there is nowhere to go. On a dead heat
 * there is nothing to search: see minimalFlip.
 */
export function flipCandidates(
  ranking: readonly string[],
  criteria: readonly string[],
  weights: Readonly<Record<string, number>>,
  totals: Readonly<Record<string, OptionTotal>>,
  value: (option: string, criterion: string) => number | null,
): Flip[] {
  if (ranking.length < 2 || topTie(ranking, totals).length > 1) return [];
  const winner = ranking[0]!;
  const out: Flip[] = [];
  for (const challenger of ranking.slice(1)) {
    const D = totals[winner]!.score! - totals[challenger]!.score!;
    for (const k of criteria) {
      const d = value(winner, k)! - value(challenger, k)!;
      // D − d = 0: moving this weight leaves the gap unchanged.
      if (Math.abs(D - d) < EPSILON) continue;
      const w = weights[k]!;
      const atTie = (D - w * d) / (D - d);
      if (!(atTie > EPSILON && atTie < 1 - EPSILON)) continue;
      const deltaPoints = (atTie - w) * 100;
      out.push({ tie: false, winner, challenger, criterion: k, weightNow: w, weightAtTie: atTie, deltaPoints, fragile: Math.abs(deltaPoints) < FRAGILE_POINTS });
    }
  }
  return out;
}

/** The complete options level with the first one now (|D| ≤ 1e-9), in ranking order. */
export function topTie(ranking: readonly string[], totals: Readonly<Record<string, OptionTotal>>): string[] {
  if (ranking.length === 0) return [];
  const top = totals[ranking[0]!]!.score!;
  return ranking.filter((o) => Math.abs(top - totals[o]!.score!) <= EPSILON);
}

/**
 * The minimal flip among the complete options: a dead heat for first place is that tie; otherwise the
 * smallest candidate, ties going to the earlier challenger, then the earlier criterion. null when fewer
 * than two options are complete or no single weight change makes another option win.
 */
export function minimalFlip(ranking: readonly string[], totals: Readonly<Record<string, OptionTotal>>, candidates: readonly Flip[]): Flip | null {
  if (ranking.length < 2) return null;
  const tied = topTie(ranking, totals);
  if (tied.length > 1) return { tie: true, winner: ranking[0]!, challenger: ranking[1]!, criterion: null, weightNow: null, weightAtTie: null, deltaPoints: 0, fragile: true, tied };
  let best: Flip | null = null;
  for (const f of candidates) if (best === null || Math.abs(f.deltaPoints) < Math.abs(best.deltaPoints) - EPSILON) best = f;
  return best;
}

/** Flip candidates and the minimal flip for one set of weights: what Results and the what-if sliders show. */
export function sensitivity(
  ranking: readonly string[],
  criteria: readonly string[],
  weights: Readonly<Record<string, number>>,
  totals: Readonly<Record<string, OptionTotal>>,
  value: (option: string, criterion: string) => number | null,
): { flips: Flip[]; minimalFlip: Flip | null } {
  const flips = flipCandidates(ranking, criteria, weights, totals, value);
  return { flips, minimalFlip: minimalFlip(ranking, totals, flips) };
}

export function score(input: ScoringInput): ScoringResult {
  const { members, options, criteria, scale, aggregation } = input;
  const weights = normaliseWeights(criteria, input.weights);
  const voteOf = (m: string, o: string, k: string): Vote | undefined => input.scores[m]?.[o]?.[k];

  const cells: Record<string, Record<string, CellStats>> = {};
  for (const o of options) {
    cells[o] = {};
    for (const k of criteria) {
      const values: number[] = [];
      for (const m of members) {
        const v = voteOf(m, o, k);
        if (typeof v === 'number') values.push(v);
      }
      cells[o][k] = cellStats(values, scale, aggregation);
    }
  }
  const value = (o: string, k: string): number | null => cells[o]![k]!.value;
  const totals = weightedTotals(options, criteria, weights, value);
  const ranking = rankOptions(options, totals);

  const memberTotals: Record<string, Record<string, number | null>> = {};
  for (const m of members) {
    memberTotals[m] = {};
    for (const o of options) {
      let t: number | null = 0;
      for (const k of criteria) {
        const v = voteOf(m, o, k);
        if (typeof v !== 'number') {
          t = null;
          break;
        }
        t += weights[k]! * v;
      }
      memberTotals[m][o] = t;
    }
  }

  return { weights, cells, totals, ranking, memberTotals, ...sensitivity(ranking, criteria, weights, totals, value) };
}

const percent = (w: number): string => `${Number((w * 100).toFixed(1))} %`;

export interface Names {
  option: (id: string) => string;
  criterion: (id: string) => string;
}
const asIs: Names = { option: (id) => id, criterion: (id) => id };

/** "A", "A and B", "A, B and C". */
export const listOf = (names: readonly string[]): string => (names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`);

/**
 * One sentence on how sensitive the winner is to the weights, for the screen and the ADR.
 * `complete` is how many options have a score on every criterion (only those are compared).
 */
/**
 * The minimal-flip sentence. On a tie, `value` (the team's value of a cell) tells options weights can separate
 * from options scored the same on every criterion, which no weighting separates: a change of weight decides a tie
 * exactly when it is on a criterion where the tied options differ.
 */
export function describeFlip(flip: Flip | null, complete: number, names: Names = asIs, value?: (option: string, criterion: string) => number | null, criteria: readonly string[] = []): string {
  if (flip?.tie) {
    const same = (a: string, b: string) => value !== undefined && criteria.every((k) => Math.abs((value(a, k) ?? NaN) - (value(b, k) ?? NaN)) <= EPSILON);
    // Classes of tied options with the same score on every criterion, in ranking order.
    const classes: string[][] = [];
    for (const o of flip.tied) {
      const mine = classes.find((c) => same(c[0]!, o));
      if (mine) mine.push(o);
      else classes.push([o]);
    }
    const all = listOf(flip.tied.map(names.option));
    if (classes.length === 1) return `${all} are tied with the same score on every criterion: no change of weight separates them.`;
    const inseparable = classes.filter((c) => c.length > 1).map((c) => listOf(c.map(names.option)));
    const but = inseparable.length ? `, but none separates ${inseparable.join(', nor ')}, with the same score on every criterion` : '';
    // Two options: any weight on a criterion where they differ breaks the tie. Three or more: a criterion where
    // only some differ may leave others level, so the sentence says no more than "can".
    const decides = flip.tied.length === 2 ? 'a change of weight on a criterion where they differ decides it' : 'only a change of weight on a criterion where they differ can decide it';
    return `${all} are tied: ${decides}${but}.`;
  }
  if (flip === null) {
    if (complete === 0) return 'No option has a score on every criterion yet, so none can be compared.';
    if (complete === 1) return 'Only one option has a score on every criterion: there is nothing to compare it with.';
    return 'No single weight change makes another option win.';
  }
  const sign = flip.deltaPoints >= 0 ? '+' : '−';
  return (
    `The result is ${flip.fragile ? 'fragile' : 'robust'}: the smallest weight change that changes the winner is ` +
    `${sign}${Math.abs(flip.deltaPoints).toFixed(1)} points on ${names.criterion(flip.criterion)} ` +
    `(${percent(flip.weightNow)} → ${percent(flip.weightAtTie)}).`
  );
}

/** Why an incomplete option is out of the ranking and the flip search: "Pyramid is left out: 3 cells have no score." */
export function describeLeftOut(name: string, emptyCells: number): string {
  return `${name} is left out: ${emptyCells === 1 ? '1 cell has' : `${emptyCells} cells have`} no score.`;
}

/** Display precision for scores: equal at two decimals is a tie. */
export const roundScore = (s: number): number => Math.round(s * 100) / 100;

/** Competition ranks (1, 1, 3…) over scores at display precision. */
export function ranks(scores: readonly number[]): number[] {
  const shown = scores.map(roundScore);
  return shown.map((s) => 1 + shown.filter((o) => o > s).length);
}
