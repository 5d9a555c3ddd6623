// After electron-builder lays out the app, put better-sqlite3 built for the packaged Electron into
// resources/native/<electron-version-abi-platform-arch>/, outside the asar, where electron/main.ts looks for it.
// The build is prepared beside the Node one (native-driver.ts), so a failed packaging run never costs
// the tests, the CLI or web mode their driver.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bindingFolder, NATIVE_FILE, type ElectronTarget } from '../electron/db/driver.ts';
import { electronTarget, prepareElectronDriver, type Builder } from './native-driver.ts';

/** The part of electron-builder's AfterPackContext this hook reads. */
export interface PackContext {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { projectDir: string; info: { framework: { version: string } }; getResourcesDir(appOutDir: string): string };
}

// electron-builder's Arch enum, by value, as Node names them (process.arch is what the app looks up at run time).
const archNames: Record<number, string> = { 0: 'ia32', 1: 'x64', 2: 'arm', 3: 'arm64' };

export function packTarget(context: PackContext): ElectronTarget {
  const platform = context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName;
  const arch = archNames[context.arch];
  if (arch === undefined) throw new Error('Verdict builds one installer per architecture (--x64 or --arm64), not a universal one: its database driver is native code.');
  return electronTarget(context.packager.projectDir, { platform, arch, electron: context.packager.info.framework.version });
}

export async function packNativeDriver(context: PackContext, build?: Builder): Promise<string> {
  const target = packTarget(context);
  console.log(`  • database driver for Electron ${target.electron} (ABI ${target.abi}, ${target.platform}-${target.arch})`);
  const { file } = await prepareElectronDriver(context.packager.projectDir, target, build ? { build } : {});
  const dest = join(context.packager.getResourcesDir(context.appOutDir), 'native', bindingFolder(target), NATIVE_FILE);
  mkdirSync(dirname(dest), { recursive: true });
  copyFileSync(file, dest);
  return dest;
}
