// Where the Electron binary is, or null. require('electron') downloads the binary on first use and throws
// when it cannot; that happens in a child process so its stack trace stays out of sight.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export function findElectron({ timeout = 600_000 } = {}) {
  const cwd = fileURLToPath(new URL('..', import.meta.url));
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], { cwd, encoding: 'utf8', timeout });
  // A first download prints progress before the path: the path is the last line.
  const path = probe.status === 0 ? probe.stdout.trim().split('\n').pop() : '';
  return path ? path : null;
}
