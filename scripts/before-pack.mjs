// electron-builder's beforePack hook: rebuild better-sqlite3 for the Electron being packaged, and only then,
// so development and tests keep the build for Node (scripts/dist.mjs puts that back afterwards).
import { rebuild } from '@electron/rebuild';

const archNames = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

export default async function beforePack(context) {
  const arch = archNames[context.arch] ?? process.arch;
  const electronVersion = context.packager.info.framework.version;
  console.log(`  • rebuilding better-sqlite3 for Electron ${electronVersion} (${context.electronPlatformName}-${arch})`);
  await rebuild({ buildPath: context.packager.info.projectDir, electronVersion, arch, onlyModules: ['better-sqlite3'], force: true });
}
