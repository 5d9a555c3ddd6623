// The robustness figure of issue 14: 10,000 samples for a large workshop, against one frame of the results screen.
import { execFileSync } from 'node:child_process';
import type { ScoringInput } from '../../shared/scoring/index.ts';
import { robustness } from '../../shared/scoring/robustness.ts';
import { ms, time, type Row } from './harness.ts';

export const FRAME_MS = 1000 / 60;

/** A workshop of the given shape with every cell scored 1–5 by a fixed pseudo-random rule, and one abstention in 20. */
export function workshopInput(shape: { members: number; options: number; criteria: number }, aggregation: ScoringInput['aggregation']): ScoringInput {
  const members = Array.from({ length: shape.members }, (_, i) => `M${i + 1}`);
  const options = Array.from({ length: shape.options }, (_, i) => `O${i + 1}`);
  const criteria = Array.from({ length: shape.criteria }, (_, i) => `C${i + 1}`);
  let x = 1;
  const next = () => (x = (x * 48271) % 2147483647);
  const scores = Object.fromEntries(
    members.map((m) => [m, Object.fromEntries(options.map((o) => [o, Object.fromEntries(criteria.map((k) => [k, next() % 20 === 0 ? ('abstain' as const) : 1 + (next() % 5)]))]))]),
  );
  return { scale: [1, 5], aggregation, members, options, criteria, weights: Object.fromEntries(criteria.map((k, i) => [k, 1 + (i % 5)])), scores };
}

export async function robustnessBenchmarks({ samples, runs, large }: { samples: number; runs: number; large: { members: number; options: number; criteria: number } }): Promise<Row[]> {
  const shape = { members: 15, options: 4, criteria: 12 };
  const what = `robustness figure: ${samples.toLocaleString('en')} samples, ${shape.criteria} criteria × ${shape.options} options × ${shape.members} members`;
  const mean = workshopInput(shape, 'mean');
  // The first figure after start runs before the JIT has warmed up: what a facilitator waits for once.
  // Measured in a fresh process, since the benchmarks before this one have warmed this one.
  const script = `const { robustness } = await import(${JSON.stringify(new URL('../../shared/scoring/robustness.ts', import.meta.url).href)});
    const { workshopInput } = await import(${JSON.stringify(import.meta.url)});
    const input = workshopInput(${JSON.stringify(shape)}, 'mean');
    const t = performance.now();
    robustness(input, { samples: ${samples} });
    process.stdout.write(String(performance.now() - t));`;
  const cold = Number(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' }));
  const warm = await time(() => robustness(mean, { samples }), { runs, warmup: 2 });
  const median = await time(() => robustness(workshopInput(shape, 'median'), { samples }), { runs, warmup: 2 });
  // The store benchmark's large decision: what a reveal costs there once, before the figure is cached.
  const big = await time(() => robustness(workshopInput(large, 'mean'), { samples }), { runs: Math.max(2, Math.round(runs / 5)), warmup: 1 });
  const frames = (s: number) => `${(s / FRAME_MS).toFixed(2)} of a frame`;
  return [
    { what: `${what} (team mean)`, measured: ms(warm), against: `one frame: ${FRAME_MS.toFixed(1)} ms`, ratio: frames(warm.median), goal: '≤ 0.5 of a frame', met: warm.median <= FRAME_MS / 2 },
    { what: `${what} (team median)`, measured: ms(median), against: `one frame: ${FRAME_MS.toFixed(1)} ms`, ratio: frames(median.median), goal: '— (reported)', met: null },
    {
      what: `robustness figure: ${samples.toLocaleString('en')} samples, ${large.criteria} criteria × ${large.options} options × ${large.members} members (team mean)`,
      measured: ms(big),
      against: `one frame: ${FRAME_MS.toFixed(1)} ms`,
      ratio: frames(big.median),
      goal: '— (reported; once per change of votes or weights)',
      met: null,
    },
    { what: `${what}, first after start (JIT cold)`, measured: `${cold.toFixed(1)} ms`, against: `one frame: ${FRAME_MS.toFixed(1)} ms`, ratio: frames(cold), goal: '— (reported; computed once per change of votes or weights, then cached)', met: null },
  ];
}
