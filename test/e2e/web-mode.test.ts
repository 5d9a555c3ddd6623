// A fresh store served by the real `npm run web`, driven in headless Chromium.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../electron/cli/program.ts';
import { chromiumPath, launch } from './browser.ts';

const root = join(import.meta.dirname, '../..');
const hasChromium = chromiumPath() !== null;
if (!hasChromium && process.env.CI) throw new Error('CI must have Chromium for the browser tests (.ci/run installs it).');
if (!hasChromium) console.warn('SKIPPED: web-mode browser tests — no Chromium on this machine (apt-get install -y chromium).');

describe.runIf(hasChromium)('web mode in a browser', () => {
  let web: ChildProcess;
  let url: string;
  let db: string;
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    // Lives for the whole file (the helpers' temp folders go after each test).
    dir = mkdtempSync(join(tmpdir(), 'verdict-e2e-'));
    db = join(dir, 'web.db');
    web = spawn('npm', ['run', 'web', '--', '--port', '0'], { cwd: root, env: { ...process.env, NODE_ENV: 'production', VERDICT_DB: db }, stdio: ['ignore', 'pipe', 'pipe'] });
    url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`npm run web printed no address:\n${out}`)), 60_000);
      const read = (chunk: Buffer) => {
        out += chunk.toString();
        const m = /running at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      };
      web.stdout!.on('data', read);
      web.stderr!.on('data', read);
      web.on('exit', (code) => reject(new Error(`npm run web exited with ${code}:\n${out}`)));
    });
    browser = await launch();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    web?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the page, and the API answers on a new database', async () => {
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const api = await fetch(`${url}api/listDecisions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(await api.json()).toEqual({ ok: true, value: [] });
  });

  it('creates a decision from the Django vs Flask template, and shows changes from the CLI live', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await page.getByText('No decisions yet').waitFor();
    await page.getByLabel('New decision').fill('Django or Flask for billing');
    await page.getByLabel('Template').selectOption('django-vs-flask');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { name: 'Django or Flask for billing' }).waitFor();
    expect(await page.locator('.criteria li').count()).toBe(12);
    expect(await page.getByText('Flexibility and control').count()).toBe(1);

    // Another door writes to the same file: the open page refreshes by itself.
    const out: string[] = [];
    expect(await run(['--db', db, 'new', 'Pick a message queue'], { out: (t) => out.push(t), err: () => {}, env: {} })).toBe(0);
    await page.getByRole('button', { name: /Pick a message queue/ }).waitFor({ timeout: 5000 });

    await page.getByRole('button', { name: 'Move to trash' }).click();
    await page.getByText('moved to the trash').waitFor();
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('heading', { name: 'Django or Flask for billing' }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});
