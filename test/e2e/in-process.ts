// Web mode served in-process for the browser tests: the page built by vite into a folder of its own (so no test
// races another over out/renderer), a store there, the doors offered on 127.0.0.1, and Chromium with a
// 1280×720 page. stop() closes all of it and removes the folder.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { Doors } from '../../electron/participants/doors.ts';
import { openService, type Service } from '../../electron/service.ts';
import { startWebServer, type WebServer } from '../../electron/web/server.ts';
import { launch } from './browser.ts';

const root = join(import.meta.dirname, '../..');

export interface InProcess {
  dir: string;
  service: Service;
  doors: Doors;
  server: WebServer;
  browser: Browser;
  page: Page;
  stop(): Promise<void>;
}

/** `actor`: the door the page's changes are recorded as ('web' is `npm run web`'s own). */
export async function serveInProcess(name: string, actor = 'test'): Promise<InProcess> {
  const dir = mkdtempSync(join(tmpdir(), `verdict-${name}-`));
  const pageDir = join(dir, 'page');
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn', '--outDir', pageDir, '--emptyOutDir'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'pipe',
  });
  const service = openService(join(dir, `${name}.db`), { actor });
  const doors = new Doors(service, { staticDir: pageDir, addresses: () => [{ address: '127.0.0.1', label: '127.0.0.1 (this computer only: a demo)' }] });
  const server = await startWebServer({ service, port: 0, staticDir: pageDir, doors });
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  page.setDefaultTimeout(20_000);
  return {
    dir,
    service,
    doors,
    server,
    browser,
    page,
    async stop() {
      await browser.close();
      await server.close();
      service.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
