// The desktop app itself through Playwright's Electron driver: open, create a decision, quit.
// It needs the Electron binary (downloaded on first use, so internet) and a display; without them it
// reports plainly that it skipped, and the web-mode test still drives the same renderer and handlers.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openService } from '../../electron/service.ts';
import { findElectron } from '../../scripts/electron-binary.mjs';

const root = join(import.meta.dirname, '../..');
const binary = findElectron();
const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const skipped = binary === null ? 'no Electron binary on this machine (its first download needs internet)' : !hasDisplay ? 'no display on this machine' : null;
if (skipped) console.warn(`SKIPPED: the Electron end-to-end test — ${skipped}.`);

describe('the desktop app in Electron', () => {
  it.skipIf(skipped !== null)(`opens, creates a decision and quits${skipped ? ` (skipped: ${skipped})` : ''}`, async () => {
    execFileSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'pipe' });
    const home = mkdtempSync(join(tmpdir(), 'verdict-electron-'));
    const db = join(home, 'verdict.db');
    try {
      const app = await _electron.launch({ executablePath: binary!, args: [root], env: { ...process.env, VERDICT_DB: db, HOME: home, XDG_CONFIG_HOME: home } });
      const win = await app.firstWindow();
      await win.getByLabel('Title').fill('Chosen in the desktop app');
      await win.getByRole('button', { name: 'Create' }).click();
      await win.getByRole('heading', { name: 'Chosen in the desktop app' }).waitFor();
      // The page has the contract and nothing of Node or Electron.
      // The callback runs in the page; globalThis there is its window.
      type PageGlobal = { require?: unknown; verdict?: { createDecision?: unknown; desktop?: { pickFolder?: unknown } } };
      expect(await win.evaluate(() => [typeof (globalThis as PageGlobal).require, typeof (globalThis as PageGlobal).verdict?.createDecision, typeof (globalThis as PageGlobal).verdict?.desktop?.pickFolder])).toEqual([
        'undefined',
        'function',
        'function',
      ]);
      await app.close();
      const service = openService(db, { actor: 'test' });
      const reply = service.call('listDecisions', {});
      service.close();
      expect(reply).toMatchObject({ ok: true, value: [{ title: 'Chosen in the desktop app' }] });
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }, 300_000);
});
