// How sure is the winner over every plausible weighting: docs/ROBUSTNESS.md explains the method.
// Seeded, so the same decision always gets the same figure. Pure TypeScript, no I/O.
import { listOf, score, type Names, type ScoringInput } from './index.ts';
import { Bits, gammas } from './random.ts';

export interface RobustnessInput extends ScoringInput {
  /** member → criterion → importance, when the team voted its weights; their spread sets the width. */
  weightVotes?: Readonly<Record<string, Readonly<Record<string, number | null>>>>;
}

export interface RobustnessOptions {
  samples?: number;
  seed?: number;
}

export interface Robustness {
  samples: number;
  seed: number;
  /** The Dirichlet's concentration κ (α_k = κ·w_k): the larger, the closer the draws stay to the team's weights. */
  concentration: number;
  /** Where the width came from: the members' own weight votes, or the default. */
  width: 'votes' | 'default';
  /** Members whose complete weight votes set the width (0 with the default). */
  weightVoters: number;
  /** Members resampled for the scores (1: nothing to resample). */
  members: number;
  /** Resamples of the members drawn, each scoring WEIGHTINGS_PER_RESAMPLE weightings. */
  resamples: number;
  /** The team's first place now: one option, or several on a dead heat. */
  leaders: string[];
  /** Each complete option's share of the samples in which it comes first (a tie in a sample is split), in ranking order. */
  wins: { option: string; share: number }[];
}

export const DEFAULT_SAMPLES = 10_000;
export const DEFAULT_SEED = 14;
/**
 * Resampling the members costs several weightings (more, the more members and cells), so each resample scores this many weightings:
 * every sample still has its own weighting (the figure counts weightings), at a cost in precision
 * docs/ROBUSTNESS.md states.
 */
export const WEIGHTINGS_PER_RESAMPLE = 10;
/** κ when nobody voted weights: a 25 % weight then varies by about ±8 points (one standard deviation). */
export const DEFAULT_CONCENTRATION = 30;
/** Bounds on κ from votes: below 1 the draws pile onto corners; above 10,000 they are the team's weights. */
export const MIN_CONCENTRATION = 1;
export const MAX_CONCENTRATION = 10_000;
const EPSILON = 1e-9;

/**
 * κ from the members' own weightings: the Dirichlet's total variance (1 − Σw²)/(κ + 1) set equal to the
 * members' mean squared distance from the team's weights. Only members who rated every criterion count.
 */
export function concentrationFromVotes(
  criteria: readonly string[],
  weights: Readonly<Record<string, number>>,
  votes: RobustnessInput['weightVotes'],
): { concentration: number; voters: number } | null {
  const vectors: number[][] = [];
  for (const byCriterion of Object.values(votes ?? {})) {
    const raw = criteria.map((k) => byCriterion[k]);
    if (raw.some((v) => typeof v !== 'number' || !(v >= 0))) continue;
    const sum = (raw as number[]).reduce((s, v) => s + v, 0);
    if (sum > 0) vectors.push((raw as number[]).map((v) => v / sum));
  }
  if (vectors.length < 2) return null;
  const spread = vectors.reduce((s, v) => s + criteria.reduce((t, k, i) => t + (v[i]! - weights[k]!) ** 2, 0), 0) / vectors.length;
  const room = 1 - criteria.reduce((s, k) => s + weights[k]! ** 2, 0);
  const concentration = spread <= 0 ? MAX_CONCENTRATION : Math.min(MAX_CONCENTRATION, Math.max(MIN_CONCENTRATION, room / spread - 1));
  return { concentration, voters: vectors.length };
}

/** Weightings drawn at a time, one criterion after another, so that each gamma loop keeps one shape's constants. */
const CHUNK = 100 * WEIGHTINGS_PER_RESAMPLE;

/**
 * The share of plausible weightings, with scores resampled over members, under which each complete
 * option comes first. null when fewer than two options are complete: there is nothing to compare.
 */
export function robustness(input: RobustnessInput, settings: RobustnessOptions = {}): Robustness | null {
  const steps = robustnessSteps(input, settings);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/**
 * The same figure computed in steps, returning what `robustness` returns, bit for bit. It pauses (yields) after
 * scoring, after setting up the resampling, after each criterion's draws and after each resample with its
 * weightings: steps of microseconds for 12 criteria × 4 options × 15 members (the set-up of 30 × 20 × 50 takes
 * a few milliseconds), so a caller can stop at any time budget and spread the work over the event loop.
 */
export function* robustnessSteps(input: RobustnessInput, settings: RobustnessOptions = {}): Generator<void, Robustness | null, void> {
  const samples = Math.max(1, Math.floor(settings.samples ?? DEFAULT_SAMPLES));
  const seed = settings.seed ?? DEFAULT_SEED;
  const base = score(input);
  const options = base.ranking;
  if (options.length < 2) return null;
  yield;
  const { criteria } = input;
  const fromVotes = concentrationFromVotes(criteria, base.weights, input.weightVotes);
  const concentration = fromVotes?.concentration ?? DEFAULT_CONCENTRATION;
  const alpha = criteria.map((k) => base.weights[k]! * concentration);

  const members = new MemberResampler(input, options, base);
  yield;
  const wins = yield* countWins(samples, seed, alpha, members, options.length);
  const top = base.totals[options[0]!]!.score!;
  return {
    samples,
    seed,
    concentration,
    width: fromVotes ? 'votes' : 'default',
    weightVoters: fromVotes?.voters ?? 0,
    members: input.members.length,
    resamples: Math.ceil(samples / WEIGHTINGS_PER_RESAMPLE),
    leaders: options.filter((o) => top - base.totals[o]!.score! <= EPSILON),
    wins: options.map((o, i) => ({ option: o, share: wins[i]! / samples })),
  };
}

/** How many of the samples each option comes first in (a tie split), drawn from `seed`; pauses between steps of the work. */
function* countWins(samples: number, seed: number, alpha: readonly number[], members: MemberResampler, O: number): Generator<void, Float64Array, void> {
  const K = alpha.length;
  const L = (O - 1) * K;
  const bits = new Bits(seed);
  const value = new Float64Array(O * K);
  const drawn = new Float64Array(CHUNK * K);
  const leads = new Float64Array((CHUNK / WEIGHTINGS_PER_RESAMPLE) * L);
  const total = new Float64Array(O);
  const wins = new Float64Array(O);
  for (let first = 0; first < samples; first += CHUNK) {
    const n = Math.min(CHUNK, samples - first);
    // Weights: a Dirichlet draw is K independent gammas divided by their sum. The division is left out:
    // it scales every option's score alike, so it cannot change which option comes first.
    for (let k = 0; k < K; k++) {
      gammas(bits, alpha[k]!, drawn, k, K, n);
      yield;
    }
    // Scores: a fresh resample of the members for every WEIGHTINGS_PER_RESAMPLE weightings, as each
    // option's cells minus the first option's; then those weightings' winners.
    for (let r = 0; r * WEIGHTINGS_PER_RESAMPLE < n; r++) {
      members.resample(bits, value);
      for (let j = K; j < O * K; j++) leads[r * L + j - K] = value[j]! - value[j % K]!;
      const end = Math.min(n, (r + 1) * WEIGHTINGS_PER_RESAMPLE);
      for (let i = r * WEIGHTINGS_PER_RESAMPLE; i < end; i++) countFirst(drawn, i * K, K, leads, r * L, total, wins);
      yield;
    }
  }
  return wins;
}

/**
 * One sample's winner under the weights g[at … at+K). `lead` from `from` holds each other option's cells
 * minus the first option's (rows of K for options 1 … O−1), so the first option's total is 0 and costs nothing.
 * Every option within EPSILON (of the normalised score) of the best gets an equal part of the sample.
 */
function countFirst(g: Float64Array, at: number, K: number, lead: Float64Array, from: number, total: Float64Array, wins: Float64Array): void {
  let sum = 0;
  for (let k = 0; k < K; k++) sum += g[at + k]!;
  let best = 0;
  for (let o = 1, row = from; o < total.length; o++, row += K) {
    let t = 0;
    for (let k = 0; k < K; k++) t += g[at + k]! * lead[row + k]!;
    total[o] = t;
    if (t > best) best = t;
  }
  // All gammas 0 (no criteria, or none with weight) leaves every option tied.
  const tolerance = EPSILON * sum;
  let tied = 0;
  for (let o = 0; o < total.length; o++) if (best - total[o]! <= tolerance) tied++;
  for (let o = 0; o < total.length; o++) if (best - total[o]! <= tolerance) wins[o] = wins[o]! + 1 / tied;
}

/** The bootstrap over members: each resample's cells, aggregated as the decision says. */
class MemberResampler {
  private readonly M: number;
  private readonly OK: number;
  private readonly median: boolean;
  /** Member-major rows of O·K cells: a member's score, 0 where they abstained. */
  private readonly vals: Float64Array;
  /** Each member's unscored cells (gaps from gapStart[m]), for counting a cell's voters by subtraction: abstentions are rare. */
  private readonly gapStart: Int32Array;
  private readonly gaps: Int32Array;
  /** The team's cells, for a cell every drawn member abstained on. */
  private readonly team: Float64Array;
  /** For medians: each cell's distinct scores in order (levels, from levelStart[j]) and each vote's index among them (−1: abstained). */
  private readonly levelStart: Int32Array;
  private readonly levels: Float64Array;
  private readonly level: Int32Array;
  private readonly count: Int32Array;
  private readonly sum: Float64Array;
  private readonly n: Float64Array;
  private readonly hist: Float64Array;

  constructor(input: ScoringInput, options: readonly string[], base: ReturnType<typeof score>) {
    const { members, criteria } = input;
    const M = members.length;
    const K = criteria.length;
    const OK = options.length * K;
    this.M = M;
    this.OK = OK;
    this.median = input.aggregation === 'median';
    this.vals = new Float64Array(M * OK);
    const has = new Uint8Array(M * OK);
    members.forEach((m, mi) =>
      options.forEach((o, oi) =>
        criteria.forEach((k, ki) => {
          const v = input.scores[m]?.[o]?.[k];
          if (typeof v === 'number') {
            this.vals[mi * OK + oi * K + ki] = v;
            has[mi * OK + oi * K + ki] = 1;
          }
        }),
      ),
    );
    this.gapStart = new Int32Array(M + 1);
    const gapList: number[] = [];
    for (let m = 0; m < M; m++) {
      for (let j = 0; j < OK; j++) if (has[m * OK + j] === 0) gapList.push(j);
      this.gapStart[m + 1] = gapList.length;
    }
    this.gaps = Int32Array.from(gapList);
    this.team = new Float64Array(OK);
    options.forEach((o, oi) => criteria.forEach((k, ki) => (this.team[oi * K + ki] = base.cells[o]![k]!.value!)));

    this.levelStart = new Int32Array(OK + 1);
    this.level = new Int32Array(M * OK).fill(-1);
    const sorted: number[][] = [];
    for (let j = 0; j < OK; j++) {
      const distinct = new Set<number>();
      for (let m = 0; m < M; m++) if (has[m * OK + j] === 1) distinct.add(this.vals[m * OK + j]!);
      sorted.push([...distinct].sort((a, b) => a - b));
      this.levelStart[j + 1] = this.levelStart[j]! + distinct.size;
      for (let m = 0; m < M; m++) if (has[m * OK + j] === 1) this.level[m * OK + j] = sorted[j]!.indexOf(this.vals[m * OK + j]!);
    }
    this.levels = Float64Array.from(sorted.flat());
    this.count = new Int32Array(M);
    this.sum = new Float64Array(OK);
    this.n = new Float64Array(OK);
    this.hist = new Float64Array(this.levels.length);
  }

  /** Draws M members with replacement and writes the cells they give into `value`. */
  resample(bits: Bits, value: Float64Array): void {
    const { M, count } = this;
    count.fill(0);
    if (M === 1) count[0] = 1;
    else for (let i = 0; i < M; i++) count[bits.below(M)]!++;
    if (this.median) this.medians(value);
    else this.means(value);
  }

  private means(value: Float64Array): void {
    const { M, OK, count, vals, sum, n, gapStart, gaps, team } = this;
    sum.fill(0);
    n.fill(M);
    // Two drawn members at a time: half as many passes over the sums.
    let pending = -1;
    for (let m = 0; m < M; m++) {
      const c = count[m]!;
      if (c === 0) continue;
      for (let g = gapStart[m]!; g < gapStart[m + 1]!; g++) n[gaps[g]!] = n[gaps[g]!]! - c;
      if (pending < 0) {
        pending = m;
        continue;
      }
      const p = count[pending]!;
      for (let j = 0, a = pending * OK, b = m * OK; j < OK; j++) sum[j] = sum[j]! + p * vals[a + j]! + c * vals[b + j]!;
      pending = -1;
    }
    if (pending >= 0) for (let j = 0, a = pending * OK, p = count[pending]!; j < OK; j++) sum[j] = sum[j]! + p * vals[a + j]!;
    // A cell every drawn member abstained on keeps the team's value rather than dropping the option.
    for (let j = 0; j < OK; j++) value[j] = n[j]! > 0 ? sum[j]! / n[j]! : team[j]!;
  }

  /** Medians from a histogram over each cell's distinct scores: no sorting per resample. */
  private medians(value: Float64Array): void {
    const { M, OK, count, level, levelStart, levels, n, hist, team } = this;
    hist.fill(0);
    n.fill(0);
    for (let m = 0; m < M; m++) {
      const c = count[m]!;
      if (c === 0) continue;
      for (let j = 0, at = m * OK; j < OK; j++, at++) {
        const i = level[at]!;
        if (i < 0) continue;
        hist[levelStart[j]! + i] = hist[levelStart[j]! + i]! + c;
        n[j] = n[j]! + c;
      }
    }
    for (let j = 0; j < OK; j++) {
      const len = n[j]!;
      if (len === 0) {
        value[j] = team[j]!;
        continue;
      }
      // The (len+1)/2-th value when len is odd; the mean of the len/2-th and the next when even.
      const lo = Math.floor((len + 1) / 2);
      const hi = Math.floor(len / 2) + 1;
      let seen = 0;
      let low = NaN;
      for (let i = levelStart[j]!; ; i++) {
        seen += hist[i]!;
        if (low !== low && seen >= lo) low = levels[i]!;
        if (seen >= hi) {
          value[j] = (low + levels[i]!) / 2;
          break;
        }
      }
    }
  }
}

/** Whole percent, never rounding a near-certainty up to 100 % or a rare win down to 0 %. */
export function wholePercent(share: number): string {
  const p = Math.round(share * 100);
  if (p === 100 && share < 1) return 'more than 99 %';
  if (p === 0 && share > 0) return 'less than 1 %';
  return `${p} %`;
}

/** "Django stays first in 94 % of 10,000 plausible weightings", or each leader's share on a dead heat. */
export function describeRobustness(r: Robustness | null, names: Pick<Names, 'option'> = { option: (id) => id }): string | null {
  if (r === null) return null;
  const share = new Map(r.wins.map((x) => [x.option, x.share]));
  const count = r.samples.toLocaleString('en');
  if (r.leaders.length === 1) {
    const leader = r.leaders[0]!;
    const won = share.get(leader)!;
    return `${names.option(leader)} stays first in ${won === 1 ? 'all' : `${wholePercent(won)} of`} ${count} plausible weightings.`;
  }
  const parts = r.leaders.map((o, i) => `${names.option(o)}${i === 0 ? ' comes first' : ''} in ${wholePercent(share.get(o)!)}`);
  return `Over ${count} plausible weightings, ${listOf(parts)}.`;
}
