// Which better-sqlite3 build this process loads. `npm install` builds it for Node (tests, CLI, web mode);
// Electron's main process needs a build for Electron's ABI, prepared beside it (scripts/native-driver.ts),
// never over it. Every database in the process is opened through `sqlite()` so the choice is made once.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** What a process runs on: `electron` is set only inside Electron. */
export interface Runtime {
  electron?: string;
  /** NODE_MODULE_VERSION, the ABI a native module must be built for. */
  abi: string;
  platform: string;
  /** Node's name for the architecture (process.arch: x64, arm64, arm, ia32). */
  arch: string;
  /** The version of better-sqlite3's JavaScript, which its native file must match. */
  driver: string;
}

/** The build one Electron needs; every field names the folder it lives in, so a change of any one means a new build. */
export type ElectronTarget = Required<Runtime>;

export const NATIVE_FILE = 'better_sqlite3.node';

/** The better-sqlite3 this process loads (its package.json is in the installers too). */
export const driverVersion = (): string => (createRequire(import.meta.url)('better-sqlite3/package.json') as { version: string }).version;

export const currentRuntime = (): Runtime => ({ electron: process.versions.electron, abi: process.versions.modules, platform: process.platform, arch: process.arch, driver: driverVersion() });

export const bindingFolder = (t: ElectronTarget): string => `electron-${t.electron}-abi${t.abi}-better-sqlite3-${t.driver}-${t.platform}-${t.arch}`;

export const bindingFile = (root: string, t: ElectronTarget): string => join(root, bindingFolder(t), NATIVE_FILE);

/**
 * Where a checkout keeps the builds `npm start` prepares: inside node_modules, so a fresh install starts clean,
 * or VERDICT_NATIVE_DIR (tests point it at a temp folder).
 */
export const checkoutNativeRoot = (projectRoot: string, env: NodeJS.ProcessEnv = process.env): string =>
  env.VERDICT_NATIVE_DIR || join(projectRoot, 'node_modules', '.cache', 'verdict-native');

export class DriverNotPreparedError extends Error {
  constructor(readonly file: string, electron: string, installed: boolean) {
    super(
      installed
        ? `This installation of Verdict is incomplete: its database driver (${file}) is missing. Install Verdict again.`
        : `The database driver for Electron ${electron} is missing (${file}). Start Verdict with \`npm start\`, which prepares it once.`,
    );
    this.name = 'DriverNotPreparedError';
  }
}

/** The binding to load: none (better-sqlite3's own, built for Node) under Node, the prepared Electron build inside Electron. */
export function chooseBinding(runtime: Runtime, electronRoot: string): string | undefined {
  if (!runtime.electron) return undefined;
  return bindingFile(electronRoot, { ...runtime, electron: runtime.electron });
}

let binding: string | undefined;

/** Called once by the Electron shell before any database opens; under Node nothing calls it. */
export function useBinding(file: string | undefined, { electron = 'this Electron', installed = false } = {}): void {
  if (file !== undefined && !existsSync(file)) throw new DriverNotPreparedError(file, electron, installed);
  binding = file;
}

/** Opens a SQLite file with the binding this process uses. */
export function sqlite(file: string, options: Database.Options = {}): Database.Database {
  return new Database(file, binding === undefined ? options : { ...options, nativeBinding: binding });
}
