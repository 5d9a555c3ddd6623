// `npm run dist`: build, then package installers for this platform (needs internet for Electron and its tools).
// better-sqlite3 for Electron is prepared beside the Node build by the afterPack hook, so nothing needs putting back.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = (path) => fileURLToPath(new URL(`../node_modules/${path}`, import.meta.url));
const step = (args) => spawnSync(process.execPath, args, { stdio: 'inherit' }).status ?? 1;

let status = step([bin('electron-vite/bin/electron-vite.js'), 'build']);
if (status === 0) status = step([bin('electron-builder/cli.js'), ...process.argv.slice(2)]);
process.exit(status);
