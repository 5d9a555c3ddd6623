// `npm start` on the machines it meets: no display, no Electron, a driver to prepare (or not), a Linux sandbox that aborts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSandboxAbort, sandboxAdvice, sandboxBlocked, type SandboxFacts } from '../../scripts/linux-sandbox.ts';
import { startApp, type StartIo } from '../../scripts/start-app.ts';

const root = join(import.meta.dirname, '../..');
const binary = '/project/node_modules/electron/dist/electron';
let nativeDir: string;
beforeEach(() => {
  nativeDir = mkdtempSync(join(tmpdir(), 'verdict-start-'));
});
afterEach(() => rmSync(nativeDir, { recursive: true, force: true }));

function io(overrides: Partial<StartIo> = {}): StartIo & { lines: string[]; errors: string[]; steps: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  const steps: string[] = [];
  return {
    root,
    env: { DISPLAY: ':0', VERDICT_NATIVE_DIR: nativeDir },
    platform: 'linux',
    findElectron: () => binary,
    target: () => ({ electron: '45.4.1', abi: '150', platform: 'linux', arch: 'x64', driver: '12.11.1' }),
    prepare: async () => void steps.push('prepare'),
    sandboxBlocked: () => false,
    build: () => (steps.push('build'), 0),
    launch: async () => (steps.push('launch'), { code: 0, stderr: '' }),
    out: (l) => lines.push(l),
    err: (l) => errors.push(l),
    lines,
    errors,
    steps,
    ...overrides,
  } as StartIo & { lines: string[]; errors: string[]; steps: string[] };
}

describe('npm start', () => {
  it('says what it prepares the first time, then builds and launches', async () => {
    const run = io();
    expect(await startApp(run)).toBe(0);
    expect(run.lines).toEqual(['Preparing the database driver for Electron 45 (once)…']);
    expect(run.steps).toEqual(['prepare', 'build', 'launch']);
  });

  it('when the driver cannot be prepared, says so in one line and points to npm run web', async () => {
    const run = io({
      prepare: async () => {
        throw new Error('getaddrinfo ENOTFOUND www.electronjs.org\n    at GetAddrInfoReqWrap.onlookup');
      },
    });
    expect(await startApp(run)).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatch(/^Could not prepare the database driver for Electron 45 \(it needs internet once and a C\+\+ compiler\): getaddrinfo ENOTFOUND www\.electronjs\.org\. Meanwhile, run `npm run web`/);
    expect(run.errors[0]).not.toContain('\n');
    expect(run.steps).toEqual([]);
  });

  it('says why, in one line, when there is no display or no Electron', async () => {
    const noDisplay = io({ env: { VERDICT_NATIVE_DIR: nativeDir } });
    expect(await startApp(noDisplay)).toBe(1);
    expect(noDisplay.errors).toEqual([expect.stringMatching(/needs a display.*npm run web/)]);
    const noElectron = io({ findElectron: () => null });
    expect(await startApp(noElectron)).toBe(1);
    expect(noElectron.errors).toEqual([expect.stringMatching(/Electron could not be downloaded.*npm run web/)]);
  });

  it('warns with the standard sandbox fixes when the sandbox looks blocked, still tries (a profile may allow it), and never disables it', async () => {
    const blocked = io({ sandboxBlocked: () => true, launch: async () => ({ code: 133, stderr: 'The SUID sandbox helper binary was found, but is not configured correctly.' }) });
    expect(await startApp(blocked)).toBe(133);
    expect(blocked.steps).toEqual(['prepare', 'build']);
    // Said once, before the launch, not again after the abort.
    expect(blocked.errors.join('\n')).toBe(sandboxAdvice(binary));
    const allowed = io({ sandboxBlocked: () => true });
    expect(await startApp(allowed)).toBe(0);
    expect(allowed.steps).toEqual(['prepare', 'build', 'launch']);
    expect(sandboxAdvice(binary)).toContain('sudo chown root:root /project/node_modules/electron/dist/chrome-sandbox && sudo chmod 4755');
    expect(sandboxAdvice(binary)).toContain('kernel.apparmor_restrict_unprivileged_userns=0');
    expect(sandboxAdvice(binary)).not.toMatch(/--no-sandbox|ELECTRON_DISABLE_SANDBOX/);
  });

  it('recognises the sandbox abort when Electron exits with it', async () => {
    const aborted = io({
      launch: async () => ({ code: 133, stderr: '[1:1201/FATAL:setuid_sandbox_host.cc(163)] The SUID sandbox helper binary was found, but is not configured correctly.' }),
    });
    expect(await startApp(aborted)).toBe(133);
    expect(aborted.errors.join('\n')).toBe(sandboxAdvice(binary));
    const crashed = io({ launch: async () => ({ code: 1, stderr: 'something else' }) });
    expect(await startApp(crashed)).toBe(1);
    expect(crashed.errors).toEqual([]);
  });

  it('the real script, without a display, answers in one plain line', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/start.ts')], { cwd: root, env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' }, encoding: 'utf8' });
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/npm run web/);
  });
});

describe('the Linux sandbox check', () => {
  const facts = (f: Partial<SandboxFacts>): SandboxFacts => ({ apparmorRestricts: null, usernsClone: null, helper: { uid: 1000, mode: 0o100755 }, ...f });

  it.each([
    ['Ubuntu 24.04, helper from npm', facts({ apparmorRestricts: '1' }), true],
    ['Ubuntu 24.04, helper set-uid root', facts({ apparmorRestricts: '1', helper: { uid: 0, mode: 0o104755 } }), false],
    ['Ubuntu 24.04, helper owned by root but not set-uid', facts({ apparmorRestricts: '1', helper: { uid: 0, mode: 0o100755 } }), true],
    ['older Debian kernel without user namespaces', facts({ usernsClone: '0' }), true],
    ['restriction switched off', facts({ apparmorRestricts: '0' }), false],
    ['a kernel that has neither knob', facts({}), false],
  ])('%s → blocked: %s', (_name, f, blocked) => {
    expect(sandboxBlocked(f)).toBe(blocked);
  });

  it('knows Chromium’s abort messages and nothing else', () => {
    expect(isSandboxAbort('FATAL: The SUID sandbox helper binary was found, but is not configured correctly. Rather than run without sandboxing')).toBe(true);
    expect(isSandboxAbort('No usable sandbox! Update your kernel')).toBe(true);
    expect(isSandboxAbort('Error: Cannot find module')).toBe(false);
  });
});
