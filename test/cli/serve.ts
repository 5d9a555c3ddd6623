// `verdict serve` as a real child process for the tests: started on a free port, stopped with its whole
// process group.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const bin = join(import.meta.dirname, '../../bin/verdict.mjs');

export interface Served {
  url: string;
  /** SIGTERM to the process group; resolves once the server has exited (and closed the database). */
  stop(): Promise<void>;
}

export async function serve(db: string): Promise<Served> {
  const child = spawn(process.execPath, [bin, '--db', db, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
    await exited;
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /running at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    });
    return { url, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
