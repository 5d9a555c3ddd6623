// What `npm run dist` ships, checked in the package itself rather than in its config. electron-builder packs offline
// here because `electronDist` points at a stand-in Electron (one executable named `electron`); the real afterPack hook
// runs, with VERDICT_NATIVE_DIR holding a stand-in "Electron build" of better-sqlite3 (Node's build: the packed main
// module is then started under Node, with a simulated Electron, as close to "the installed app opens" as a machine
// without Electron gets).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractAll, listPackage } from '@electron/asar';
import * as lexer from 'es-module-lexer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NATIVE_FILE } from '../../electron/db/driver.ts';
import { electronTarget } from '../../scripts/native-driver.ts';
import { directorySize, PACKAGE_CEILING_BYTES, packApp, packPaths } from './pack.ts';

const root = join(import.meta.dirname, '../..');
const target = electronTarget(root, { platform: 'linux', arch: 'x64' });
const work = mkdtempSync(join(tmpdir(), 'verdict-package-'));
const { output, resources } = packPaths(work);
const extracted = join(work, 'extracted');
let files: string[] = [];

beforeAll(() => {
  packApp(work, target);
  files = listPackage(join(resources, 'app.asar'), { isPack: false }).map((f) => f.replaceAll('\\', '/'));
  extractAll(join(resources, 'app.asar'), extracted);
}, 240_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Packages a built file loads: its ES imports (parsed, not grepped) and the require() calls of bundled CommonJS. */
async function importsOf(file: string): Promise<string[]> {
  const code = readFileSync(file, 'utf8');
  await lexer.init;
  const esm = file.endsWith('.cjs') ? [] : lexer.parse(code)[0].map((i) => i.n ?? '');
  const cjs = [...code.matchAll(/\b(?:__)?require\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1]!);
  return [...new Set([...esm, ...cjs])].filter((n) => n !== '' && !n.startsWith('.') && !n.startsWith('node:') && !builtinModules.includes(n));
}

describe('the packed app (electron-builder --dir, Linux)', () => {
  it('holds the main module, the preload, the page and the migrations', () => {
    expect(files).toEqual(expect.arrayContaining(['/package.json', '/out/main/main.js', '/out/preload/preload.cjs', '/out/renderer/index.html']));
    const migrations = readdirSync(join(root, 'migrations')).filter((f) => f.endsWith('.sql'));
    expect(migrations.length).toBeGreaterThan(0);
    for (const m of migrations) expect(files).toContain(`/migrations/${m}`);
  });

  it('ships from node_modules only better-sqlite3’s JavaScript and what it loads', () => {
    const packages = new Set(files.filter((f) => f.startsWith('/node_modules/')).map((f) => f.split('/')[2]));
    expect([...packages].sort()).toEqual(['better-sqlite3', 'bindings', 'file-uri-to-path']);
  });

  it('ships no build leftovers, sources, source maps or the Node build of better-sqlite3', () => {
    const leftovers = files.filter((f) => /\/(obj|obj\.target|\.deps|deps|src)\/|\.map$|\.node$|\/binding\.gyp$|\.(c|cc|h)$/.test(f));
    expect(leftovers).toEqual([]);
    expect(existsSync(join(resources, 'app.asar.unpacked'))).toBe(false);
  });

  it('carries better-sqlite3 built for its Electron outside the asar, named for the Electron version and ABI', () => {
    const natives = readdirSync(join(resources, 'native'), { recursive: true }).map(String).filter((f) => f.endsWith('.node'));
    expect(natives).toEqual([join(`electron-${target.electron}-abi${target.abi}-better-sqlite3-${target.driver}-linux-x64`, NATIVE_FILE)]);
    expect(target.abi).not.toBe(process.versions.modules);
  });

  it('resolves every import of out/main and out/preload inside the package', async () => {
    const main = join(extracted, 'out/main/main.js');
    const preload = join(extracted, 'out/preload/preload.cjs');
    const mainImports = await importsOf(main);
    // The one rule: everything but Electron and the native driver is bundled into out/main.
    expect(mainImports.sort()).toEqual(['better-sqlite3', 'electron']);
    expect(await importsOf(preload)).toEqual(['electron']);
    const require = createRequire(main);
    const unresolved = mainImports
      .filter((name) => name !== 'electron')
      .filter((name) => {
        try {
          return !require.resolve(name).startsWith(extracted);
        } catch {
          return true;
        }
      });
    expect(unresolved).toEqual([]);
  });

  it('starts under a simulated Electron and answers the window from the SQLite file in userData', () => {
    const stubDir = join(extracted, 'node_modules/electron');
    mkdirSync(stubDir, { recursive: true });
    cpSync(join(root, 'test/fixtures/electron-stub'), stubDir, { recursive: true });
    const userData = join(work, 'user-data');
    mkdirSync(userData);
    // The installed app runs with Electron's ABI; under Node the stand-in binding is Node's build, so the runner says 150 but loads 115's file.
    const r = spawnSync(process.execPath, [join(root, 'test/electron/packaged-main.mjs'), join(extracted, 'out/main/main.js'), resources, target.electron, target.abi], {
      env: { ...process.env, VERDICT_DB: '', VERDICT_STUB_USER_DATA: userData, VERDICT_STUB_APP_PATH: extracted },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
    expect(report.errors).toEqual([]);
    expect(report.page).toBe(`file://${join(extracted, 'out/renderer/index.html')}`);
    expect(report.window).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(report.created).toMatchObject({ ok: true, value: { id: 1, title: 'Opened in the installed app' } });
    expect(report.listed).toMatchObject({ ok: true, value: [{ id: 1, title: 'Opened in the installed app' }] });
    expect(report.stranger).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(report.permissions).toEqual({ clipboard: true, camera: false, elsewhere: false });
    expect(report.requests).toEqual({ clipboard: true, camera: false, geolocation: false, elsewhere: false, unnamedFromApp: true, unnamedFromElsewhere: false });
    // The answer came from the file in userData, which now holds the decision.
    expect(existsSync(join(userData, 'verdict.db'))).toBe(true);
    const reread = spawnSync(process.execPath, ['-e', `const D=require('better-sqlite3');const d=new D(process.argv[1],{readonly:true});console.log(d.prepare('select title from decisions').pluck().get())`, join(userData, 'verdict.db')], { cwd: root, encoding: 'utf8' });
    expect(reread.stdout.trim()).toBe('Opened in the installed app');
  });

  it('stays under the size ceiling that the bench reports (docs/PERFORMANCE.md)', () => {
    const bytes = directorySize(resources);
    expect(bytes).toBeGreaterThan(1_000_000);
    expect(bytes).toBeLessThan(PACKAGE_CEILING_BYTES);
    expect(output).toBe(join(work, 'dist'));
  });
});
