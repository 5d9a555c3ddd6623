// Which better-sqlite3 build this process loads. `npm install` builds it for Node (tests, CLI, web mode);
// Electron's main process needs a build for Electron's ABI, prepared beside it (scripts/native-driver.ts),
// never over it. Every database in the process is opened through `sqlite()` so the choice is made once.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** What a process runs on: `electron` is set only inside Electron. */
export interface Runtime {
  electron?: string;
  /** NODE_MODULE_VERSION, the ABI a native module must be built for. */
  abi: string;
  platform: string;
  arch: string;
}

/** The build one Electron needs: its version, ABI, platform and architecture name the folder it lives in. */
export interface ElectronTarget {
  electron: string;
  abi: string;
  platform: string;
  arch: string;
}

export const NATIVE_FILE = 'better_sqlite3.node';

export const currentRuntime = (): Runtime => ({ electron: process.versions.electron, abi: process.versions.modules, platform: process.platform, arch: process.arch });

export const bindingFolder = (t: ElectronTarget): string => `electron-${t.electron}-abi${t.abi}-${t.platform}-${t.arch}`;

export const bindingFile = (root: string, t: ElectronTarget): string => join(root, bindingFolder(t), NATIVE_FILE);

/**
 * Where a checkout keeps the builds `npm start` prepares: inside node_modules, so a fresh install starts clean,
 * or VERDICT_NATIVE_DIR (tests point it at a temp folder).
 */
export const checkoutNativeRoot = (projectRoot: string, env: NodeJS.ProcessEnv = process.env): string =>
  env.VERDICT_NATIVE_DIR || join(projectRoot, 'node_modules', '.cache', 'verdict-native');

export class DriverNotPreparedError extends Error {
  constructor(readonly file: string, electron: string) {
    super(`The database driver for Electron ${electron} is missing (${file}). Start Verdict with \`npm start\`, which prepares it once.`);
    this.name = 'DriverNotPreparedError';
  }
}

/** The binding to load: none (better-sqlite3's own, built for Node) under Node, the prepared Electron build inside Electron. */
export function chooseBinding(runtime: Runtime, electronRoot: string): string | undefined {
  if (!runtime.electron) return undefined;
  return bindingFile(electronRoot, { electron: runtime.electron, abi: runtime.abi, platform: runtime.platform, arch: runtime.arch });
}

let binding: string | undefined;

/** Called once by the Electron shell before any database opens; under Node nothing calls it. */
export function useBinding(file: string | undefined, electron = 'this Electron'): void {
  if (file !== undefined && !existsSync(file)) throw new DriverNotPreparedError(file, electron);
  binding = file;
}

/** Opens a SQLite file with the binding this process uses. */
export function sqlite(file: string, options: Database.Options = {}): Database.Database {
  return new Database(file, binding === undefined ? options : { ...options, nativeBinding: binding });
}
