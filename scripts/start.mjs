// `npm start`: build and launch the desktop app, or say in one line why it cannot run here.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findElectron } from './electron-binary.mjs';

const electronVite = fileURLToPath(new URL('../node_modules/electron-vite/bin/electron-vite.js', import.meta.url));
const instead = 'run `npm run web` and open the address it prints.';

if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error(`Verdict's desktop window needs a display, and this machine has none: ${instead}`);
  process.exit(1);
}

const electron = findElectron();
if (electron === null) {
  console.error(`Electron could not be downloaded or started on this machine (no internet for its first download?): ${instead}`);
  process.exit(1);
}

const build = spawnSync(process.execPath, [electronVite, 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const app = spawn(electron, ['.'], { stdio: 'inherit' });
app.on('close', (code) => process.exit(code ?? 1));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
