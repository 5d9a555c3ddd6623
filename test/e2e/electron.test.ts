// The desktop app itself through Playwright's Electron driver: the database driver prepared as `npm start` prepares
// it, then open, create a decision, copy its record, quit, open again and find the decision — proof that the store
// works inside the window. It needs the Electron binary (downloaded on first use, so internet) and a display;
// without them it says plainly that it skipped, and test/electron/package.test.ts still starts the packed main module
// under a simulated Electron.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openService } from '../../electron/service.ts';
import { findElectron } from '../../scripts/electron-binary.mjs';
import { electronTarget, prepareElectronDriver } from '../../scripts/native-driver.ts';

const root = join(import.meta.dirname, '../..');
const binary = findElectron();
const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const skipped = binary === null ? 'no Electron binary on this machine (its first download needs internet)' : !hasDisplay ? 'no display on this machine' : null;
if (skipped) console.warn(`SKIPPED: the Electron end-to-end test — ${skipped}.`);

describe('the desktop app in Electron', () => {
  it.skipIf(skipped !== null)(`opens, creates a decision, copies its record, quits, reopens and finds it${skipped ? ` (skipped: ${skipped})` : ''}`, async () => {
    await prepareElectronDriver(root, electronTarget(root));
    execFileSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'pipe' });
    const home = mkdtempSync(join(tmpdir(), 'verdict-electron-'));
    const db = join(home, 'verdict.db');
    const repo = mkdtempSync(join(tmpdir(), 'verdict-electron-repo-'));
    const launch = () => _electron.launch({ executablePath: binary!, args: [root], env: { ...process.env, VERDICT_DB: db, HOME: home, XDG_CONFIG_HOME: home } });
    let app: ElectronApplication | undefined;
    try {
      app = await launch();
      const win = await app.firstWindow();
      await win.getByLabel('Title').fill('Chosen in the desktop app');
      await win.getByRole('button', { name: 'Create' }).click();
      await win.getByRole('heading', { name: 'Chosen in the desktop app' }).waitFor();
      // The page has the contract and nothing of Node or Electron.
      type PageGlobal = { require?: unknown; verdict?: { createDecision?: unknown; desktop?: { pickFolder?: unknown } } };
      expect(await win.evaluate(() => [typeof (globalThis as PageGlobal).require, typeof (globalThis as PageGlobal).verdict?.createDecision, typeof (globalThis as PageGlobal).verdict?.desktop?.pickFolder])).toEqual([
        'undefined',
        'function',
        'function',
      ]);
      // Copy works in the window: the permission handlers grant clipboard-sanitized-write to this page.
      await win.keyboard.press('Alt+6');
      await win.getByLabel('Repository folder').fill(repo);
      await win.getByRole('button', { name: 'Preview' }).click();
      await win.getByRole('button', { name: 'Copy markdown' }).click();
      await win.getByRole('button', { name: 'Copied' }).waitFor();
      expect(await win.getByRole('alert').count()).toBe(0);
      expect(await app.evaluate(({ clipboard }) => clipboard.readText())).toContain('Chosen in the desktop app');
      await app.close();

      app = await launch();
      const again = await app.firstWindow();
      await again.getByText('Chosen in the desktop app').first().waitFor();
      await app.close();
      app = undefined;

      const service = openService(db, { actor: 'test' });
      const reply = service.call('listDecisions', {});
      service.close();
      expect(reply).toMatchObject({ ok: true, value: [{ title: 'Chosen in the desktop app' }] });
    } finally {
      await app?.close();
      rmSync(home, { recursive: true, force: true });
      rmSync(repo, { recursive: true, force: true });
    }
  }, 600_000);
});
