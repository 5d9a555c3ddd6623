// Keeping one's place and one's data at the shared screen, in headless Chromium: a URL per decision and step
// (reload, Back), a delete during voting that asks first, the Trash view, and layouts that hold a
// 200-character unbroken title at 1280×720. The page is built into a folder of its own and served
// in-process, so this file never races the other browser tests over out/renderer.
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Doors } from '../../electron/participants/doors.ts';
import type { Service } from '../../electron/service.ts';
import type { WebServer } from '../../electron/web/server.ts';
import type { DoorsState } from '../../shared/participant.ts';
import { inTurn } from '../helpers.ts';
import { axeViolations } from './axe.ts';
import { chromiumPath } from './browser.ts';
import { serveInProcess, type InProcess } from './in-process.ts';

const root = join(import.meta.dirname, '../..');
const hasChromium = chromiumPath() !== null;
if (!hasChromium && process.env.CI) throw new Error('CI must have Chromium for the browser tests (.ci/run installs it).');

const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe.runIf(hasChromium)('keeping one’s place and one’s data', () => {
  let web: InProcess;
  let service: Service;
  let server: WebServer;
  let doors: Doors;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    web = await serveInProcess('place');
    ({ service, doors, server, browser, page } = web);
  }, 180_000);

  afterAll(() => web?.stop());

  it('gives every decision and step a URL: a reload keeps the place, Back returns to the previous step', async () => {
    const d = must(service.call('createDecision', { title: 'Django or Flask for billing', template: 'django-vs-flask' }));
    await page.goto(server.url);
    await page.getByRole('button', { name: /Django or Flask for billing/ }).first().click();
    await page.getByRole('button', { name: /3 Team/ }).click();
    expect(new URL(page.url()).hash).toBe(`#/d/${d.id}/team`);
    await page.getByRole('button', { name: /5 Results/ }).click();
    expect(new URL(page.url()).hash).toBe(`#/d/${d.id}/results`);
    await page.reload();
    await page.getByRole('heading', { name: 'Django or Flask for billing' }).waitFor();
    expect(await page.locator('.step.current').textContent()).toMatch(/Results/);
    await page.goBack();
    await page.waitForFunction(() => location.hash.endsWith('/team'));
    expect(await page.locator('.step.current').textContent()).toMatch(/Team/);
    // A link to a step opens it directly.
    await page.goto(`${server.url}#/d/${d.id}/history`);
    await page.getByRole('heading', { name: 'Django or Flask for billing' }).waitFor();
    expect(await page.locator('.step.current').textContent()).toMatch(/History/);
  });

  it('asks before deleting a decision whose vote is open, and the Trash view restores it or deletes it forever', async () => {
    const d = must(service.call('createDecision', { title: 'Queue for invoices', template: 'django-vs-flask' }));
    must(service.call('addParticipant', { decisionId: d.id, name: 'Ana' }));
    must(service.call('openRound', { decisionId: d.id }));
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Delete Queue for invoices' }).click();
    const ask = page.getByRole('alertdialog', { name: /Delete Queue for invoices while voting is open/ });
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Keep it' }).click();
    expect(must(service.call('listDecisions', {})).map((x) => x.title)).toContain('Queue for invoices');
    await page.getByRole('button', { name: 'Delete Queue for invoices' }).click();
    await page.getByRole('button', { name: 'Delete anyway' }).click();
    await page.waitForFunction(() => !document.querySelector('[aria-label="Delete Queue for invoices"]'));
    expect(must(service.call('listDecisions', { trash: true })).map((x) => x.title)).toEqual(['Queue for invoices']);

    await page.getByRole('button', { name: 'Show the trash' }).click();
    const trash = page.getByRole('region', { name: 'Trash' });
    await trash.getByText('Queue for invoices').waitFor();
    await trash.getByRole('button', { name: 'Restore Queue for invoices' }).click();
    await page.getByRole('button', { name: 'Delete Queue for invoices' }).waitFor();
    expect(must(service.call('listDecisions', { trash: true }))).toEqual([]);

    // A decision without an open vote goes straight to the trash; deleting forever takes a second click.
    const e = must(service.call('createDecision', { title: 'Short-lived' }));
    await page.getByRole('button', { name: 'Delete Short-lived' }).click();
    await trash.getByRole('button', { name: 'Delete forever: Short-lived' }).click();
    expect(must(service.call('listDecisions', { trash: true })).map((x) => x.id)).toEqual([e.id]);
    await trash.getByRole('button', { name: 'Yes, delete forever: Short-lived' }).click();
    await trash.getByText('The trash is empty.').waitFor();
    expect(must(service.call('listDecisions', { trash: true }))).toEqual([]);
  });

  it('shows the history as people read it: one line per ballot, opened on demand, filtered by kind', async () => {
    const d = must(service.call('createDecision', { title: 'History for people', template: 'django-vs-flask' }));
    const members = ['Ana', 'Bo'].map((name) => must(service.call('addParticipant', { decisionId: d.id, name })).personId);
    const full = must(service.call('getDecision', { decisionId: d.id }));
    must(service.call('openRound', { decisionId: d.id }));
    const turns = members.map((memberId) => must(service.call('takeTurn', { decisionId: d.id, memberId })).turn);
    // Ana and Bo vote cell by cell at the same time: their events interleave, their lines do not.
    for (const o of full.options)
      for (const c of full.criteria.slice(0, 3))
        members.forEach((memberId, i) => must(service.call('castScore', { decisionId: d.id, memberId, turn: turns[i], optionId: o.id, criterionId: c.id, score: 4 })));
    await page.goto(`${server.url}#/d/${d.id}/history`);
    const line = page.getByText(`Ana: ${full.options.length * 3} votes cast`);
    await line.waitFor();
    await page.getByText(`Bo: ${full.options.length * 3} votes cast`).waitFor();
    expect(await page.locator('.history > li').count()).toBeLessThan(8);
    await line.click();
    await page.getByText(`Ana scored ${full.options[0]!.name} on ${full.criteria[0]!.name}`).first().waitFor();
    await page.getByLabel('Show').selectOption('edits');
    expect(await page.getByText(/votes cast/).count()).toBe(0);
  });

  it('has no accessibility violations of any impact on the list, every step, the trash, and presenter mode (axe-core)', async () => {
    const d = must(service.call('createDecision', { title: 'Accessible workshop', template: 'django-vs-flask' }));
    must(service.call('addParticipant', { decisionId: d.id, name: 'Ana' }));
    const found: string[] = [];
    const check = async (where: string) => {
      for (const v of await axeViolations(page)) found.push(`${where}: ${v}`);
    };
    await page.goto(server.url);
    await page.getByRole('button', { name: /Accessible workshop/ }).first().waitFor();
    await check('list');
    await page.getByRole('button', { name: 'Show the trash' }).click();
    await check('trash');
    for (const step of ['frame', 'criteria', 'team', 'vote', 'results', 'decide', 'history']) {
      await page.goto(`${server.url}#/d/${d.id}/${step}`);
      await page.locator('.decision-name').waitFor();
      await check(step);
    }
    await page.keyboard.press('p');
    await page.locator('.app.presenter').waitFor();
    await check('presenter');
    await page.keyboard.press('Escape');
    expect(found).toEqual([]);
  });

  it('presenter mode at 1280×720 shows each step’s primary action without scrolling, larger text, and the title on at most two lines', async () => {
    const d = must(service.call('createDecision', { title: 'Choose the web framework for the billing service', template: 'django-vs-flask' }));
    for (const name of ['Ana', 'Bo', 'Cy', 'Dee', 'Eli', 'Fay', 'Gus', 'Hal']) must(service.call('addParticipant', { decisionId: d.id, name }));
    must(service.call('openRound', { decisionId: d.id }));
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`${server.url}#/d/${d.id}/vote`);
    await page.getByRole('button', { name: 'Reveal all votes' }).waitFor();
    await page.keyboard.press('p');
    await page.locator('.app.presenter').waitFor();
    await page.screenshot({ path: join(root, 'test-artifacts/place', 'presenter-vote-1280x720.png') });
    const box = await page.getByRole('button', { name: 'Reveal all votes' }).boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(720);
    const title = await page.locator('.decision-name').evaluate((e) => e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight));
    expect(title).toBeLessThanOrEqual(2.1);
    // Larger text than normal mode's 16 px and more, for the back of the room.
    expect(await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))).toBeGreaterThanOrEqual(22);

    // Every other step's primary action is in view too, with eight people and twelve criteria, after the reveal.
    const full = must(service.call('getDecision', { decisionId: d.id }));
    for (const p of full.participants) for (const c of full.criteria) for (const o of full.options) inTurn(service, 'castScore', { decisionId: d.id, memberId: p.personId, optionId: o.id, criterionId: c.id, score: 3 + ((p.personId + c.id) % 2) });
    must(service.call('revealRound', { decisionId: d.id }));
    const primary: Record<string, () => Locator> = {
      frame: () => page.getByLabel('Title', { exact: true }),
      criteria: () => page.locator('[id^="weight-"]').first(),
      team: () => page.getByRole('button', { name: 'Add person' }),
      vote: () => page.getByRole('button', { name: 'Open a round of scores' }),
      results: () => page.locator('.ranking').first(),
      decide: () => page.getByRole('button', { name: 'Record the decision' }),
      history: () => page.locator('.history > li').first(),
    };
    for (const [step, locate] of Object.entries(primary)) {
      await page.goto(`${server.url}#/d/${d.id}/${step}`);
      await page.locator('.app.presenter .decision-name').waitFor();
      const box = await locate().boundingBox();
      expect(box, `${step}: its primary action is not on screen`).not.toBeNull();
      expect(box!.y + box!.height, `${step}: its primary action is below the fold`).toBeLessThanOrEqual(720);
    }
    await page.keyboard.press('Escape');
  });

  it('after Esc the keyboard is back on the member’s tile, after Finish on the next member’s, and a stray key there changes nothing', async () => {
    const d = must(service.call('createDecision', { title: 'Keyboard between voters', template: 'django-vs-flask' }));
    for (const name of ['Ana', 'Bo']) must(service.call('addParticipant', { decisionId: d.id, name }));
    must(service.call('openRound', { decisionId: d.id }));
    await page.goto(`${server.url}#/d/${d.id}/vote`);
    await page.getByRole('button', { name: 'Open Ana’s ballot' }).click();
    await page.getByRole('grid', { name: 'Ana’s ballot' }).waitFor();
    await page.keyboard.press('4');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label')?.startsWith('Open Ana’s ballot'));
    const theme = await page.evaluate(() => document.documentElement.dataset.theme);
    await page.keyboard.press('t');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
    // Enter on the tile opens the next ballot from the keyboard.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('grid', { name: 'Bo’s ballot' }).waitFor();
    await page.keyboard.press('Escape');
    // After Finish, the keyboard passes to the next member in room order: Ana finishes, Bo's tile has it.
    await page.getByRole('button', { name: 'Open Ana’s ballot' }).click();
    await page.getByRole('grid', { name: 'Ana’s ballot' }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /^Finish with/ }).click();
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Open Bo’s ballot');
    await page.keyboard.press('Enter');
    await page.getByRole('grid', { name: 'Bo’s ballot' }).waitFor();
    await page.keyboard.press('Escape');
  });

  it('a ballot is not finished by stray keys: Shift+Enter writes a line in the why box, and Enter on an unfinished ballot asks', async () => {
    const d = must(service.call('createDecision', { title: 'Stray keys', template: 'django-vs-flask' }));
    for (const name of ['Ana', 'Bo']) must(service.call('addParticipant', { decisionId: d.id, name }));
    must(service.call('openRound', { decisionId: d.id }));
    await page.goto(`${server.url}#/d/${d.id}/vote`);
    await page.getByRole('button', { name: 'Open Bo’s ballot' }).click();
    await page.getByRole('grid', { name: 'Bo’s ballot' }).waitFor();
    for (const key of ['4', '3', '5', '2']) await page.keyboard.press(key);
    await page.getByText(/^4 of 24 filled$/).waitFor();
    // Back to the last cell scored, then a two-line reason: Shift+Enter is a new line, Ctrl+Enter saves.
    await page.keyboard.press('ArrowLeft');
    // Typed straight after w, without waiting: the box has the keyboard before the next key.
    await page.keyboard.press('w');
    await page.keyboard.type('Flask needs SQLAlchemy.');
    const why = page.getByRole('textbox', { name: /^Why/ });
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('We would pick it ourselves.');
    await page.keyboard.press('Control+Enter');
    await why.waitFor({ state: 'detached' });
    // The Enter that finished Bo's ballot at 4 of 24 in the room now asks, with Keep voting under the keyboard.
    await page.keyboard.press('Enter');
    await page.getByRole('alertdialog', { name: 'Finish with cells left?' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.textContent === 'Keep voting');
    await page.keyboard.press('Enter');
    await page.getByRole('alertdialog').waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    const tile = page.locator('.progress li', { has: page.getByRole('button', { name: 'Open Bo’s ballot' }) });
    await tile.getByText('4/24').waitFor();
    const bo = must(service.call('getDecision', { decisionId: d.id })).participants.find((p) => p.name === 'Bo')!.personId;
    const round = must(service.call('getDecision', { decisionId: d.id })).rounds.find((r) => r.status === 'open')!;
    expect(round.progress.find((m) => m.personId === bo)).toMatchObject({ done: false, filled: 4 });
    // The reason kept its line break (read from the file: a new turn would see these cells sealed, as it should).
    const reasons = service.ctx.db.prepare("SELECT why FROM score_votes WHERE person_id = ? AND why != ''").all(bo);
    expect(reasons).toEqual([{ why: 'Flask needs SQLAlchemy.\nWe would pick it ourselves.' }]);
  });

  it('no key sequence finishes a ballot nobody chose to finish, a click on its text keeps the keyboard, a second tab holds nothing', async () => {
    const d = must(service.call('createDecision', { title: 'Keys that never finish', template: 'django-vs-flask' }));
    for (const name of ['Ana', 'Bo', 'Cy']) must(service.call('addParticipant', { decisionId: d.id, name }));
    must(service.call('openRound', { decisionId: d.id }));
    const progress = (name: string) => must(service.call('getDecision', { decisionId: d.id })).rounds.find((r) => r.status === 'open')!.progress.find((m) => m.name === name)!;
    await page.goto(`${server.url}#/d/${d.id}/vote`);

    // Enter on "Close without finishing" closes, even with every cell filled.
    await page.getByRole('button', { name: 'Open Ana’s ballot' }).click();
    await page.getByRole('grid', { name: 'Ana’s ballot' }).waitFor();
    for (let i = 0; i < 24; i++) await page.keyboard.press('4');
    await page.getByText(/^24 of 24 filled$/).waitFor();
    await page.getByRole('button', { name: /Close without finishing/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /^Open Ana’s ballot/ }).waitFor();
    expect(progress('Ana')).toMatchObject({ done: false, filled: 24 });

    // Spreadsheet habits: the digits typed after Enter go back to the grid and count; nothing finishes.
    await page.getByRole('button', { name: 'Open Cy’s ballot' }).click();
    await page.getByRole('grid', { name: 'Cy’s ballot' }).waitFor();
    for (const key of ['4', 'Tab', '5', 'Enter', '3', 'Tab', '2', 'Enter']) await page.keyboard.press(key);
    await page.getByRole('alertdialog', { name: 'Finish with cells left?' }).waitFor();
    await expect.poll(() => progress('Cy').filled).toBe(4);
    expect(progress('Cy').done).toBe(false);
    // 4 Enter Tab Enter: the Tab on the question goes back to the grid, so the next Enter only asks again.
    await page.keyboard.press('Tab');
    await page.getByRole('alertdialog').waitFor({ state: 'detached' });
    await page.keyboard.press('Enter');
    await page.getByRole('alertdialog', { name: 'Finish with cells left?' }).waitFor();
    expect(progress('Cy').done).toBe(false);
    await page.keyboard.press('Escape');
    await page.getByRole('alertdialog').waitFor({ state: 'detached' });

    // A click on a row's name keeps the keyboard in the ballot: the digit counts, t changes no theme.
    const theme = await page.evaluate(() => document.documentElement.dataset.theme);
    await page.getByRole('rowheader').nth(5).click();
    await page.keyboard.press('5');
    await page.keyboard.press('t');
    await expect.poll(() => progress('Cy').filled).toBe(5);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);

    // A tab opened from this one starts with a copy of its sessionStorage: it must not take Cy's turn with it.
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.evaluate(() => void window.open(location.href, '_blank'))]);
    await popup.getByRole('button', { name: /^Open Cy’s ballot/ }).waitFor();
    expect(await popup.getByRole('grid').count()).toBe(0);
    await popup.close();
    await page.getByRole('gridcell').first().focus();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /^Open Cy’s ballot/ }).waitFor();
  });

  it('a reload mid-ballot returns to it while the turn is live, and not once the ballot was closed; a tab closed mid-ballot can be taken over', async () => {
    const d = must(service.call('createDecision', { title: 'Reload mid-ballot', template: 'django-vs-flask' }));
    for (const name of ['Ana', 'Bo', 'Cy']) must(service.call('addParticipant', { decisionId: d.id, name }));
    must(service.call('openRound', { decisionId: d.id }));
    await page.goto(`${server.url}#/d/${d.id}/vote`);
    await page.getByRole('button', { name: 'Open Bo’s ballot' }).click();
    await page.getByRole('grid', { name: 'Bo’s ballot' }).waitFor();
    await page.keyboard.press('4');
    await page.getByRole('gridcell', { name: /^Django, .*: 4$/ }).first().waitFor();
    await page.reload();
    const grid = page.getByRole('grid', { name: 'Bo’s ballot' });
    await grid.waitFor();
    expect(new URL(page.url()).hash).toBe(`#/d/${d.id}/vote`);
    // What this turn typed is back, and typing goes on in the same turn.
    expect(await page.getByRole('gridcell', { name: /^Django, / }).first().textContent()).toBe('4');
    await page.getByRole('gridcell', { name: /^Django, / }).first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('5');
    await page.getByText(/^2 of \d+ filled$/).waitFor();
    const bo = must(service.call('getDecision', { decisionId: d.id })).rounds.find((r) => r.status === 'open')!.progress.find((m) => m.name === 'Bo')!;
    expect(bo.filled).toBe(2);
    // A tab closed mid-ballot holds Bo's turn until it lapses: this screen is told so, and may open it here anyway.
    const other = await browser.newPage();
    await other.goto(`${server.url}#/d/${d.id}/vote`);
    await other.getByRole('button', { name: 'Open Cy’s ballot' }).click();
    await other.getByRole('grid', { name: 'Cy’s ballot' }).waitFor();
    await other.keyboard.press('3');
    await other.getByText(/^1 of \d+ filled$/).waitFor();
    await other.close();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Open Cy’s ballot' }).click();
    await page.getByText(/^Cy’s ballot is open elsewhere \(another window or tab\)\. Open it here anyway/).waitFor();
    await page.getByRole('button', { name: 'Open Cy’s ballot here anyway' }).click();
    await page.getByRole('grid', { name: 'Cy’s ballot' }).waitFor();
    // What the closed tab typed stays sealed to this new turn.
    expect(await page.getByRole('gridcell').first().textContent()).toBe('●');
    await page.getByRole('gridcell').first().focus();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /^Open Cy’s ballot/ }).waitFor();
    await page.getByRole('button', { name: /^Open Bo’s ballot/ }).click();
    await page.getByRole('grid', { name: 'Bo’s ballot' }).waitFor();
    // Esc gives the turn back: a reload now shows the tiles, and the ballot opens sealed only by choice.
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /^Open Bo’s ballot/ }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: /^Open Bo’s ballot/ }).waitFor();
    expect(await page.getByRole('grid').count()).toBe(0);
  });

  it('holds a 200-character unbroken title and names at 1280×720 on every step, without scrolling sideways', async () => {
    const long = 'Supercalifragilistic'.repeat(10);
    const d = must(service.call('createDecision', { title: long.slice(0, 200), template: 'django-vs-flask' }));
    must(service.call('addParticipant', { decisionId: d.id, name: `Ana${'x'.repeat(110)}` }));
    must(service.call('addOption', { decisionId: d.id, name: `Option${'y'.repeat(110)}` }));
    for (const step of ['frame', 'criteria', 'team', 'vote', 'results', 'decide', 'history']) {
      await page.goto(`${server.url}#/d/${d.id}/${step}`);
      await page.locator('.decision-name').waitFor();
      await page.waitForTimeout(100);
      // Kept after the run for people to look at (test-artifacts/ is not committed).
      await page.screenshot({ path: join(root, 'test-artifacts/place', `long-title-${step}.png`) });
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
      const widest = scrollWidth > innerWidth ? await page.evaluate((w) => [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > w).slice(-3).map((e) => `${e.tagName}.${e.className}`).join(' '), innerWidth) : '';
      expect(scrollWidth, `the ${step} step scrolls sideways (${widest})`).toBeLessThanOrEqual(innerWidth);
    }
    const size = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    expect(size).toBeGreaterThanOrEqual(16);
    // Deleting it: the Undo toast names the long title and stays on screen, Undo in view.
    await page.goto(server.url);
    await page.getByRole('button', { name: `Delete ${long.slice(0, 200)}` }).click();
    const undo = page.getByRole('button', { name: 'Undo' });
    await undo.waitFor();
    const box = await undo.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(1280);
    expect(box!.y + box!.height).toBeLessThanOrEqual(720);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await undo.click();
    await page.getByRole('button', { name: `Delete ${long.slice(0, 200)}` }).waitFor();

    // The longest criterion name (120), long evidence and reasons: the phone's ballot, the results (their chart's
    // legend), and the phone's results hold too.
    const sideways = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    const criterion = must(service.call('addCriterion', { decisionId: d.id, name: `K${'k'.repeat(119)}`, weight: 5 }));
    const full = must(service.call('getDecision', { decisionId: d.id }));
    for (const o of full.options) must(service.call('addEvidence', { optionId: o.id, criterionId: criterion.id, text: `E${'v'.repeat(900)}`, source: `https://example.org/${'s'.repeat(300)}` }));
    must(service.call('moveCriterion', { criterionId: criterion.id, position: 0 }));
    const bo = must(service.call('addParticipant', { decisionId: d.id, name: `Bo${'b'.repeat(115)}` })).personId;
    must(service.call('openRound', { decisionId: d.id }));
    must(await doors.call('openDoors', { decisionId: d.id, host: '127.0.0.1', showResults: true }));
    const { joinUrl } = must(await doors.call('doorsState', { decisionId: d.id })) as DoorsState;
    const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    try {
      const phone = await phoneContext.newPage();
      await phone.goto(joinUrl);
      await phone.getByRole('heading', { name: 'Who are you?' }).waitFor();
      expect(await sideways(phone), 'the phone’s list of names scrolls sideways').toBeLessThanOrEqual(0);
      await phone.locator('.names button').first().click();
      await phone.getByText(/^Voting as/).waitFor();
      const group = phone.getByRole('group').first();
      await group.getByRole('button', { name: '3', exact: true }).click();
      await expect.poll(() => group.getByRole('button', { name: '3', exact: true }).getAttribute('aria-pressed')).toBe('true');
      await phone.getByRole('button', { name: 'Add a reason' }).first().click();
      await phone.keyboard.type(`R${'r'.repeat(300)}`);
      await phone.locator('h2').first().click();
      await phone.getByRole('button', { name: /^Why: R/ }).waitFor();
      expect(await sideways(phone), 'the phone ballot scrolls sideways').toBeLessThanOrEqual(0);
      // Bo votes at the shared screen; Ana's ballot is on the phone.
      for (const o of full.options) for (const c of [...full.criteria, criterion]) inTurn(service, 'castScore', { decisionId: d.id, memberId: bo, optionId: o.id, criterionId: c.id, score: 1 + ((o.id + c.id) % 5), why: `Y${'y'.repeat(400)}` });
      must(service.call('revealRound', { decisionId: d.id }));
      await page.goto(`${server.url}#/d/${d.id}/results`);
      await page.getByRole('heading', { name: 'Ranking' }).waitFor();
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(root, 'test-artifacts/place', 'long-results.png'), fullPage: true });
      expect(await sideways(page), 'the results scroll sideways').toBeLessThanOrEqual(0);
      await phone.getByRole('heading', { name: 'Ranking' }).waitFor();
      expect(await sideways(phone), 'the phone results scroll sideways').toBeLessThanOrEqual(0);
    } finally {
      await phoneContext.close();
      await doors.close(d.id);
    }
  });
});
