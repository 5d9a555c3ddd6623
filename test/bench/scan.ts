// Scanning a repository of 1,000 ADRs in mixed conventions, against reading the same files' bytes alone.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openService } from '../../electron/service.ts';
import { writeAdrCorpus } from '../adr-corpus.ts';
import { ms, time, type Row } from './harness.ts';

export async function scanBenchmark({ records, runs }: { records: number; runs: number }): Promise<Row[]> {
  const repo = mkdtempSync(join(tmpdir(), 'verdict-bench-scan-'));
  try {
    mkdirSync(join(repo, '.git'));
    const adr = join(repo, 'docs/decisions');
    writeAdrCorpus(adr, records, 1500);
    const s = openService(join(repo, '.git', 'bench.db'), { actor: 'bench' });
    const scan = await time(
      () => {
        const r = s.call('scanRepo', { repo });
        if (!r.ok || r.value.records.length !== records) throw new Error('scan failed');
      },
      { runs, warmup: 2 },
    );
    const read = await time(() => readdirSync(adr).map((f) => readFileSync(join(adr, f))), { runs, warmup: 2 });
    s.close();
    const ratio = scan.median / read.median;
    return [
      {
        what: `scanning a repository with ${records.toLocaleString('en')} ADRs in mixed profiles (≈ 1.6 KB each)`,
        measured: ms(scan),
        against: `reading the files’ bytes alone: ${ms(read)}`,
        ratio: `${ratio.toFixed(2)}×`,
        goal: '≤ 3× the bare read, and < 300 ms',
        met: ratio <= 3 && scan.median < 300,
      },
    ];
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}
