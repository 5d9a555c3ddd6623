// Votes from people's own devices, end to end in headless Chromium: the facilitator's screen (web mode) opens the
// doors on 127.0.0.2, three phones (390×844) join and vote (two by the QR code's link, one by typing the short code
// read off the shared screen at the bare address), one changes their mind, the ✓ marks arrive live on the shared
// screen, the facilitator reveals, and the results equal the same votes entered on the shared screen.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatJoinCode, type DoorsState } from '../../shared/participant.ts';
import type { DecisionDetail, Results } from '../../shared/types.ts';
import { inTurn, ok, openTestService } from '../helpers.ts';
import { axeViolations } from './axe.ts';
import { chromiumPath, launch } from './browser.ts';
import { startWeb, type RunningWeb } from './web.ts';

const root = join(import.meta.dirname, '../..');
const artifacts = join(root, 'test-artifacts/participants');
const hasChromium = chromiumPath() !== null;
if (!hasChromium && process.env.CI) throw new Error('CI must have Chromium for the browser tests (.ci/run installs it).');

/** What each member finally votes: [criterion][option] scores; Bo changes one after submitting. */
const votes: Record<string, number[][]> = {
  Ana: [
    [5, 3],
    [4, 4],
    [2, 5],
  ],
  Bo: [
    [4, 2],
    [3, 5],
    [3, 4],
  ],
  Cy: [
    [5, 2],
    [4, 3],
    [1, 5],
  ],
};
const BO_FIRST = 5; // Bo first gives Flask 5 on the first criterion, then settles on 2.

describe.runIf(hasChromium)('participants vote from their own phones', () => {
  let web: RunningWeb;
  let dir: string;
  let browser: Browser;
  let screen: Page;
  let decision: DecisionDetail;
  const phones: Record<string, { context: BrowserContext; page: Page }> = {};

  beforeAll(async () => {
    rmSync(artifacts, { recursive: true, force: true });
    mkdirSync(artifacts, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'verdict-phones-'));
    web = await startWeb({ VERDICT_DB: join(dir, 'web.db'), VERDICT_DOORS_ADDRESSES: '127.0.0.2' });
    // The decision is framed through the facilitator's API; the vote is what this test is about.
    const d = await web.api<{ id: number }>('createDecision', { title: 'Django or Flask for billing' });
    for (const name of ['Django', 'Flask']) await web.api('addOption', { decisionId: d.id, name });
    for (const [name, weight] of [['Productivity', 4], ['Flexibility', 3], ['Ecosystem', 3]] as const) await web.api('addCriterion', { decisionId: d.id, name, weight });
    for (const name of Object.keys(votes)) await web.api('addParticipant', { decisionId: d.id, name });
    await web.api('openRound', { decisionId: d.id });
    decision = await web.api<DecisionDetail>('getDecision', { decisionId: d.id });
    browser = await launch();
    screen = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    screen.setDefaultTimeout(20_000);
  }, 420_000);

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the facilitator opens the doors on 127.0.0.2 and shows a QR code', async () => {
    await screen.goto(web.url);
    await screen.getByRole('button', { name: /Django or Flask for billing/ }).first().click();
    await screen.getByRole('button', { name: /4 Vote/ }).click();
    await screen.getByLabel('Offer on').selectOption('127.0.0.2');
    await screen.getByLabel('Show them the results after the reveal').check();
    await screen.getByRole('button', { name: 'Open the doors' }).click();
    await screen.getByRole('img', { name: 'QR code of the join link' }).waitFor();
    expect(await screen.locator('.join-url').innerText()).toMatch(/^http:\/\/127\.0\.0\.2:\d+\/join#w=[\w-]+$/);
    // Beside it, for phones without a camera: the plain address and the short code, spelled out for screen readers.
    expect(await screen.locator('.type-address').innerText()).toMatch(/^Or open http:\/\/127\.0\.0\.2:\d+\/ and type$/);
    expect(await screen.locator('.join-code [aria-hidden="true"]').innerText()).toMatch(/^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$/);
    expect(await screen.locator('.join-code .sr-only').innerText()).toMatch(/^the join code: \w \w \w, \w \w \w$/);
    expect(await axeViolations(screen)).toEqual([]);
    await screen.locator('.doors').screenshot({ path: join(artifacts, '01-join-screen-qr.png') });
    await screen.keyboard.press('p');
    await screen.locator('.app.presenter').waitFor();
    // Presenter mode: the codes for the room and the primary action, all without scrolling at 1280×720.
    for (const shown of [screen.getByRole('button', { name: 'Reveal all votes' }), screen.locator('.join-code'), screen.getByRole('img', { name: 'QR code of the join link' })]) {
      const box = (await shown.boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(720);
    }
    expect(await axeViolations(screen)).toEqual([]);
    await screen.screenshot({ path: join(artifacts, '02-join-screen-presenter.png') });
    await screen.keyboard.press('p');
  });

  /** A phone joins by the QR code's link, or (Cy) by typing the code read off the shared screen at the bare address. */
  async function phone(name: string) {
    const state = await web.api<DoorsState>('doors/doorsState', { decisionId: decision.id });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    if (name === 'Cy') await typeTheCode(page, state);
    else await page.goto(state.joinUrl);
    await page.getByRole('heading', { name: 'Who are you?' }).waitFor();
    if (name === 'Ana') await page.screenshot({ path: join(artifacts, '03-phone-pick-name.png') });
    await page.getByRole('button', { name, exact: true }).click();
    await page.getByText(`Voting as ${name}`).waitFor();
    phones[name] = { context, page };
    return page;
  }

  async function typeTheCode(page: Page, state: DoorsState) {
    // What a person reads off the wall: the address, and the code as it is shown.
    const address = /http:\/\/\S+\//.exec(await screen.locator('.type-address').innerText())![0];
    const code = await screen.locator('.join-code [aria-hidden="true"]').innerText();
    expect(address).toBe(state.address);
    expect(code).toBe(formatJoinCode(state.joinCode));
    await page.goto(address);
    const field = page.getByLabel('Type the code on the screen');
    await field.waitFor();
    expect(new URL(page.url()).pathname).toBe('/join');
    // A slip first: the error is announced and says what is wrong, not what is right.
    await field.fill(`${code.slice(0, 6)}0`);
    await page.getByRole('button', { name: 'Join' }).click();
    const live = page.locator('[aria-live="assertive"]');
    await expect.poll(() => live.innerText()).toMatch(/^The code has “0”, which join codes never use/);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(artifacts, '03a-phone-type-code.png') });
    // Typed as people type: lower case, the dash left out.
    await field.fill(code.replace('-', '').toLowerCase());
    await page.getByRole('button', { name: 'Join' }).click();
    await page.getByRole('heading', { name: 'Who are you?' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    // The short code never reaches the server's output, nor the page's address.
    expect(web.output()).not.toContain(state.joinCode);
    expect(web.output()).not.toContain(code);
    expect(page.url()).not.toContain(state.joinCode);
  }

  async function ballot(page: Page, scores: number[][], shot?: string) {
    for (const [c, row] of scores.entries()) {
      await page.getByRole('heading', { name: decision.criteria[c]!.name }).waitFor();
      for (const [o, score] of row.entries()) {
        const group = page.getByRole('group', { name: `${decision.options[o]!.name}: score` });
        await group.getByRole('button', { name: String(score), exact: true }).click();
        await expect.poll(() => group.getByRole('button', { name: String(score), exact: true }).getAttribute('aria-pressed')).toBe('true');
      }
      if (shot && c === 0) await page.screenshot({ path: join(artifacts, shot) });
      await page.getByRole('button', { name: c === scores.length - 1 ? 'Submit my ballot' : 'Next ›' }).click();
    }
    await page.getByRole('heading', { name: '✓ Submitted' }).waitFor();
  }

  it('three phones vote; each ✓ arrives live on the shared screen, and nobody’s values show there', async () => {
    for (const name of Object.keys(votes)) {
      const page = await phone(name);
      const mine = name === 'Bo' ? votes.Bo!.map((row, c) => (c === 0 ? [row[0]!, BO_FIRST] : row)) : votes[name]!;
      await ballot(page, mine, name === 'Ana' ? '04-phone-ballot.png' : undefined);
      if (name === 'Ana') await page.screenshot({ path: join(artifacts, '05-phone-submitted.png') });
      await screen.getByRole('button', { name: `Open ${name}’s ballot (finished)` }).waitFor();
    }
    await screen.getByText('3 of 3 finished').waitFor();
    // Who is done, and nothing else: no value, no "why".
    expect((await screen.getByRole('list', { name: 'Who has voted' }).innerText()).split('\n').filter(Boolean)).toEqual(['✓', 'Ana', 'finished', '✓', 'Bo', 'finished', '✓', 'Cy', 'finished']);
    expect(await screen.locator('.ballot-grid').count()).toBe(0);
    await expect(web.api('results', { decisionId: decision.id })).rejects.toThrow(/hidden/i);
    await screen.screenshot({ path: join(artifacts, '06-shared-screen-all-done.png') });
  });

  it('Bo changes their mind before the reveal', async () => {
    const page = phones.Bo!.page;
    await page.getByRole('button', { name: 'Change my votes' }).click();
    await screen.getByRole('button', { name: 'Open Bo’s ballot' }).waitFor();
    await ballot(page, votes.Bo!);
    await screen.getByRole('button', { name: 'Open Bo’s ballot (finished)' }).waitFor();
  });

  it('the reveal gives the same results as the same votes entered on the shared screen', async () => {
    await screen.getByRole('button', { name: 'Reveal all votes' }).click();
    await screen.getByRole('heading', { name: 'Ranking' }).waitFor();
    const fromPhones = await web.api<Results>('results', { decisionId: decision.id });

    // The same decision, with the same final votes cast as the shared screen casts them.
    const s = openTestService();
    const d = ok(s, 'createDecision', { title: 'Django or Flask for billing' });
    const options = ['Django', 'Flask'].map((name) => ok(s, 'addOption', { decisionId: d.id, name }).id);
    const criteria = ([['Productivity', 4], ['Flexibility', 3], ['Ecosystem', 3]] as const).map(([name, weight]) => ok(s, 'addCriterion', { decisionId: d.id, name, weight }).id);
    const members = Object.keys(votes).map((name) => ok(s, 'addParticipant', { decisionId: d.id, name }).personId);
    ok(s, 'openRound', { decisionId: d.id });
    Object.values(votes).forEach((rows, m) => rows.forEach((row, c) => row.forEach((score, o) => inTurn(s, 'castScore', { decisionId: d.id, memberId: members[m], optionId: options[o], criterionId: criteria[c], score }))));
    ok(s, 'revealRound', { decisionId: d.id });
    const onScreen = ok(s, 'results', { decisionId: d.id });

    // Both files were built in the same order, so even the ids agree: the whole result must be equal.
    expect(fromPhones).toEqual(onScreen);
    expect(fromPhones.options[0]!.name).toBe('Django');
    await screen.screenshot({ path: join(artifacts, '07-shared-screen-results.png') });
  });

  it('the phones show the results, as the facilitator allowed', async () => {
    const page = phones.Ana!.page;
    await page.getByRole('heading', { name: 'Ranking' }).waitFor();
    expect(await page.locator('.flip').innerText()).toMatch(/weight|No single/);
    expect(await page.locator('.ranking li').first().innerText()).toContain('Django');
    await page.screenshot({ path: join(artifacts, '08-phone-results.png') });
  });
});
