// The renderer's build, used by `npm run web` directly and by electron.vite.config.ts for the desktop app.
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig, type UserConfig } from 'vite';

export const rendererConfig: UserConfig = {
  root: resolve(import.meta.dirname, 'renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, 'out/renderer'),
    emptyOutDir: true,
    // electron-vite leaves the window's code unminified unless told; the window and the browser get the same bundle.
    minify: true,
    // One file for a local app is fine; the gzipped size is what the bench checks (≤ 300 KB).
    chunkSizeWarningLimit: 1024,
    rollupOptions: { input: resolve(import.meta.dirname, 'renderer/index.html') },
  },
};

export default defineConfig(rendererConfig);
