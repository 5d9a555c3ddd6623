// better-sqlite3 for Electron is prepared beside the Node build and chosen by runtime; nothing here needs Electron.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bindingFile, bindingFolder, checkoutNativeRoot, chooseBinding, DriverNotPreparedError, NATIVE_FILE, useBinding } from '../../electron/db/driver.ts';
import { electronTarget, prepareElectronDriver, type Builder } from '../../scripts/native-driver.ts';

const root = join(import.meta.dirname, '../..');
const nodeBuild = join(root, 'node_modules/better-sqlite3/build/Release', NATIVE_FILE);
const hash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const versionOf = (pkg: string) => (JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
const electronVersion = versionOf('electron');
const driver = versionOf('better-sqlite3');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'verdict-native-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A builder that behaves like @electron/rebuild without a download: it writes a build into the staging copy. */
const fakeBuild: Builder = async (staging, target) => {
  const release = join(staging, 'node_modules/better-sqlite3/build/Release');
  mkdirSync(release, { recursive: true });
  writeFileSync(join(release, NATIVE_FILE), `stand-in for Electron ${target.electron} ABI ${target.abi}`);
};

describe('the Electron target a start prepares', () => {
  it('is the Electron in node_modules, with its ABI from node-abi, not the running Node’s', () => {
    const target = electronTarget(root);
    expect(target.electron).toBe(electronVersion);
    expect(target.electron).toMatch(/^45\./);
    expect(target.abi).toBe('150');
    expect(target.abi).not.toBe(process.versions.modules);
  });

  it('names the prepared file by Electron version, ABI, better-sqlite3 version, platform and architecture', () => {
    const target = electronTarget(root, { platform: 'linux', arch: 'x64' });
    const file = bindingFile(checkoutNativeRoot(root, {}), target);
    expect(file).toBe(join(root, 'node_modules/.cache/verdict-native', `electron-${electronVersion}-abi150-better-sqlite3-${driver}-linux-x64`, NATIVE_FILE));
    expect(file).toContain(electronVersion);
    expect(file).toContain('abi150');
    expect(checkoutNativeRoot(root, { VERDICT_NATIVE_DIR: dir })).toBe(dir);
  });
});

describe('choosing the binding', () => {
  const electron = { electron: '45.4.1', abi: '150', platform: 'linux', arch: 'x64', driver: '12.11.1' };

  it('is the prepared Electron build inside Electron', () => {
    expect(chooseBinding(electron, '/opt/Verdict/resources/native')).toBe(join('/opt/Verdict/resources/native/electron-45.4.1-abi150-better-sqlite3-12.11.1-linux-x64', NATIVE_FILE));
  });

  it('is a new build whenever Electron, its ABI, better-sqlite3, the platform or the architecture changes', () => {
    const base = chooseBinding(electron, '/r');
    for (const change of [{ electron: '45.5.0' }, { abi: '151' }, { driver: '12.12.0' }, { platform: 'darwin' }, { arch: 'arm64' }]) {
      expect(chooseBinding({ ...electron, ...change }, '/r')).not.toBe(base);
    }
  });

  it('is better-sqlite3’s own (Node’s) build under Node', () => {
    expect(chooseBinding({ abi: '115', platform: 'linux', arch: 'x64', driver }, '/anywhere')).toBeUndefined();
    expect(chooseBinding({ electron: '', abi: '115', platform: 'linux', arch: 'x64', driver }, '/anywhere')).toBeUndefined();
  });

  it('refuses a binding that was never prepared, saying how to prepare it, or to reinstall an installed app', () => {
    const missing = chooseBinding(electron, dir)!;
    expect(() => useBinding(missing, { electron: '45.4.1' })).toThrow(DriverNotPreparedError);
    expect(() => useBinding(missing, { electron: '45.4.1' })).toThrow(/Electron 45\.4\.1 is missing .*npm start/);
    expect(() => useBinding(missing, { electron: '45.4.1', installed: true })).toThrow(/installation of Verdict is incomplete.*Install Verdict again/);
  });
});

describe('preparing the Electron build', () => {
  const target = { electron: electronVersion, abi: '150', platform: process.platform, arch: process.arch, driver };

  it('builds once into its own folder, then reuses it, and never touches the Node build', async () => {
    const before = hash(nodeBuild);
    let builds = 0;
    const counting: Builder = async (staging, t) => {
      builds++;
      await fakeBuild(staging, t);
    };
    const first = await prepareElectronDriver(root, target, { root: dir, build: counting });
    expect(first).toEqual({ file: bindingFile(dir, target), built: true });
    expect(readFileSync(first.file, 'utf8')).toBe(`stand-in for Electron ${electronVersion} ABI 150`);
    const second = await prepareElectronDriver(root, target, { root: dir, build: counting });
    expect(second.built).toBe(false);
    expect(builds).toBe(1);
    expect(hash(nodeBuild)).toBe(before);
    // No staging copy is left behind.
    expect(readdirSync(dir)).toEqual([`electron-${electronVersion}-abi150-better-sqlite3-${driver}-${process.platform}-${process.arch}`]);
  });

  it('builds in a copy of better-sqlite3 without the Node build in it', async () => {
    let seen: string[] = [];
    await prepareElectronDriver(root, target, {
      root: dir,
      build: async (staging, t) => {
        seen = readdirSync(join(staging, 'node_modules/better-sqlite3'));
        await fakeBuild(staging, t);
      },
    });
    expect(seen).toContain('package.json');
    expect(seen).toContain('deps');
    expect(seen).not.toContain('build');
  });

  it('leaves nothing behind when the build fails at any step, and the Node build still loads', async () => {
    const before = hash(nodeBuild);
    const failures: Builder[] = [
      async () => {
        throw new Error('getaddrinfo ENOTFOUND electronjs.org');
      },
      async (staging) => {
        // Fails halfway, with a broken file where the build goes.
        const release = join(staging, 'node_modules/better-sqlite3/build/Release');
        mkdirSync(release, { recursive: true });
        writeFileSync(join(release, NATIVE_FILE), 'half');
        throw new Error('gyp ERR! build error');
      },
      async () => undefined, // "succeeds" without producing the file
    ];
    for (const build of failures) await expect(prepareElectronDriver(root, target, { root: dir, build })).rejects.toThrow();
    expect(existsSync(bindingFile(dir, target))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
    expect(hash(nodeBuild)).toBe(before);
    // Tests, the CLI and web mode load the Node build in a fresh process.
    const probe = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').prepare('select 1').get(); console.log('loaded')"], { cwd: root, encoding: 'utf8' });
    expect(probe.stdout.trim()).toBe('loaded');
  });

  it('two preparations at once both end with a whole file', async () => {
    const slow: Builder = async (staging, t) => {
      await new Promise((r) => setTimeout(r, 50));
      await fakeBuild(staging, t);
    };
    const both = await Promise.all([prepareElectronDriver(root, target, { root: dir, build: slow }), prepareElectronDriver(root, target, { root: dir, build: slow })]);
    expect(both.map((p) => p.built)).toEqual([true, true]);
    expect(readFileSync(bindingFile(dir, target), 'utf8')).toBe(`stand-in for Electron ${electronVersion} ABI 150`);
    expect(readdirSync(join(dir, bindingFolder(target)))).toEqual([NATIVE_FILE]);
  });

  it('sweeps staging folders an interrupted preparation left an hour ago, and leaves recent ones alone', async () => {
    const old = join(dir, '.staging-old');
    const recent = join(dir, '.staging-recent');
    mkdirSync(old);
    mkdirSync(recent);
    const hoursAgo = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(old, hoursAgo, hoursAgo);
    await prepareElectronDriver(root, target, { root: dir, build: fakeBuild });
    expect(existsSync(old)).toBe(false);
    expect(existsSync(recent)).toBe(true);
  });

  it('copies a linked better-sqlite3 instead of building inside the linked package', async () => {
    const project = join(dir, 'project');
    const real = join(dir, 'real-better-sqlite3');
    mkdirSync(join(project, 'node_modules'), { recursive: true });
    mkdirSync(join(real, 'build/Release'), { recursive: true });
    writeFileSync(join(real, 'package.json'), JSON.stringify({ name: 'better-sqlite3', version: driver }));
    writeFileSync(join(real, 'build/Release', NATIVE_FILE), 'NODE BUILD');
    symlinkSync(real, join(project, 'node_modules/better-sqlite3'), 'dir');
    await prepareElectronDriver(project, target, { root: join(dir, 'native'), build: fakeBuild });
    expect(readFileSync(join(real, 'build/Release', NATIVE_FILE), 'utf8')).toBe('NODE BUILD');
    expect(readFileSync(bindingFile(join(dir, 'native'), target), 'utf8')).toContain('stand-in for Electron');
  });

  it('refuses to build for another platform (installers are built on the system they are for)', async () => {
    const other = process.platform === 'win32' ? 'linux' : 'win32';
    await expect(prepareElectronDriver(root, { ...target, platform: other }, { root: dir, build: fakeBuild })).rejects.toThrow(`cannot be built for ${other}`);
  });

  it('after a simulated preparation the CLI still opens the store with the Node build', async () => {
    const prepared = await prepareElectronDriver(root, target, { root: dir, build: fakeBuild });
    expect(existsSync(prepared.file)).toBe(true);
    const db = join(dir, 'cli.db');
    const r = spawnSync(process.execPath, [join(root, 'bin/verdict.mjs'), 'new', 'After preparing Electron', '--db', db], { cwd: root, encoding: 'utf8', env: { ...process.env, VERDICT_NATIVE_DIR: dir } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
