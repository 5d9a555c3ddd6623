import { describe, expect, it } from 'vitest';
import { Bits, gammas } from '../../shared/scoring/random.ts';

const N = 200_000;

function draw(shape: number, n = N): Float64Array {
  const out = new Float64Array(n);
  gammas(new Bits(7), shape, out, 0, 1, n);
  return out;
}

const meanOf = (xs: Float64Array) => xs.reduce((s, x) => s + x, 0) / xs.length;
const varianceOf = (xs: Float64Array) => {
  const m = meanOf(xs);
  return xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
};
const shareBelow = (xs: Float64Array, x: number) => xs.reduce((n, v) => n + (v <= x ? 1 : 0), 0) / xs.length;

describe('seeded random draws', () => {
  it('repeat exactly for a seed and differ between seeds', () => {
    const a = new Bits(14);
    const b = new Bits(14);
    const c = new Bits(15);
    const first = Array.from({ length: 5000 }, () => a.next());
    expect(Array.from({ length: 5000 }, () => b.next())).toEqual(first);
    expect(Array.from({ length: 5000 }, () => c.next())).not.toEqual(first);
    expect(draw(0.7, 1000)).toEqual(draw(0.7, 1000));
  });

  it('draw gammas with the right mean and variance, below shape 1 (boosted) and above', () => {
    for (const shape of [0.05, 0.3, 0.91, 1, 2.5, 18]) {
      const xs = draw(shape);
      // Gamma(a, 1): mean a, variance a; the variance of the sample variance is (2a² + 6a)/N.
      expect(Math.abs(meanOf(xs) - shape)).toBeLessThan(5 * Math.sqrt(shape / N));
      expect(Math.abs(varianceOf(xs) - shape)).toBeLessThan(5 * Math.sqrt((2 * shape ** 2 + 6 * shape) / N));
      expect(xs.every((x) => x >= 0 && Number.isFinite(x))).toBe(true);
    }
  });

  it('match exact tail probabilities: shape 1 is exponential, twice a shape ½ is a squared normal', () => {
    const se = (p: number) => 5 * Math.sqrt((p * (1 - p)) / N);
    const exp3 = Math.exp(-3);
    expect(Math.abs(1 - shareBelow(draw(1), 3) - exp3)).toBeLessThan(se(exp3));
    // P(Z² ≤ 1) = P(|Z| ≤ 1) = 0.682689…; P(Z² ≤ 0.01) = P(|Z| ≤ 0.1) = 0.0796557…
    expect(Math.abs(shareBelow(draw(0.5), 0.5) - 0.682689492)).toBeLessThan(se(0.682689492));
    expect(Math.abs(shareBelow(draw(0.5), 0.005) - 0.079655674)).toBeLessThan(se(0.079655674));
  });

  it('write every stride-th slot from `at` and give 0 for a shape of 0', () => {
    const out = new Float64Array(12).fill(-1);
    gammas(new Bits(1), 2, out, 1, 3, 4);
    expect([...out].map((x, i) => (i % 3 === 1 ? x > 0 : x === -1))).toEqual(Array(12).fill(true));
    gammas(new Bits(1), 0, out, 1, 3, 4);
    expect([1, 4, 7, 10].map((i) => out[i])).toEqual([0, 0, 0, 0]);
  });
});
