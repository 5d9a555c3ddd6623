/// <reference lib="dom" />
// (DOM types: the measuring functions below run inside the page.)
// The workshop page in headless Chromium on a 12 × 10 × 15 decision: keypress in the ballot grid to the updated
// cell on screen, and a what-if weight drag to the re-ranked results; plus the bundle's gzipped size.
import { readdirSync, readFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openService, type Service } from '../../electron/service.ts';
import { startWebServer } from '../../electron/web/server.ts';
import { chromiumPath, launch } from '../e2e/browser.ts';
import { stats, type Row } from './harness.ts';

const rendererDir = join(import.meta.dirname, '../../out/renderer');
const FRAME = 1000 / 60;

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function seed(s: Service, shape: { members: number; options: number; criteria: number }) {
  const d = must(s.call('createDecision', { title: 'Renderer benchmark: pick a web framework' }));
  const members = Array.from({ length: shape.members }, (_, i) => must(s.call('addParticipant', { decisionId: d.id, name: `Member ${i + 1}` })).personId);
  const options = Array.from({ length: shape.options }, (_, i) => must(s.call('addOption', { decisionId: d.id, name: `Option ${i + 1}` })).id);
  const criteria = Array.from({ length: shape.criteria }, (_, i) => must(s.call('addCriterion', { decisionId: d.id, name: `Criterion ${i + 1}`, weight: 1 + (i % 5) })).id);
  must(s.call('openRound', { decisionId: d.id }));
  return { id: d.id, members, options, criteria };
}

/** Milliseconds from a key press (or slider input) until the watched element changed and a frame was drawn. */
const measureInPage = async ({ kind, count }: { kind: 'key' | 'drag'; count: number }) => {
  const nextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  // A change that never shows is a failure, not a wait without end.
  const changed = (target: Node) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the screen did not change within 5 s')), 5000);
      const observer = new MutationObserver(() => {
        observer.disconnect();
        clearTimeout(timer);
        resolve();
      });
      observer.observe(target, { subtree: true, childList: true, characterData: true, attributes: true });
    });
  const samples: number[] = [];
  const sliders = [...document.querySelectorAll<HTMLInputElement>('.what-if input[type=range]')];
  // The weights' percentages and the ranking are one render: the panel changes when the ranking is redrawn.
  const whatIf = document.querySelector('.what-if');
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  for (let i = 0; i < count; i++) {
    await nextPaint();
    if (kind === 'key') {
      const cell = document.activeElement as HTMLElement;
      const done = changed(cell);
      const t = performance.now();
      cell.dispatchEvent(new KeyboardEvent('keydown', { key: String(1 + (i % 5)), bubbles: true }));
      await done;
      await nextPaint();
      samples.push(performance.now() - t);
    } else {
      const slider = sliders[i % sliders.length]!;
      const done = changed(whatIf!);
      const t = performance.now();
      setValue.call(slider, String(10 + ((i * 7) % 80)));
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      await done;
      await nextPaint();
      samples.push(performance.now() - t);
    }
  }
  return samples;
};

export function bundleSize(dir = rendererDir): Row {
  const assets = join(dir, 'assets');
  const files = readdirSync(assets).filter((f) => /\.(js|css)$/.test(f));
  const gz = files.reduce((n, f) => n + gzipSync(readFileSync(join(assets, f)), { level: 9 }).length, 0);
  const raw = files.reduce((n, f) => n + statSync(join(assets, f)).size, 0);
  const kb = gz / 1024;
  return { what: 'web bundle (vite build), gzipped (all JS and CSS)', measured: `${kb.toFixed(0)} KB (${(raw / 1024).toFixed(0)} KB raw)`, against: '—', ratio: '—', goal: '≤ 300 KB', met: kb <= 300 };
}

export async function rendererBenchmarks({ presses, drags, shape = { members: 12, options: 10, criteria: 15 } }: { presses: number; drags: number; shape?: { members: number; options: number; criteria: number } }): Promise<Row[]> {
  if (chromiumPath() === null) return [{ what: 'renderer in headless Chromium', measured: 'skipped: no Chromium (apt-get install -y chromium)', against: '—', ratio: '—', goal: 'p95 ≤ 3 frames', met: null }];
  const dir = mkdtempSync(join(tmpdir(), 'verdict-bench-ui-'));
  const service = openService(join(dir, 'ui.db'), { actor: 'bench' });
  const server = await startWebServer({ service, port: 0, staticDir: rendererDir });
  const browser = await launch();
  try {
    const d = seed(service, shape);
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    page.setDefaultTimeout(30_000);
    // tsx keeps function names with a __name helper; the functions sent into the page expect it there too.
    await page.addInitScript('globalThis.__name = (f) => f;');
    await page.goto(server.url);
    await page.getByRole('button', { name: /Renderer benchmark/ }).first().click();
    await page.getByRole('button', { name: /4 Vote/ }).click();
    await page.getByRole('button', { name: 'Open Member 1’s ballot' }).click();
    await page.getByRole('grid', { name: 'Member 1’s ballot' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'gridcell');
    const keys = stats(await page.evaluate(measureInPage, { kind: 'key' as const, count: presses }));
    await page.keyboard.press('Escape');

    // A full room votes at once (through the handlers, in small batches as requests would arrive) while the
    // shared screen shows the Vote step: the page's frames are timed all along, then the round is revealed
    // and the what-if sliders are dragged.
    await page.evaluate(() => {
      const w = window as unknown as { benchFrames: number[]; benchStop: boolean };
      w.benchFrames = [];
      w.benchStop = false;
      let last = performance.now();
      const loop = (t: number) => {
        w.benchFrames.push(t - last);
        last = t;
        if (!w.benchStop) requestAnimationFrame(loop);
      };
      requestAnimationFrame(loop);
    });
    let cast = 0;
    for (const m of d.members) {
      // Each member's turn, as the screen or phone holding their ballot has it.
      const { turn } = must(service.call('takeTurn', { decisionId: d.id, memberId: m }));
      for (const o of d.options)
        for (const c of d.criteria) {
          must(service.call('castScore', { decisionId: d.id, memberId: m, turn, optionId: o, criterionId: c, score: 1 + ((m + o * 3 + c * 5) % 5) }));
          if (++cast % 20 === 0) await new Promise((r) => setImmediate(r));
        }
    }
    // The screen settles: the last change events arrive and are drawn.
    await page.waitForTimeout(1000);
    const frames = stats(await page.evaluate(() => {
      const w = window as unknown as { benchFrames: number[]; benchStop: boolean };
      w.benchStop = true;
      return w.benchFrames.slice(1);
    }));
    must(service.call('revealRound', { decisionId: d.id }));
    await page.getByRole('button', { name: /5 Results/ }).click();
    await page.locator('.what-if input[type=range]').first().waitFor();
    const drag = stats(await page.evaluate(measureInPage, { kind: 'drag' as const, count: drags }));
    const shapeText = `${shape.members} members × ${shape.options} options × ${shape.criteria} criteria`;
    const row = (what: string, s: ReturnType<typeof stats>): Row => ({
      what: `${what} (${shapeText}, ${s.runs} times)`,
      measured: `p95 ${s.p95.toFixed(1)} ms; median ${s.median.toFixed(1)} (${s.min.toFixed(1)}–${s.max.toFixed(1)})`,
      against: `one frame: ${FRAME.toFixed(1)} ms`,
      ratio: `p95 = ${(s.p95 / FRAME).toFixed(1)} frames`,
      goal: 'p95 ≤ 3 frames',
      met: s.p95 <= 3 * FRAME,
    });
    const burst: Row = {
      what: `frames on the shared screen while ${cast.toLocaleString('en')} votes arrive (${shapeText}, ${frames.runs} frames)`,
      measured: `p95 ${frames.p95.toFixed(1)} ms; median ${frames.median.toFixed(1)} (max ${frames.max.toFixed(1)})`,
      against: `one frame: ${FRAME.toFixed(1)} ms`,
      ratio: `p95 = ${(frames.p95 / FRAME).toFixed(1)} frames`,
      goal: 'p95 ≤ 3 frames',
      met: frames.p95 <= 3 * FRAME,
    };
    return [row('keypress in the ballot grid → cell updated on screen (includes the HTTP round trip)', keys), burst, row('what-if weight drag → re-ranked results on screen', drag)];
  } finally {
    await browser.close();
    await server.close();
    service.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
