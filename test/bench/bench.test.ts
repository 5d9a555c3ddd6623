// The benchmarks must keep running: a quick pass at small sizes, checking the table's shape — never a timing.
import { describe, expect, it } from 'vitest';
import { stats, table } from './harness.ts';
import { runBenchmarks } from './run.ts';

describe('npm run bench', () => {
  it('summarises samples as median, min, max and p95', () => {
    expect(stats([5, 1, 4, 2, 3])).toEqual({ median: 3, min: 1, max: 5, p95: 5, runs: 5 });
    expect(stats([1, 2, 3, 4]).median).toBe(2.5);
  });

  it('runs every store, scan and start-up benchmark at small sizes and prints one row each', async () => {
    // Packing has its own test (test/electron/package.test.ts).
    const rows = await runBenchmarks({ quick: true, renderer: false, pack: false });
    expect(rows.map((r) => r.what.split(' ').slice(0, 3).join(' '))).toEqual([
      'casting a vote',
      'results for 5',
      'exporting the large',
      'database size per',
      'scanning a repository',
      '`verdict --help`: process',
      '`verdict list` on',
      'web mode: process',
      'robustness figure: 1,000',
      'robustness figure: 1,000',
      'robustness figure: 1,000',
      'robustness figure: 1,000',
      'keypress → answer',
      'keypress → answer',
    ]);
    for (const r of rows) {
      expect(r.measured).toMatch(/\d/);
      if (r.goal.startsWith('≤') || r.goal.startsWith('≥')) expect(typeof r.met).toBe('boolean');
    }
    expect(table(rows).split('\n')).toHaveLength(rows.length + 2);
  }, 120_000);
});
