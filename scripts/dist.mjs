// `npm run dist`: build, package installers for this platform (needs internet for Electron and its tools),
// then rebuild better-sqlite3 for Node again so `npm test` and `npm run web` keep working.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = (path) => fileURLToPath(new URL(`../node_modules/${path}`, import.meta.url));
const step = (args) => spawnSync(process.execPath, args, { stdio: 'inherit' }).status ?? 1;

let status = step([bin('electron-vite/bin/electron-vite.js'), 'build']);
if (status === 0) status = step([bin('electron-builder/cli.js'), ...process.argv.slice(2)]);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const restored = spawnSync(npm, ['rebuild', 'better-sqlite3'], { stdio: 'inherit', shell: process.platform === 'win32' }).status;
if (restored !== 0) console.error('Could not rebuild better-sqlite3 for Node; run `npm rebuild better-sqlite3` before `npm test`.');
process.exit(status || restored || 0);
