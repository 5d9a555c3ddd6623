// Packs the desktop app offline, as test/electron/package.test.ts and `npm run bench` both need it: a project folder
// holding just what packaging reads (so nothing races other tests over out/), electron-vite's build into it, and
// electron-builder --dir for Linux with a stand-in Electron and a stand-in "Electron build" of better-sqlite3
// (Node's build, so the packed main module can be started under Node).
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bindingFolder, NATIVE_FILE, type ElectronTarget } from '../../electron/db/driver.ts';

const root = join(import.meta.dirname, '../..');

/** The installed app's resources folder must stay under this (docs/PERFORMANCE.md). */
export const PACKAGE_CEILING_BYTES = 8 * 1024 * 1024;

export const packPaths = (work: string) => ({
  project: join(work, 'project'),
  output: join(work, 'dist'),
  resources: join(work, 'dist', 'linux-unpacked', 'resources'),
  renderer: join(work, 'project', 'out', 'renderer'),
});

function run(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): void {
  const r = spawnSync(process.execPath, args, { ...options, env: { ...process.env, NODE_ENV: 'production', ...options.env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.slice(0, 2).join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
}

export function packApp(work: string, target: ElectronTarget): void {
  const { project, output } = packPaths(work);
  mkdirSync(project);
  for (const f of ['package.json', 'package-lock.json', 'electron-builder.yml']) copyFileSync(join(root, f), join(project, f));
  for (const d of ['migrations', 'build', 'scripts']) cpSync(join(root, d), join(project, d), { recursive: true });
  mkdirSync(join(project, 'electron/db'), { recursive: true });
  copyFileSync(join(root, 'electron/db/driver.ts'), join(project, 'electron/db/driver.ts'));
  symlinkSync(join(root, 'node_modules'), join(project, 'node_modules'), 'dir');
  run([join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--outDir', join(project, 'out')], { cwd: root });

  const electronDist = join(work, 'electron-dist');
  mkdirSync(electronDist);
  writeFileSync(join(electronDist, 'electron'), '#!/bin/sh\nexit 0\n');
  chmodSync(join(electronDist, 'electron'), 0o755);
  const native = join(work, 'native', bindingFolder(target));
  mkdirSync(native, { recursive: true });
  copyFileSync(join(root, 'node_modules/better-sqlite3/build/Release', NATIVE_FILE), join(native, NATIVE_FILE));
  run([join(root, 'node_modules/electron-builder/cli.js'), '--dir', '--linux', `--${target.arch}`, '--projectDir', project, `-c.electronDist=${electronDist}`, `-c.directories.output=${output}`], {
    cwd: project,
    env: { VERDICT_NATIVE_DIR: join(work, 'native'), CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
  });
}

export function directorySize(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? directorySize(join(dir, e.name)) : statSync(join(dir, e.name)).size), 0);
}
