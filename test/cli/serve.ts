// `verdict serve` as a real child process for the tests: started on a free port in a process group of its own.
import { join } from 'node:path';
import { spawnGroup } from '../processes.ts';

export const bin = join(import.meta.dirname, '../../bin/verdict.mjs');

export interface Served {
  url: string;
  /** Stops the whole group; resolves once the server has exited (and closed the database). */
  stop(): Promise<void>;
}

export async function serve(db: string): Promise<Served> {
  const group = spawnGroup(process.execPath, [bin, '--db', db, 'serve', '--port', '0']);
  group.child.stdin.end();
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      group.child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /running at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (m) resolve(m[1]!);
      });
      group.child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    });
    return { url, stop: () => group.stop() };
  } catch (e) {
    await group.stop();
    throw e;
  }
}
