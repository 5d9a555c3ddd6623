// The build output folder (out/) is rebuilt by the desktop build test and by every `npm run web` the browser
// tests start; a rebuild empties out/renderer under a server still serving it. One lock across processes
// (a folder, created atomically) lets one of them use out/ at a time; a holder that died is noticed.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';

const root = join(import.meta.dirname, '..');
const lock = join(tmpdir(), `verdict-out-lock-${createHash('sha256').update(root).digest('hex').slice(0, 12)}`);

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Waits for out/ to be free and takes it; call the returned function to give it back. */
export async function lockOut(timeoutMs = 380_000): Promise<() => void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      return () => rmSync(lock, { recursive: true, force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let holder = Number.NaN;
    try {
      holder = Number(readFileSync(join(lock, 'pid'), 'utf8'));
    } catch {
      // just created, pid not written yet
    }
    if (Number.isInteger(holder) && !alive(holder)) rmSync(lock, { recursive: true, force: true });
    else if (Date.now() > until) throw new Error(`out/ stayed locked by process ${holder} for ${timeoutMs / 1000} s (${lock}).`);
    else await new Promise((r) => setTimeout(r, 250));
  }
}
