// Web mode's start: from spawning `verdict serve` to its first API answer, against starting Node with nothing to do.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openService } from '../../electron/service.ts';
import { ms, stats, type Row } from './harness.ts';

const bin = join(import.meta.dirname, '../../bin/verdict.mjs');

function firstAnswer(db: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [bin, '--db', db, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
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
      child.kill('SIGTERM');
      child.on('close', () => resolve(took));
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
    await firstAnswer(db); // warm the file cache and tsx's transform cache
    for (let i = 0; i < runs; i++) {
      web.push(await firstAnswer(db));
      const t = performance.now();
      spawnSync(process.execPath, ['-e', '']);
      bare.push(performance.now() - t);
    }
    const w = stats(web);
    const b = stats(bare);
    return [{ what: 'web mode: process start to first API answer', measured: ms(w), against: `\`node -e ""\`: ${ms(b)}`, ratio: `${(w.median / b.median).toFixed(1)}×`, goal: '— (reported)', met: null }];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
