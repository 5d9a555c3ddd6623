// Desktop build: main (ESM, its dependencies bundled), a sandboxed preload (one CommonJS file, dependencies bundled) and the renderer.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './vite.config.ts';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Bundled, so the installer needs no node_modules but better-sqlite3 (see electron-builder.yml).
      externalizeDeps: false,
      rollupOptions: { input: { main: resolve(import.meta.dirname, 'electron/main.ts') }, external: ['electron', 'better-sqlite3'] },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { preload: resolve(import.meta.dirname, 'electron/preload.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: rendererConfig,
});
