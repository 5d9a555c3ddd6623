// The desktop build works without the Electron binary, and the sandboxed preload is one CommonJS file.
import { contentSecurityPolicy } from '../../shared/csp.ts';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockOut } from '../out-lock.ts';

const root = join(import.meta.dirname, '../..');

describe('the desktop build', () => {
  it('builds main, preload and renderer; the preload requires nothing but electron', async () => {
    const release = await lockOut();
    try {
      checkBuild();
    } finally {
      release();
    }
  }, 420_000);
});

/** Builds with electron-vite and checks what it wrote into out/. */
function checkBuild() {
  execFileSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, env: { ...process.env, NODE_ENV: 'production' }, stdio: 'pipe' });
  const preload = readFileSync(join(root, 'out/preload/preload.cjs'), 'utf8');
  expect([...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
  expect(preload).toContain('exposeInMainWorld("verdict"');
  expect(preload).not.toMatch(/^import /m);
  const main = readFileSync(join(root, 'out/main/main.js'), 'utf8');
  expect(main).toMatch(/sandbox: true/);
  expect(main).toMatch(/contextIsolation: true/);
  expect(main).toMatch(/nodeIntegration: false/);
  const html = readFileSync(join(root, 'out/renderer/index.html'), 'utf8');
  expect(html).toContain('<div id="root">');
  // The desktop app has no server to send headers: its CSP is the page's meta tag, the same policy web mode sends.
  expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}" />`);
}
