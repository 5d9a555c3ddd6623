// Nothing a test starts may outlive the run. Every test process gets a temp root of its own (TMPDIR) and a run
// marker in its environment, which the processes it starts inherit. At the end, a process still carrying the
// marker, or anything left in the temp root, fails the run by name; both are then cleaned up.
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MARKER = 'VERDICT_TEST_RUN';
/** Caches that tools keep in the temp folder on purpose (tsx's compile cache, jiti's for config files). */
const toolCaches = /^(tsx-\d+|jiti|node-compile-cache)$/;

/** Processes whose environment carries this run's marker, other than this one: pid and command line. */
export function markedProcesses(id: string): { pid: number; command: string }[] {
  const found: { pid: number; command: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      if (!readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(`${MARKER}=${id}`)) continue;
      const command = readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0').join(' ').trim() || readlinkSync(`/proc/${pid}/exe`);
      // Zombies and the test workers' own forks that are exiting have no command line left.
      if (command) found.push({ pid, command });
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

export default function setup(): () => Promise<void> {
  const id = randomUUID();
  const root = mkdtempSync(join(tmpdir(), 'verdict-test-run-'));
  // Traversable like /tmp itself, for the test that runs the CLI as user nobody.
  chmodSync(root, 0o755);
  process.env[MARKER] = id;
  process.env.TMPDIR = root;
  // Interrupted (Ctrl+C), vitest skips the teardown below: at least stop what the tests started.
  const sweep = () => {
    for (const p of markedProcesses(id)) {
      try {
        process.kill(p.pid, 'SIGTERM');
      } catch {
        // gone
      }
    }
  };
  process.once('SIGINT', sweep);
  process.once('SIGTERM', sweep);
  return async () => {
    // Give processes a test has just signalled a moment to exit.
    let alive = markedProcesses(id);
    for (let i = 0; i < 20 && alive.length > 0; i++) {
      await new Promise((r) => setTimeout(r, 250));
      alive = markedProcesses(id);
    }
    const left = readdirSync(root).filter((f) => !toolCaches.test(f));
    for (const p of alive) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    rmSync(root, { recursive: true, force: true });
    const problems = [
      ...alive.map((p) => `process ${p.pid} still running: ${p.command.slice(0, 200)}`),
      ...left.map((f) => `left in the temp folder: ${f}`),
    ];
    if (problems.length === 0) return;
    // vitest reports an error thrown here but still exits 0; the exit code must say it too.
    process.exitCode = 1;
    throw new Error(`The tests left things behind (now removed):\n${problems.join('\n')}`);
  };
}
