// Seeded random draws for the robustness figure: the same sequence on every machine. Pure TypeScript.

const BLOCK = 4096;

/** 32 random bits as a uniform strictly inside (0, 1): the samplers take logarithms. */
const toUnit = (bits: number): number => ((bits >>> 0) + 0.5) / 4294967296;

/**
 * sfc32 seeded through splitmix32, drawn in blocks into a typed array. The gamma loop reads the block
 * itself with its own position in a local (faster than calling `next`, whose position lives in memory)
 * and hands the position back when it returns.
 */
export class Bits {
  readonly block = new Int32Array(BLOCK);
  pos = BLOCK;
  /** sfc32's four words, in an array: V8 kept deoptimising the refill when they were fields. */
  private readonly state = new Int32Array(4);
  /** A second stream, seeded apart, for the ziggurats' rare slow paths inside the gamma loop. */
  readonly spare: Bits;

  constructor(seed: number, spare = true) {
    this.spare = spare ? new Bits(seed ^ 0x6a09e667, false) : this;
    let s = seed >>> 0;
    for (let i = 0; i < 4; i++) {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      this.state[i] = z ^ (z >>> 16);
    }
  }

  /** Fills the block afresh and returns the position to read from: 0. */
  refill(): number {
    const { block, state } = this;
    let a = state[0]!;
    let b = state[1]!;
    let c = state[2]!;
    let d = state[3]!;
    for (let i = 0; i < BLOCK; i++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      block[i] = t;
    }
    state[0] = a;
    state[1] = b;
    state[2] = c;
    state[3] = d;
    return (this.pos = 0);
  }

  /** 32 random bits, as a signed integer. */
  next(): number {
    if (this.pos === BLOCK) this.refill();
    return this.block[this.pos++]!;
  }

  unit(): number {
    return toUnit(this.next());
  }

  /** Uniform over 0 … n − 1 (n far below 2³², so the bias is below 1 in 10⁶). */
  below(n: number): number {
    return (this.unit() * n) | 0;
  }
}

// Marsaglia & Tsang's ziggurat for normals (J. Stat. Softw. 5(8), 2000): 128 boxes, one draw, a table look-up
// and one multiply in 98.8 % of draws. The box index is the draw's low 7 bits, as in the original; the slight
// dependence Doornik (2005) measured is far below what 10,000 samples can show.
const ZIG_R = 3.442619855899;
const zigK = new Int32Array(128);
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

// The same paper's ziggurat for exponentials: 256 boxes over the unsigned draw, its low 8 bits the box.
const EXP_R = 7.697117470131487;
const expK = new Uint32Array(256);
const expW = new Float64Array(256);
const expF = new Float64Array(256);
{
  const m2 = 4294967296;
  const v = 3.949659822581572e-3;
  let de = EXP_R;
  let te = de;
  const q = v / Math.exp(-de);
  expK[0] = Math.floor((de / q) * m2);
  expK[1] = 0;
  expW[0] = q / m2;
  expW[255] = de / m2;
  expF[0] = 1;
  expF[255] = Math.exp(-de);
  for (let i = 254; i >= 1; i--) {
    de = -Math.log(v / de + Math.exp(-de));
    expK[i + 1] = Math.floor((de / te) * m2);
    te = de;
    expF[i] = Math.exp(-de);
    expW[i] = de / m2;
  }
}

/** A standard exponential from a first draw `first` (unsigned) that missed the ziggurat's fast path. */
function exponentialBeyond(bits: Bits, first: number): number {
  for (let jz = first; ; jz = bits.next() >>> 0) {
    const iz = jz & 255;
    if (jz < expK[iz]!) return jz * expW[iz]!;
    // Beyond the last box the exponential starts afresh (it has no memory).
    if (iz === 0) return EXP_R - Math.log(bits.unit());
    const x = jz * expW[iz]!;
    if (expF[iz]! + bits.unit() * (expF[iz - 1]! - expF[iz]!) < Math.exp(-x)) return x;
  }
}

/**
 * `count` Gamma(shape, 1) draws into out[at], out[at + stride], …: Marsaglia & Tsang's method (ACM TOMS
 * 26(3), 2000), exact, boosted by u^(1/shape) = exp(−E/shape), E exponential, below shape 1. One shape per
 * call, so that its constants stay out of the loop. A shape of 0 (a criterion with no weight) gives 0.
 */
export function gammas(bits: Bits, shape: number, out: Float64Array, at: number, stride: number, count: number): void {
  const end = at + count * stride;
  if (!(shape > 0)) {
    for (let i = at; i < end; i += stride) out[i] = 0;
    return;
  }
  const boost = shape < 1;
  const d = (boost ? shape + 1 : shape) - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  const inverse = 1 / shape;
  const { block, spare } = bits;
  let pos = bits.pos;
  for (let i = at; i < end; i += stride) {
    let g: number;
    for (;;) {
      // One attempt reads at most three draws straight from the block; the ziggurats' rare slow paths draw
      // from the spare stream, so they never move this position.
      if (pos > BLOCK - 3) pos = bits.refill();
      // A normal, by the ziggurat.
      const hz = block[pos++]!;
      const iz = hz & 127;
      const x = Math.abs(hz) < zigK[iz]! ? hz * zigW[iz]! : normalBeyond(spare, hz);
      let v = 1 + c * x;
      if (v <= 0) continue;
      v = v * v * v;
      const u = toUnit(block[pos++]!);
      const x2 = x * x;
      // The squeeze accepts nearly every draw without a logarithm.
      if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) {
        g = d * v;
        break;
      }
    }
    if (boost) {
      // An exponential, by its ziggurat.
      const jz = block[pos++]! >>> 0;
      const iz = jz & 255;
      g *= Math.exp(-(jz < expK[iz]! ? jz * expW[iz]! : exponentialBeyond(spare, jz)) * inverse);
    }
    out[i] = g;
  }
  bits.pos = pos;
}
