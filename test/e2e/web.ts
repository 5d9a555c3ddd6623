// The real `npm run web` for the browser tests: started on a free port with a temp database, stopped after.
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { lockOut } from '../out-lock.ts';
import { spawnGroup } from '../processes.ts';

const root = join(import.meta.dirname, '../..');

export interface RunningWeb {
  url: string;
  process: ChildProcess;
  /** Everything the server has printed so far, stdout and stderr. */
  output(): string;
  /** POSTs to the facilitator's API, as the page does. */
  api<T = unknown>(method: string, input?: unknown): Promise<T>;
  /** Stops npm, its shell and the server: the whole process group. */
  stop(): Promise<void>;
}

export async function startWeb(env: Record<string, string>): Promise<RunningWeb> {
  // Held until stop(): nothing rebuilds out/renderer while this server serves it.
  const release = await lockOut();
  try {
    return await start(env, release);
  } catch (e) {
    release();
    throw e;
  }
}

async function start(env: Record<string, string>, release: () => void): Promise<RunningWeb> {
  // NODE_ENV=test from vitest would make the page a development build.
  const group = spawnGroup('npm', ['run', 'web', '--', '--port', '0'], { cwd: root, env: { ...process.env, NODE_ENV: 'production', ...env } });
  const web = group.child;
  web.stdin.end();
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm run web printed no address:\n${out}`)), 90_000);
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /running at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    web.stdout.on('data', read);
    web.stderr.on('data', read);
    web.on('exit', (code) => reject(new Error(`npm run web exited with ${code}:\n${out}`)));
  }).catch(async (e: unknown) => {
    await group.stop();
    throw e;
  });
  return {
    url,
    process: web,
    output: () => out,
    async api<T>(method: string, input: unknown = {}) {
      const res = await fetch(`${url}api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
      const reply = (await res.json()) as { ok: boolean; value?: T; error?: { message: string } };
      if (!reply.ok) throw new Error(`${method}: ${reply.error!.message}`);
      return reply.value as T;
    },
    stop: async () => {
      await group.stop();
      release();
    },
  };
}
