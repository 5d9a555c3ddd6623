// How sure is the winner over every plausible weighting: docs/ROBUSTNESS.md explains the method.
// Seeded, so the same decision always gets the same figure. Pure TypeScript, no I/O.
import { listOf, score, type Names, type ScoringInput } from './index.ts';

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
 * Resampling the members costs about ten times a weighting, so each resample scores this many weightings:
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
 * sfc32 seeded through splitmix32: the same 32-bit sequence on every machine. Drawn in blocks into a typed
 * array, so that a draw in the sampling loop is an array read, not a call that allocates a number.
 */
class Bits {
  readonly block = new Int32Array(4096);
  pos = 4096;
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const split = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) | 0;
    };
    this.a = split();
    this.b = split();
    this.c = split();
    this.d = split();
  }

  private refill(): void {
    let { a, b, c, d } = this;
    const block = this.block;
    for (let i = 0; i < block.length; i++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      block[i] = t;
    }
    Object.assign(this, { a, b, c, d, pos: 0 });
  }

  next(): number {
    if (this.pos === this.block.length) this.refill();
    return this.block[this.pos++]!;
  }

  /** Uniform strictly inside (0, 1): the samplers take logarithms. */
  unit(): number {
    return ((this.next() >>> 0) + 0.5) / 4294967296;
  }

  // Normals and uniforms for the hot loops, made in blocks too. The loops read these arrays themselves and
  // call only the refills, which return nothing: a call returning a fresh double would allocate it.
  readonly normals = new Float64Array(1024);
  normalPos = 1024;
  readonly units = new Float64Array(1024);
  unitPos = 1024;

  refillNormals(): void {
    for (let i = 0; i < this.normals.length; i++) {
      const hz = this.next();
      const iz = hz & 127;
      // The ziggurat's fast path inline; the rare rest continues from the same draw.
      this.normals[i] = Math.abs(hz) < zigK[iz]! ? hz * zigW[iz]! : normalBeyond(this, hz);
    }
    this.normalPos = 0;
  }

  refillUnits(): void {
    for (let i = 0; i < this.units.length; i++) this.units[i] = this.unit();
    this.unitPos = 0;
  }
}

// Marsaglia & Tsang's ziggurat for normals (J. Stat. Softw. 5(8), 2000): 128 boxes, one draw, a table look-up
// and one multiply in 98.8 % of draws. The box index is the draw's low 7 bits, as in the original; the slight
// dependence Doornik (2005) measured is far below what 10,000 samples can show.
const ZIG_R = 3.442619855899;
const zigK = new Uint32Array(128);
const zigW = new Float64Array(128);
const zigF = new Float64Array(128);
{
  const m1 = 2147483648;
  const v = 9.91256303526217e-3;
  let dn = ZIG_R;
  let tn = dn;
  const q = v / Math.exp(-0.5 * dn * dn);
  zigK[0] = Math.floor((dn / q) * m1);
  zigK[1] = 0;
  zigW[0] = q / m1;
  zigW[127] = dn / m1;
  zigF[0] = 1;
  zigF[127] = Math.exp(-0.5 * dn * dn);
  for (let i = 126; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(v / dn + Math.exp(-0.5 * dn * dn)));
    zigK[i + 1] = Math.floor((dn / tn) * m1);
    tn = dn;
    zigF[i] = Math.exp(-0.5 * dn * dn);
    zigW[i] = dn / m1;
  }
}

/** A standard normal from a first draw `hz` that missed the ziggurat's fast path: its wedges and tail. */
function normalBeyond(bits: Bits, first: number): number {
  for (let hz = first; ; hz = bits.next()) {
    const iz = hz & 127;
    const x = hz * zigW[iz]!;
    if (Math.abs(hz) < zigK[iz]!) return x;
    if (iz === 0) {
      // The tail beyond r, by Marsaglia's exponential method.
      let t: number;
      let y: number;
      do {
        t = -Math.log(bits.unit()) / ZIG_R;
        y = -Math.log(bits.unit());
      } while (y + y < t * t);
      return hz > 0 ? ZIG_R + t : -ZIG_R - t;
    }
    if (zigF[iz]! + bits.unit() * (zigF[iz - 1]! - zigF[iz]!) < Math.exp(-0.5 * x * x)) return x;
  }
}

/**
 * Dirichlet(α) draws into `out`, each component a Marsaglia–Tsang gamma (ACM TOMS 26(3), 2000) with the
 * boost u^(1/a) for a < 1, then normalised. A zero α stays 0: the team gave that criterion no weight.
 */
class Dirichlet {
  private readonly d: Float64Array;
  private readonly c: Float64Array;
  private readonly total: number;
  private readonly inverse: Float64Array;

  constructor(private readonly alpha: Float64Array) {
    this.d = alpha.map((a) => (a < 1 ? a + 1 : a) - 1 / 3);
    this.c = this.d.map((x) => 1 / Math.sqrt(9 * x));
    this.total = alpha.reduce((x, y) => x + y, 0);
    this.inverse = alpha.map((a) => 1 / a);
  }

  draw(bits: Bits, out: Float64Array): void {
    const { alpha, d, c, inverse } = this;
    const { normals, units } = bits;
    let sum = 0;
    for (let k = 0; k < alpha.length; k++) {
      const a = alpha[k]!;
      if (!(a > 0)) {
        out[k] = 0;
        continue;
      }
      const dk = d[k]!;
      const ck = c[k]!;
      let g: number;
      for (;;) {
        if (bits.normalPos === normals.length) bits.refillNormals();
        const x = normals[bits.normalPos++]!;
        let t = 1 + ck * x;
        if (t <= 0) continue;
        t = t * t * t;
        if (bits.unitPos === units.length) bits.refillUnits();
        const u = units[bits.unitPos++]!;
        const x2 = x * x;
        if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + dk * (1 - t + Math.log(t))) {
          g = dk * t;
          break;
        }
      }
      if (a < 1) {
        if (bits.unitPos === units.length) bits.refillUnits();
        // u^(1/a), as exp and log: Math.pow was the costliest line of the loop.
        g *= Math.exp(Math.log(units[bits.unitPos++]!) * inverse[k]!);
      }
      out[k] = g;
      sum += g;
    }
    // Every component underflowed (only possible with tiny α): fall back to the centre.
    for (let k = 0; k < alpha.length; k++) out[k] = sum > 0 ? out[k]! / sum : alpha[k]! / this.total;
  }
}

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

/**
 * The share of plausible weightings, with scores resampled over members, under which each complete
 * option comes first. null when fewer than two options are complete: there is nothing to compare.
 */
export function robustness(input: RobustnessInput, settings: RobustnessOptions = {}): Robustness | null {
  const samples = Math.max(1, Math.floor(settings.samples ?? DEFAULT_SAMPLES));
  const seed = settings.seed ?? DEFAULT_SEED;
  const base = score(input);
  const options = base.ranking;
  if (options.length < 2) return null;
  const { criteria, members, aggregation } = input;
  const O = options.length;
  const K = criteria.length;
  const M = members.length;
  const weights = criteria.map((k) => base.weights[k]!);
  const fromVotes = concentrationFromVotes(criteria, base.weights, input.weightVotes);
  const concentration = fromVotes?.concentration ?? DEFAULT_CONCENTRATION;
  const alpha = weights.map((w) => w * concentration);

  // Member-major rows of O·K cells: a member's score (0 where they abstained) and whether they scored.
  const OK = O * K;
  const vals = new Float64Array(M * OK);
  const has = new Float64Array(M * OK);
  members.forEach((m, mi) =>
    options.forEach((o, oi) =>
      criteria.forEach((k, ki) => {
        const v = input.scores[m]?.[o]?.[k];
        if (typeof v === 'number') {
          vals[mi * OK + oi * K + ki] = v;
          has[mi * OK + oi * K + ki] = 1;
        }
      }),
    ),
  );
  // Each member's unscored cells, for counting a cell's voters by subtraction: abstentions are rare.
  const gapStart = new Int32Array(M + 1);
  const gapList: number[] = [];
  for (let m = 0; m < M; m++) {
    for (let j = 0; j < OK; j++) if (has[m * OK + j] === 0) gapList.push(j);
    gapStart[m + 1] = gapList.length;
  }
  const gaps = Int32Array.from(gapList);
  const team = new Float64Array(OK);
  options.forEach((o, oi) => criteria.forEach((k, ki) => (team[oi * K + ki] = base.cells[o]![k]!.value!)));

  const bits = new Bits(seed);
  const dirichlet = new Dirichlet(Float64Array.from(alpha));
  const w = new Float64Array(K);
  const count = new Int32Array(M);
  const sum = new Float64Array(OK);
  const n = new Float64Array(OK);
  const value = new Float64Array(OK);
  const total = new Float64Array(O);
  const wins = new Float64Array(O);
  // For medians: each cell's distinct scores in order (levels, from levelStart[j]), and each vote's index
  // among them (level; −1 where the member abstained).
  const levelStart = new Int32Array(OK + 1);
  const level = new Int32Array(M * OK).fill(-1);
  const sorted: number[][] = [];
  for (let j = 0; j < OK; j++) {
    const distinct = new Set<number>();
    for (let m = 0; m < M; m++) if (has[m * OK + j] === 1) distinct.add(vals[m * OK + j]!);
    sorted.push([...distinct].sort((a, b) => a - b));
    levelStart[j + 1] = levelStart[j]! + distinct.size;
    for (let m = 0; m < M; m++) if (has[m * OK + j] === 1) level[m * OK + j] = sorted[j]!.indexOf(vals[m * OK + j]!);
  }
  const levels = Float64Array.from(sorted.flat());
  const hist = new Float64Array(levels.length);

  const resample = () => {
    count.fill(0);
    if (M === 1) count[0] = 1;
    else for (let i = 0; i < M; i++) count[(bits.unit() * M) | 0]!++;
    if (aggregation === 'mean') {
      sum.fill(0);
      n.fill(M);
      for (let m = 0; m < M; m++) {
        const c = count[m]!;
        if (c === 0) continue;
        const at = m * OK;
        for (let j = 0; j < OK; j++) sum[j] = sum[j]! + c * vals[at + j]!;
        for (let g = gapStart[m]!; g < gapStart[m + 1]!; g++) n[gaps[g]!] = n[gaps[g]!]! - c;
      }
      // A cell every drawn member abstained on keeps the team's value rather than dropping the option.
      for (let j = 0; j < OK; j++) value[j] = n[j]! > 0 ? sum[j]! / n[j]! : team[j]!;
    } else {
      // Medians from a histogram over each cell's distinct scores: no sorting per sample.
      hist.fill(0);
      n.fill(0);
      for (let m = 0; m < M; m++) {
        const c = count[m]!;
        if (c === 0) continue;
        const at = m * OK;
        for (let j = 0; j < OK; j++) {
          const i = level[at + j]!;
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
  };

  for (let s = 0; s < samples; s++) {
    // Weights: one Dirichlet draw centred on the team's.
    dirichlet.draw(bits, w);
    // Scores: a fresh resample of the members for every WEIGHTINGS_PER_RESAMPLE weightings.
    if (s % WEIGHTINGS_PER_RESAMPLE === 0) resample();

    let best = -Infinity;
    for (let o = 0; o < O; o++) {
      let t = 0;
      for (let k = 0; k < K; k++) t += w[k]! * value[o * K + k]!;
      total[o] = t;
      if (t > best) best = t;
    }
    let tied = 0;
    for (let o = 0; o < O; o++) if (best - total[o]! <= EPSILON) tied++;
    for (let o = 0; o < O; o++) if (best - total[o]! <= EPSILON) wins[o] = wins[o]! + 1 / tied;
  }

  const top = base.totals[options[0]!]!.score!;
  return {
    samples,
    seed,
    concentration,
    width: fromVotes ? 'votes' : 'default',
    weightVoters: fromVotes?.voters ?? 0,
    members: M,
    resamples: Math.ceil(samples / WEIGHTINGS_PER_RESAMPLE),
    leaders: options.filter((o) => top - base.totals[o]!.score! <= EPSILON),
    wins: options.map((o, i) => ({ option: o, share: wins[i]! / samples })),
  };
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
