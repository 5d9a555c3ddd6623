// Electron's Linux sandbox needs either unprivileged user namespaces or a set-uid root `chrome-sandbox`.
// Ubuntu 23.10+ restricts the first through AppArmor, and a chrome-sandbox from npm is never set-uid, so Electron
// run from node_modules (and an AppImage) aborts at start. Verdict says how to fix it; it never turns the sandbox off.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface SandboxFacts {
  /** /proc/sys/kernel/apparmor_restrict_unprivileged_userns, or null where the file does not exist. */
  apparmorRestricts: string | null;
  /** /proc/sys/kernel/unprivileged_userns_clone (older Debian kernels), or null. */
  usernsClone: string | null;
  /** chrome-sandbox's owner and mode, or null where it is missing. */
  helper: { uid: number; mode: number } | null;
}

const readOrNull = (file: string): string | null => {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
};

export function sandboxFacts(electronBinary: string): SandboxFacts {
  let helper: SandboxFacts['helper'];
  try {
    const s = statSync(join(dirname(electronBinary), 'chrome-sandbox'));
    helper = { uid: s.uid, mode: s.mode };
  } catch {
    helper = null;
  }
  return {
    apparmorRestricts: readOrNull('/proc/sys/kernel/apparmor_restrict_unprivileged_userns'),
    usernsClone: readOrNull('/proc/sys/kernel/unprivileged_userns_clone'),
    helper,
  };
}

/** True when Electron's sandbox cannot start: no user namespaces for us, and no set-uid root helper. */
export function sandboxBlocked(f: SandboxFacts): boolean {
  const namespacesRefused = f.apparmorRestricts === '1' || f.usernsClone === '0';
  const helperWorks = f.helper !== null && f.helper.uid === 0 && (f.helper.mode & 0o4000) !== 0;
  return namespacesRefused && !helperWorks;
}

/** What Chromium prints when it aborts for this reason. */
export const isSandboxAbort = (stderr: string): boolean =>
  /SUID sandbox helper binary was found, but is not configured correctly|No usable sandbox!/.test(stderr);

/** The standard fixes, in a few lines. */
export function sandboxAdvice(electronBinary: string): string {
  const helper = join(dirname(electronBinary), 'chrome-sandbox');
  return [
    'Electron’s sandbox is blocked here: this Linux restricts unprivileged user namespaces (AppArmor), and chrome-sandbox is not set-uid root.',
    'Fix it in one of these ways (Verdict never turns the sandbox off for you):',
    `  sudo chown root:root ${helper} && sudo chmod 4755 ${helper}`,
    '  or, until the next reboot: sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0',
    'Or run `npm run web` and open the address it prints.',
  ].join('\n');
}
