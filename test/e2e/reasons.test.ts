// Reasons on screen, in headless Chromium: Bo writes a two-line reason at the keyboard, the reveal flags the cell and
// shows the reason under it with its line break (Talk about these and the matrix), a re-vote shows it to Bo as
// earlier and keeps it in the results, and the record's preview quotes it. An anonymous decision shows reasons
// without names. The page is built into a folder of its own and served in-process, as in place.test.ts.
import { cpSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../electron/service.ts';
import type { WebServer } from '../../electron/web/server.ts';
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

const LINES = ['Ledger tables need our own SQL', 'and Flask stays out of the way'];

describe.runIf(hasChromium)('reasons on screen', () => {
  let web: InProcess;
  let dir: string;
  let service: Service;
  let server: WebServer;
  let page: Page;

  beforeAll(async () => {
    web = await serveInProcess('reasons');
    ({ dir, service, server, page } = web);
    const repo = join(dir, 'repo');
    cpSync(join(root, 'test/fixtures/adr-repos/madr4-repo'), repo, { recursive: true });
    execFileSync('chmod', ['-R', 'u+w', repo]);
    execFileSync('git', ['init', '-q', repo]);
  }, 180_000);

  afterAll(() => web?.stop());

  /** Two options, two criteria, Ana and Bo; returns the ids. */
  function decision(title: string, anonymous = false) {
    const d = must(service.call('createDecision', { title }));
    if (anonymous) must(service.call('updateDecision', { decisionId: d.id, patch: { anonymous } }));
    const [django, flask] = ['Django', 'Flask'].map((name) => must(service.call('addOption', { decisionId: d.id, name })).id) as [number, number];
    const [speed, flex] = ['Speed', 'Flexibility'].map((name) => must(service.call('addCriterion', { decisionId: d.id, name, weight: 1 })).id) as [number, number];
    const [ana, bo] = ['Ana', 'Bo'].map((name) => must(service.call('addParticipant', { decisionId: d.id, name, role: 'decision-maker' })).personId) as [number, number];
    return { id: d.id, django, flask, speed, flex, ana, bo };
  }

  /** A member's whole ballot through the API (someone on a phone), finished. */
  function ballotBy(decisionId: number, memberId: number, scores: [number, number, number][], why?: string) {
    const { turn } = must(service.call('takeTurn', { decisionId, memberId }));
    for (const [optionId, criterionId, score] of scores) must(service.call('castScore', { decisionId, memberId, turn, optionId, criterionId, score, why }));
    must(service.call('finishBallot', { decisionId, memberId, turn }));
  }

  it('shows Bo’s two-line reason under the flagged cell, then as earlier in his re-vote, and quotes it in the record', async () => {
    const d = decision('Framework for the ledger');
    must(service.call('openRound', { decisionId: d.id }));
    ballotBy(d.id, d.ana, [
      [d.django, d.speed, 4],
      [d.flask, d.speed, 3],
      [d.django, d.flex, 3],
      [d.flask, d.flex, 1],
    ]);
    await page.goto(`${server.url}#/d/${d.id}/vote`);
    await page.getByRole('button', { name: /Open Bo’s ballot/ }).click();
    await page.getByRole('grid', { name: 'Bo’s ballot' }).waitFor();
    // Django and Flask on Speed, then on Flexibility; past the last cell the focus stays in the last row, at its start.
    await page.keyboard.type('4335');
    await page.getByText('4 of 4 filled', { exact: true }).waitFor();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('w');
    const why = page.getByLabel(/^Why \(Flask, Flexibility\)/);
    await why.waitFor();
    // The box takes the focus a moment after it shows (BallotGrid focuses it in a timeout): keys before that go to the grid.
    await expect.poll(() => why.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(LINES[0]!);
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type(LINES[1]!);
    await page.keyboard.press('Control+Enter');
    await page.getByRole('grid').locator('td.has-why').first().waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Open Bo’s ballot (finished)' }).waitFor();

    await page.getByRole('button', { name: 'Reveal all votes' }).click();
    await page.getByRole('heading', { name: 'Talk about these' }).waitFor();
    const talk = page.getByRole('list', { name: 'Reasons given for Flask × Flexibility' });
    // innerText follows the CSS: the line break shows only if the page keeps it.
    await expect.poll(() => talk.innerText()).toBe(`Bo (5): “${LINES.join('\n')}”`);
    const matrixCell = page.locator('table.matrix td.flagged');
    await matrixCell.getByText('1 reason').click();
    expect(await page.getByRole('list', { name: 'Reasons in the matrix for Flask × Flexibility' }).innerText()).toBe(`Bo (5): “${LINES.join('\n')}”`);
    expect(await axeViolations(page)).toEqual([]);

    // The re-vote: Bo sees his own reason as earlier, and re-votes without a new one.
    await page.goto(`${server.url}#/d/${d.id}/vote`);
    await page.getByLabel('Vote on').selectOption({ label: 'Only Flexibility (re-vote)' });
    await page.getByRole('button', { name: 'Open a round of scores' }).click();
    await page.getByRole('heading', { name: /Round 2: re-vote of Flexibility/ }).waitFor();
    await page.getByRole('button', { name: /Open Bo’s ballot/ }).click();
    await page.getByRole('grid', { name: 'Bo’s ballot' }).waitFor();
    await page.keyboard.type('3');
    const earlier = page.locator('.ballot .earlier-reason');
    await expect.poll(() => earlier.innerText()).toBe(`Earlier (round 1), Flask × Flexibility: “${LINES.join('\n')}” — it stays with your vote unless you write a new reason (w).`);
    await page.keyboard.type('5');
    await page.getByText('2 of 2 filled', { exact: true }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Open Bo’s ballot (finished)' }).waitFor();
    ballotBy(d.id, d.ana, [
      [d.django, d.flex, 3],
      [d.flask, d.flex, 2],
    ]);
    await page.getByRole('button', { name: 'Reveal all votes' }).click();
    await page.getByRole('heading', { name: 'Talk about these' }).waitFor();
    await expect.poll(() => talk.innerText()).toBe(`Bo (5) — earlier, round 1: “${LINES.join('\n')}”`);

    // The record's preview quotes it, line break kept.
    must(service.call('decide', { decisionId: d.id, optionId: d.django, status: 'accepted', why: 'it ships soonest' }));
    await page.goto(`${server.url}#/d/${d.id}/decide`);
    await page.getByLabel('Repository folder').fill(join(dir, 'repo'));
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('article', { name: 'ADR preview' });
    await expect.poll(() => preview.innerText()).toContain(`Bo (5, reason from round 1): "${LINES.join('\n')}"`);
    await page.getByRole('button', { name: 'Show markdown' }).click();
    expect(await page.getByLabel('ADR markdown').innerText()).toContain(`Bo (5, reason from round 1): "${LINES.join('\\\n    ')}"`);
  });

  it('shows an anonymous decision’s reasons without a name, in the results and the record', async () => {
    const d = decision('Anonymous framework vote', true);
    must(service.call('openRound', { decisionId: d.id }));
    ballotBy(d.id, d.ana, [
      [d.django, d.speed, 4],
      [d.flask, d.speed, 3],
      [d.django, d.flex, 3],
      [d.flask, d.flex, 1],
    ], 'Ana wrote <b>this</b>\non two lines');
    ballotBy(d.id, d.bo, [
      [d.django, d.speed, 4],
      [d.flask, d.speed, 3],
      [d.django, d.flex, 3],
      [d.flask, d.flex, 5],
    ]);
    must(service.call('revealRound', { decisionId: d.id }));
    await page.goto(`${server.url}#/d/${d.id}/results`);
    const talk = page.getByRole('list', { name: 'Reasons given for Flask × Flexibility' });
    await expect.poll(() => talk.innerText()).toMatch(/^Member \d \(1\): “Ana wrote <b>this<\/b>\non two lines”$/);
    expect(await page.locator('.results').innerText()).not.toMatch(/\bAna\b(?! wrote)|\bBo\b/);
    await page.goto(`${server.url}#/d/${d.id}/history`);
    await page.locator('.history').waitFor();
    expect(await page.locator('.step-body').innerText()).not.toContain('on two lines');
    const { markdown } = must(service.call('previewExport', { decisionId: d.id, repo: join(dir, 'repo') }));
    expect(markdown).toContain('A member (1): "Ana wrote \\<b\\>this\\</b\\>\\\n    on two lines"');
    expect(markdown).not.toMatch(/Member \d|Bo \(|Ana \(/);
  });

  it('lists a disagreement the re-vote settled, with its reasons folded and no name in an anonymous decision, and the record tells it', async () => {
    const d = decision('Settled framework vote', true);
    const rest: [number, number, number][] = [
      [d.django, d.speed, 4],
      [d.flask, d.speed, 3],
      [d.django, d.flex, 3],
    ];
    must(service.call('openRound', { decisionId: d.id }));
    ballotBy(d.id, d.ana, [...rest, [d.flask, d.flex, 1]], 'We would rebuild\nthe admin');
    ballotBy(d.id, d.bo, [...rest, [d.flask, d.flex, 5]]);
    must(service.call('revealRound', { decisionId: d.id }));
    must(service.call('openRound', { decisionId: d.id, criterionId: d.flex }));
    ballotBy(d.id, d.ana, [[d.django, d.flex, 3], [d.flask, d.flex, 4]]);
    ballotBy(d.id, d.bo, [[d.django, d.flex, 3], [d.flask, d.flex, 4]]);
    must(service.call('revealRound', { decisionId: d.id }));
    await page.goto(`${server.url}#/d/${d.id}/results`);
    const settled = page.getByRole('list', { name: 'Settled after a re-vote' });
    await expect.poll(() => settled.innerText()).toMatch(/^Flask × Flexibility — 1 to 5 in round 1, now all 4\.\s*\n?1 reason$/);
    await settled.getByText('1 reason').click();
    const reasons = page.getByRole('list', { name: 'Reasons given for Flask × Flexibility, settled' });
    await expect.poll(() => reasons.innerText()).toMatch(/^Member \d \(4\) — earlier, round 1: “We would rebuild\nthe admin”$/);
    expect(await page.locator('.results').innerText()).not.toMatch(/\bAna\b|\bBo\b/);
    expect(await axeViolations(page)).toEqual([]);
    const { markdown } = must(service.call('previewExport', { decisionId: d.id, repo: join(dir, 'repo') }));
    expect(markdown).toContain('Disagreements settled after a re-vote:\n\n* Flask on flexibility, 1 to 5 in round 1, now all 4:\n  * A member (4, reason from round 1): "We would rebuild\\\n    the admin"');
  });
});
