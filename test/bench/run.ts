// `npm run bench`: every benchmark of docs/PERFORMANCE.md, each against a ceiling measured in the same run.
// Prints the machine and one table; never fails on a timing. `--quick` runs small sizes (used by the smoke test).
import { cpus, loadavg, totalmem, platform, release } from 'node:os';
import { execFileSync } from 'node:child_process';
import { table, type Row } from './harness.ts';
import { packageBenchmarks } from './package.ts';
import { bundleSize, rendererBenchmarks } from './renderer.ts';
import { robustnessBenchmarks } from './robustness.ts';
import { scanBenchmark } from './scan.ts';
import { startupBenchmark } from './startup.ts';
import { storeBenchmarks } from './store.ts';
import { typingBenchmarks } from './typing.ts';
import { chromiumPath } from '../e2e/browser.ts';

export async function runBenchmarks({ quick = false, renderer = true, pack = true } = {}): Promise<Row[]> {
  const rows: Row[] = [];
  // A step that fails is a row of its own, marked, and the rest still run and print.
  const step = async (name: string, run: () => Promise<Row[]>) => {
    process.stderr.write(`bench: ${name}…\n`);
    try {
      rows.push(...(await run()));
    } catch (e) {
      const message = (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 160);
      rows.push({ what: `${name} (step failed)`, measured: `FAILED: ${message}`, against: '—', ratio: '—', goal: 'runs', met: false });
    }
  };
  await step('store', () => storeBenchmarks(quick ? { votes: 50, large: { members: 5, options: 4, criteria: 6 }, sizeVotes: 200, runs: 2 } : { votes: 1000, large: { members: 50, options: 20, criteria: 30 }, sizeVotes: 10_000, runs: 7 }));
  await step('scan', () => scanBenchmark(quick ? { records: 30, runs: 2 } : { records: 1000, runs: 9 }));
  await step('web mode start', () => startupBenchmark({ runs: quick ? 1 : 7 }));
  await step('robustness', () => robustnessBenchmarks(quick ? { samples: 1000, runs: 2, large: { members: 5, options: 4, criteria: 6 } } : { samples: 10_000, runs: 15, large: { members: 50, options: 20, criteria: 30 } }));
  await step('typing while results are recomputed', async () => typingBenchmarks(quick ? { rounds: 3, large: { members: 5, options: 4, criteria: 6 } } : { rounds: 50, large: { members: 50, options: 20, criteria: 30 } }));
  if (renderer) {
    await step('renderer', () => rendererBenchmarks(quick ? { presses: 3, drags: 3, shape: { members: 3, options: 3, criteria: 3 } } : { presses: 100, drags: 100 }));
    rows.push(bundleSize());
  }
  if (pack) await step('package', async () => packageBenchmarks());
  return rows;
}

export function machine(): string {
  const cpu = cpus();
  let browser = 'none';
  const path = chromiumPath();
  if (path) {
    try {
      browser = execFileSync(path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      browser = path;
    }
  }
  return [
    `- CPU: ${cpu[0]?.model ?? 'unknown'} × ${cpu.length} (load average ${loadavg()[0]!.toFixed(2)} when the run ended: the machine may be shared)`,
    `- memory: ${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    `- system: ${platform()} ${release()}`,
    `- Node ${process.versions.node}, SQLite ${process.versions.sqlite ?? '(bundled with better-sqlite3)'}`,
    `- browser: ${browser}`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const quick = process.argv.includes('--quick');
  const rows = await runBenchmarks({ quick });
  console.log(`\nVerdict benchmarks, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC${quick ? ' (quick sizes)' : ''}\n\n${machine()}\n\n${table(rows)}\n`);
  const missed = rows.filter((r) => r.met === false).map((r) => r.what);
  console.log(missed.length ? `Goals missed (a benchmark never fails the build): ${missed.join('; ')}.` : 'Every goal met.');
}
