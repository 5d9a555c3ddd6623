// Servers that tests start run in a process group of their own, so stopping one stops everything under it
// (`npm run web` is npm, a shell and Node: killing npm alone left the server running).
import { spawn, type ChildProcessWithoutNullStreams, type SpawnOptionsWithoutStdio } from 'node:child_process';

export interface Group {
  child: ChildProcessWithoutNullStreams;
  /** Signals the whole group and resolves once the leader has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

// A group of its own no longer hears the terminal's Ctrl+C: when this test process exits or is interrupted,
// it signals every group it started that is still running.
const live = new Set<number>();
const stopAll = () => {
  for (const pid of live) {
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      // gone
    }
  }
  live.clear();
};
process.on('exit', stopAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stopAll();
    process.kill(process.pid, signal);
  });
}

export function spawnGroup(command: string, args: string[], options: SpawnOptionsWithoutStdio = {}): Group {
  const child = spawn(command, args, { ...options, detached: true, stdio: 'pipe' });
  if (child.pid !== undefined) live.add(child.pid);
  child.once('exit', () => live.delete(child.pid!));
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return {
    child,
    async stop(signal = 'SIGTERM') {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // the group is already gone
      }
      // A server that ignores SIGTERM gets SIGKILL after five seconds.
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // gone meanwhile
        }
      }, 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
