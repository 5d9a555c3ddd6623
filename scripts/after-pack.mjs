// electron-builder's afterPack hook (see pack-native.ts); the hook runs in electron-builder's process, so
// the TypeScript is loaded through tsx, like bin/verdict.mjs does.
import { register } from 'tsx/esm/api';

register();
const { packNativeDriver } = await import('./pack-native.ts');

export default async function afterPack(context) {
  await packNativeDriver(context);
}
