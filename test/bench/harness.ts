// Timing helpers for `npm run bench`: several runs, median with min and max, and the table the run prints.
import { performance } from 'node:perf_hooks';

export interface Stats {
  median: number;
  min: number;
  max: number;
  p95: number;
  runs: number;
}

export function stats(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)!, p95: at(0.95), runs: sorted.length };
}

/** Milliseconds per call of `fn`, over `runs` runs after `warmup` unmeasured ones. */
export async function time(fn: () => unknown, { runs = 7, warmup = 1 } = {}): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return stats(samples);
}

export interface Row {
  what: string;
  /** What was measured, e.g. "4,210 votes/s" (median), with its spread. */
  measured: string;
  against: string;
  /** measured ÷ ceiling, in the direction the goal states. */
  ratio: string;
  goal: string;
  /** null where there is no goal, only a figure to report. */
  met: boolean | null;
  note?: string;
}

export const ms = (s: Stats) => `${s.median.toFixed(1)} ms (${s.min.toFixed(1)}–${s.max.toFixed(1)})`;
export const perSecond = (count: number, s: Stats) => `${Math.round((count * 1000) / s.median).toLocaleString('en')}/s (${Math.round((count * 1000) / s.max).toLocaleString('en')}–${Math.round((count * 1000) / s.min).toLocaleString('en')})`;

export function table(rows: readonly Row[]): string {
  const header = '| what | measured (median, min–max) | measured against | ratio | goal | met |\n|---|---|---|---|---|---|';
  const mark = (m: boolean | null) => (m === null ? '—' : m ? 'yes' : '**no**');
  return [header, ...rows.map((r) => `| ${r.what} | ${r.measured} | ${r.against} | ${r.ratio} | ${r.goal} | ${mark(r.met)} |`)].join('\n');
}
