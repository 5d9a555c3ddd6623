// `npm start`: see start-app.ts.
import { fileURLToPath } from 'node:url';
import { findElectron } from './electron-binary.mjs';
import { realIo, startApp } from './start-app.ts';

process.exitCode = await startApp(realIo(fileURLToPath(new URL('..', import.meta.url)), () => findElectron()));
