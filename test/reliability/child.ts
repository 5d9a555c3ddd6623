// Starting test/reliability/worker.ts as a real child process (through tsx) and reading its lines.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const worker = join(import.meta.dirname, 'worker.ts');

export interface Worker {
  child: ChildProcess;
  lines: string[];
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

export function startWorker(args: (string | number)[]): Worker {
  // stdin stays open for workers that wait for a signal from the test; the others never read it.
  const child = spawn(process.execPath, ['--import', 'tsx', worker, ...args.map(String)], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let partial = '';
  let err = '';
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout!.on('data', (chunk: Buffer) => {
    const text = partial + chunk.toString();
    const parts = text.split('\n');
    // A kill can cut the last line short: only whole lines count.
    partial = parts.pop()!;
    for (const line of parts) {
      if (line === 'ready') markReady();
      else lines.push(line);
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  void exited.then(() => markReady());
  return { child, lines, ready, exited, stderr: () => err };
}

/** A small seeded generator, so a failing run can be repeated exactly. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
