// Every screen of a workshop, at the shared screen and on a phone, in the light and the dark theme: a
// screenshot each (test-artifacts/screens/, kept for people to look at after the run) and axe-core with
// 0 violations of any impact, nothing scrolling sideways. UPDATE_SCREENS=1 also refreshes the README's
// screenshots in docs/ from this same run. The page is built into a folder of its own and served in-process.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Doors } from '../../electron/participants/doors.ts';
import type { Service } from '../../electron/service.ts';
import type { WebServer } from '../../electron/web/server.ts';
import type { DoorsState } from '../../shared/participant.ts';
import type { DecisionDetail } from '../../shared/types.ts';
import { inTurn, turnOf } from '../helpers.ts';
import { axeViolations } from './axe.ts';
import { chromiumPath } from './browser.ts';
import { serveInProcess, type InProcess } from './in-process.ts';

const root = join(import.meta.dirname, '../..');
const artifacts = join(root, 'test-artifacts/screens');
const hasChromium = chromiumPath() !== null;
if (!hasChromium && process.env.CI) throw new Error('CI must have Chromium for the browser tests (.ci/run installs it).');

const must = <T,>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

type Theme = 'light' | 'dark';
const themes: Theme[] = ['light', 'dark'];

describe.runIf(hasChromium)('every screen, light and dark, without an accessibility violation', () => {
  let web: InProcess;
  let dir: string;
  let service: Service;
  let doors: Doors;
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  let phoneContext: BrowserContext;
  let phone: Page;
  let d: DecisionDetail;
  let shot = 0;
  const found: string[] = [];
  /** The README's screenshots, refreshed from this run with UPDATE_SCREENS=1. */
  const readme = new Map<string, string>();

  /** Django, Flask per criterion, in the template's order: what the team broadly thinks. */
  const base = [[5, 3], [5, 2], [5, 3], [3, 5], [3, 5], [4, 3], [4, 4], [3, 4], [5, 4], [4, 3], [5, 4], [4, 3]];
  const apart: Record<string, Record<number, [number, number]>> = { Bo: { 4: [-1, 0], 6: [-2, 1] }, Cy: { 3: [-1, 0], 6: [1, -1], 7: [0, -2] }, Dee: { 7: [0, -2] } };
  const BO_WHY = 'We built two services on it last year.\nThey scaled fine behind a queue.';

  /** Casts a member's scores on the criteria `which` picks, in their turn, as the shared screen does. */
  function cast(name: string, which: (criterionIndex: number) => boolean) {
    const p = d.participants.find((x) => x.name === name)!;
    d.criteria.forEach((c, ci) => {
      if (!which(ci)) return;
      d.options.forEach((o, oi) => {
        const score = Math.min(5, Math.max(1, base[ci]![oi]! + (apart[name]?.[ci]?.[oi] ?? 0)));
        const why = name === 'Bo' && ci === 6 && oi === 1 ? BO_WHY : undefined;
        inTurn(service, 'castScore', { decisionId: d.id, memberId: p.personId, optionId: o.id, criterionId: c.id, score, why });
      });
    });
    service.call('endTurn', { decisionId: d.id, turn: turnOf(service, d.id, p.personId) });
  }

  beforeAll(async () => {
    rmSync(artifacts, { recursive: true, force: true });
    mkdirSync(artifacts, { recursive: true });
    // Web mode's own actor: this server is the shared screen in a browser, as `npm run web` is.
    web = await serveInProcess('screens', 'web');
    ({ dir, service, doors, server, browser, page } = web);
    phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    phone = await phoneContext.newPage();
    phone.setDefaultTimeout(20_000);

    // A workshop part-way through: three ballots complete, Dee's half done. The team mostly agrees; Scale and
    // Flask's performance split the room, and Bo says why in two lines.
    d = must(service.call('createDecision', { title: 'Choose the web framework for the billing service', template: 'django-vs-flask' }));
    for (const name of ['Ana', 'Bo', 'Cy', 'Dee']) must(service.call('addParticipant', { decisionId: d.id, name }));
    d = must(service.call('getDecision', { decisionId: d.id }));
    must(service.call('openRound', { decisionId: d.id }));
    for (const p of d.participants) cast(p.name, (ci) => p.name !== 'Dee' || ci < d.criteria.length / 2);
    const trashed = must(service.call('createDecision', { title: 'Message queue for invoices' }));
    must(service.call('deleteDecision', { decisionId: trashed.id }));
  }, 240_000);

  afterAll(() => web?.stop());

  async function setTheme(p: Page, theme: Theme) {
    if (p === phone) await p.emulateMedia({ colorScheme: theme });
    // The theme button: keys would rightly do nothing while a ballot is open.
    else if ((await p.evaluate(() => document.documentElement.dataset.theme)) !== theme) await p.getByRole('button', { name: theme === 'dark' ? 'Dark theme' : 'Light theme' }).click();
    await p.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
  }

  /** Both themes of what is on screen now: a screenshot each, axe, and no sideways scrolling. */
  async function screens(name: string, p: Page = page, keep?: { theme: Theme; file: string }) {
    for (const theme of themes) {
      await setTheme(p, theme);
      await p.waitForTimeout(50);
      // The theme button keeps the keyboard and the mouse after its click: neither its focus ring nor its hover
      // belongs in a screenshot.
      if (p !== phone) {
        await p.evaluate(() => (document.activeElement as HTMLElement | null)?.closest('.view-controls') && (document.activeElement as HTMLElement).blur());
        await p.mouse.move(5, 710);
      }
      const file = join(artifacts, `${String(++shot).padStart(2, '0')}-${name}-${theme}.png`);
      await p.screenshot({ path: file, fullPage: true });
      if (keep?.theme === theme) readme.set(keep.file, file);
      for (const v of await axeViolations(p)) found.push(`${name} (${theme}): ${v}`);
      const wide = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (wide > 0) found.push(`${name} (${theme}): scrolls sideways by ${wide} px`);
      // Every visible piece of text at 16 px or more, labels and badges included.
      const small = await p.evaluate(() => {
        const out = new Set<string>();
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const e = n.parentElement!;
          if (!n.textContent?.trim() || e.closest('.sr-only, [aria-hidden="true"]') || e.getBoundingClientRect().width === 0) continue;
          const size = parseFloat(getComputedStyle(e).fontSize);
          if (size < 16) out.add(`${size.toFixed(1)} px “${n.textContent.trim().slice(0, 24)}” (${e.tagName.toLowerCase()}.${String(e.getAttribute('class') ?? '').split(' ')[0]})`);
        }
        return [...out].slice(0, 5);
      });
      for (const x of small) found.push(`${name} (${theme}): text under 16 px: ${x}`);
    }
    await setTheme(p, 'light');
  }

  it('the list, the trash and every step before the reveal', async () => {
    await page.goto(server.url);
    await page.getByRole('button', { name: /Choose the web framework/ }).first().waitFor();
    await screens('list');
    await page.getByRole('button', { name: 'Show the trash' }).click();
    await page.getByRole('region', { name: 'Trash' }).getByText('Message queue for invoices').waitFor();
    await screens('trash');
    for (const step of ['frame', 'criteria', 'team']) {
      await page.goto(`${server.url}#/d/${d.id}/${step}`);
      await page.locator('.decision-name').waitFor();
      await screens(step);
    }
    expect(found).toEqual([]);
  });

  it('the Vote step with the doors open, a ballot at the shared screen, and presenter mode', async () => {
    must(await doors.call('openDoors', { decisionId: d.id, host: '127.0.0.1', showResults: true }));
    await page.goto(`${server.url}#/d/${d.id}/vote`);
    await page.getByRole('img', { name: 'QR code of the join link' }).waitFor();
    await screens('vote-doors-open');
    const qr = join(artifacts, 'join-qr.png');
    await page.locator('.doors').screenshot({ path: qr });
    readme.set('join-qr.png', qr);
    await page.getByRole('button', { name: 'Open Dee’s ballot' }).click();
    await page.getByRole('grid', { name: 'Dee’s ballot' }).waitFor();
    await page.keyboard.press('4');
    // A 9 on a 1–5 scale: the refusal shows under the cell it concerns, on screen, and is announced.
    await page.keyboard.press('9');
    const refusal = page.locator('.ballot-grid [role="gridcell"] > [role="alert"]');
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe('Scores go from 1 to 5; 0 or − abstains.');
    const box = (await refusal.boundingBox())!;
    expect(box.x >= 0 && box.x + box.width <= 1280).toBe(true);
    await screens('vote-ballot');
    // The theme button took the keyboard off the grid: back to a cell, where Esc closes the ballot.
    await page.getByRole('gridcell').first().focus();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /^Open Dee’s ballot/ }).waitFor();
    // The keyboard comes back to Dee's tile, where page shortcuts rightly do nothing: wait for it, then let go.
    await page.waitForFunction(() => document.activeElement?.hasAttribute('data-member'));
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('p');
    await page.locator('.app.presenter').waitFor();
    await screens('vote-presenter');
    await page.keyboard.press('Escape');
    await page.locator('.app.presenter').waitFor({ state: 'detached' });
    expect(found).toEqual([]);
  });

  it('a phone: choosing a name and the ballot', async () => {
    const state = must(await doors.call('doorsState', { decisionId: d.id })) as DoorsState;
    await phone.goto(state.joinUrl);
    await phone.getByRole('heading', { name: 'Who are you?' }).waitFor();
    await screens('phone-pick-name', phone);
    await phone.getByRole('button', { name: 'Cy', exact: true }).click();
    await phone.getByText('Voting as Cy').waitFor();
    await screens('phone-ballot', phone, { theme: 'light', file: 'phone-ballot.png' });
    // Cy changes one score from the phone: the history will say which door it came through.
    const first = phone.getByRole('group', { name: `${d.options[0]!.name}: score` });
    await first.getByRole('button', { name: '4', exact: true }).click();
    await expect.poll(() => first.getByRole('button', { name: '4', exact: true }).getAttribute('aria-pressed')).toBe('true');
    expect(found).toEqual([]);
  });

  it('after the reveal: results, decide with the record’s preview, history, and the phone’s results', async () => {
    cast('Dee', (ci) => ci >= d.criteria.length / 2);
    must(service.call('revealRound', { decisionId: d.id }));
    await page.goto(`${server.url}#/d/${d.id}/results`);
    await page.getByRole('heading', { name: 'Ranking' }).waitFor();
    // The figure follows the ranking: computed off the request path, announced through the change stream.
    await page.getByRole('img', { name: /How often each option comes first/ }).waitFor();
    expect(await page.locator('section.robustness p.robustness').innerText()).toMatch(/ stays first in /);
    await screens('results', page, { theme: 'light', file: 'results.png' });
    // The what-if panel starts from the same numbers as the ranking above it.
    const ranked = await page.locator('.ranking:not(.compact) .num').allInnerTexts();
    expect(await page.getByRole('list', { name: 'What-if ranking' }).locator('.num').allInnerTexts()).toEqual(ranked.map((t) => t.replace(/ of 5$/, '')));
    await page.goto(`${server.url}#/d/${d.id}/decide`);
    await page.locator('.decision-name').waitFor();
    const repo = join(dir, 'repo');
    mkdirSync(join(repo, 'docs/decisions'), { recursive: true });
    await page.getByLabel('Repository folder').fill(repo);
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('article', { name: 'ADR preview' }).waitFor();
    await screens('decide-preview');
    await page.getByRole('button', { name: 'Show markdown' }).click();
    await page.getByLabel('ADR markdown').waitFor();
    await screens('decide-markdown');
    await page.goto(`${server.url}#/d/${d.id}/history`);
    await page.locator('.history').waitFor();
    // Each line says who and through which door: Dee's score typed at this screen, Cy's from the phone.
    // Each group's own line, without its folded-away events.
    const lines = await page.evaluate(() =>
      [...document.querySelectorAll('.history > li')].map((li) => {
        const copy = li.cloneNode(true) as HTMLElement;
        copy.querySelector('.history-detail')?.remove();
        return copy.textContent ?? '';
      }),
    );
    expect(lines.find((l) => /Dee: \d+ votes cast/.test(l))).toContain('at the shared screen');
    expect(lines.find((l) => /Cy scored Django on Database layer/.test(l))).toContain('on their own device');
    await screens('history');
    await phone.getByRole('heading', { name: 'Ranking' }).waitFor();
    await screens('phone-results', phone);
    expect(found).toEqual([]);
  });

  it('refreshes the README’s screenshots when asked (UPDATE_SCREENS=1)', () => {
    expect([...readme.keys()].sort()).toEqual(['join-qr.png', 'phone-ballot.png', 'results.png']);
    if (process.env.UPDATE_SCREENS) for (const [name, file] of readme) copyFileSync(file, join(root, 'docs', name));
  });
});
