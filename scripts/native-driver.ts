// Prepares better-sqlite3 for the Electron in node_modules, beside the Node build `npm install` made and never over it:
// better-sqlite3 is copied (without its build) into a staging folder, built there for Electron, and only the finished
// `.node` file is moved into a folder named for the Electron version, ABI, platform and architecture.
// `npm start` and the packaging hook both call it; a prepared build is reused until Electron changes.
import { randomBytes } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { getAbi } from 'node-abi';
import { bindingFile, checkoutNativeRoot, NATIVE_FILE, type ElectronTarget } from '../electron/db/driver.ts';

/** Builds better-sqlite3 for Electron in `stagingDir` (a folder holding package.json and node_modules/better-sqlite3). */
export type Builder = (stagingDir: string, target: ElectronTarget) => Promise<void>;

const readVersion = (dir: string): string => (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;

/** The build the Electron installed in node_modules needs; its ABI comes from node-abi, as @electron/rebuild's does. */
export function electronTarget(projectRoot: string, { platform = process.platform, arch = process.arch, electron }: { platform?: string; arch?: string; electron?: string } = {}): ElectronTarget {
  const version = electron ?? readVersion(join(projectRoot, 'node_modules', 'electron'));
  return { electron: version, abi: getAbi(version, 'electron'), platform, arch, driver: readVersion(join(projectRoot, 'node_modules', 'better-sqlite3')) };
}

/** Staging folders an interrupted preparation left (Ctrl+C skips `finally`); an hour old, so none still in use. */
function sweepStaging(root: string): void {
  const hourAgo = Date.now() - 3_600_000;
  for (const name of readdirSync(root)) {
    const path = join(root, name);
    if (name.startsWith('.staging-') && statSync(path).mtimeMs < hourAgo) rmSync(path, { recursive: true, force: true });
  }
}

/** The real build: prebuilt binaries for Electron when published, else a compile against Electron's headers (both download once). */
export const electronRebuild: Builder = async (stagingDir, target) => {
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath: stagingDir, electronVersion: target.electron, arch: target.arch, onlyModules: ['better-sqlite3'], force: true });
};

export interface Prepared {
  file: string;
  /** False when an earlier preparation was reused. */
  built: boolean;
}

/** Returns the Electron build of better-sqlite3 for `target`, building it first if it is not there yet. */
export async function prepareElectronDriver(projectRoot: string, target: ElectronTarget, { root = checkoutNativeRoot(projectRoot), build = electronRebuild }: { root?: string; build?: Builder } = {}): Promise<Prepared> {
  const file = bindingFile(root, target);
  if (existsSync(file)) return { file, built: false };
  if (target.platform !== process.platform) {
    throw new Error(`better-sqlite3 cannot be built for ${target.platform} on ${process.platform}; build the installer on ${target.platform}`);
  }
  // Resolved, so a linked better-sqlite3 (npm link, pnpm) is copied rather than built in place.
  const source = realpathSync(join(projectRoot, 'node_modules', 'better-sqlite3'));
  mkdirSync(root, { recursive: true });
  sweepStaging(root);
  // Inside the checkout, so better-sqlite3's own dependencies (bindings, prebuild-install) resolve from node_modules above.
  const staging = mkdtempSync(join(root, '.staging-'));
  try {
    const copy = join(staging, 'node_modules', 'better-sqlite3');
    cpSync(source, copy, { recursive: true, dereference: true, filter: (path) => path !== join(source, 'build') && !path.startsWith(join(source, 'build/')) });
    writeFileSync(join(staging, 'package.json'), JSON.stringify({ name: 'verdict-native-staging', private: true, dependencies: { 'better-sqlite3': readVersion(source) } }));
    await build(staging, target);
    const built = join(copy, 'build', 'Release', NATIVE_FILE);
    if (!existsSync(built)) throw new Error(`the build finished without ${NATIVE_FILE}`);
    mkdirSync(dirname(file), { recursive: true });
    // Copied beside under a name of its own, then renamed: a half-written file never looks prepared, and two
    // preparations at once each finish with a whole file.
    const partial = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.partial`;
    copyFileSync(built, partial);
    renameSync(partial, file);
    return { file, built: true };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
