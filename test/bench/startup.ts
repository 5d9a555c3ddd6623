// Starting the command line: `verdict --help`, `verdict list`, and web mode's first API answer, each against
// starting Node with nothing to do, measured in turn in the same run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openService } from '../../electron/service.ts';
import { spawnGroup } from '../processes.ts';
import { ms, stats, type Row } from './harness.ts';

const bin = join(import.meta.dirname, '../../bin/verdict.mjs');

function firstAnswer(db: string): Promise<number> {
  const started = performance.now();
  const group = spawnGroup(process.execPath, [bin, '--db', db, 'serve', '--port', '0']);
  const child = group.child;
  return new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', async (chunk: Buffer) => {
      out += chunk.toString();
      const url = /running at (http:\/\/\S+\/)/.exec(out)?.[1];
      if (!url || out.includes('\u0000')) return;
      out += '\u0000';
      const res = await fetch(`${url}api/listDecisions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      await res.json();
      const took = performance.now() - started;
      void group.stop().then(() => resolve(took));
    });
    child.on('error', reject);
    child.on('close', (code) => code !== null && code !== 0 && reject(new Error(`verdict serve exited with ${code}`)));
  });
}

export async function startupBenchmark({ runs }: { runs: number }): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'verdict-bench-start-'));
  try {
    const db = join(dir, 'start.db');
    openService(db, { actor: 'bench' }).close();
    const web: number[] = [];
    const bare: number[] = [];
    const help: number[] = [];
    const list: number[] = [];
    const timed = (args: string[]) => {
      const t = performance.now();
      const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
      return performance.now() - t;
    };
    await firstAnswer(db); // warm the file cache, the CLI's build and its code cache
    timed([bin, 'list', '--db', db]);
    for (let i = 0; i < runs * 3; i++) {
      bare.push(timed(['-e', '0']));
      help.push(timed([bin, '--help']));
      list.push(timed([bin, 'list', '--db', db]));
      if (i < runs) web.push(await firstAnswer(db));
    }
    const b = stats(bare);
    const against = `\`node -e 0\`: ${ms(b)}`;
    const row = (what: string, s: ReturnType<typeof stats>, goal: number | null): Row => ({
      what,
      measured: ms(s),
      against,
      ratio: `${(s.median / b.median).toFixed(2)}×`,
      goal: goal === null ? '— (reported)' : `≤ ${goal}× bare Node`,
      met: goal === null ? null : s.median / b.median <= goal,
    });
    return [
      row('`verdict --help`: process start to exit', stats(help), 2),
      row('`verdict list` on a small store: process start to exit', stats(list), 2),
      row('web mode: process start to first API answer', stats(web), null),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
