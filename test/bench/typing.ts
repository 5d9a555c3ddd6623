// Does recomputing the results (ranking, flips and the robustness figure) hold up typing? Web mode's server
// answers every keypress on the same thread that computes the results, as the desktop app's main process
// does over IPC. Each round changes a weight on a revealed decision, asks for its results as the screen does
// (`wait: false`: the ranking at once, the robustness figure a cache miss computed afterwards in slices of about
// a millisecond), and at once sends a keypress (a vote in another decision's open round), which waits for that
// read and for at most one slice: its answer time is what a typist would feel at the worst moment.
// Run in a fresh process, so the first round is the first figure after start, before the JIT has warmed up.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openService, type Service } from '../../electron/service.ts';
import { startWebServer } from '../../electron/web/server.ts';
import type { Results } from '../../shared/types.ts';
import { stats, type Row } from './harness.ts';

const FRAME_MS = 1000 / 60;

type Shape = { members: number; options: number; criteria: number };

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** A decision of the given shape, every cell scored and the round revealed; its criteria's ids. */
function revealed(s: Service, shape: Shape): { id: number; criteria: number[] } {
  const d = must(s.call('createDecision', { title: 'Typing benchmark: revealed' }));
  const members = Array.from({ length: shape.members }, (_, i) => must(s.call('addParticipant', { decisionId: d.id, name: `Member ${i + 1}` })).personId);
  const options = Array.from({ length: shape.options }, (_, i) => must(s.call('addOption', { decisionId: d.id, name: `Option ${i + 1}` })).id);
  const criteria = Array.from({ length: shape.criteria }, (_, i) => must(s.call('addCriterion', { decisionId: d.id, name: `Criterion ${i + 1}`, weight: 1 + (i % 5) })).id);
  must(s.call('openRound', { decisionId: d.id }));
  for (const m of members) {
    const { turn } = must(s.call('takeTurn', { decisionId: d.id, memberId: m }));
    for (const o of options) for (const c of criteria) must(s.call('castScore', { decisionId: d.id, memberId: m, turn, optionId: o, criterionId: c, score: 1 + ((m * 7 + o * 3 + c * 5) % 5) }));
  }
  must(s.call('revealRound', { decisionId: d.id }));
  return { id: d.id, criteria };
}

/**
 * Milliseconds from sending each keypress to its answer, one per round; the same with nothing else to do; the
 * results read's own times; and from that read to the figure being ready.
 */
export async function typingUnderRecompute(shape: Shape, rounds: number): Promise<{ keys: number[]; alone: number[]; results: number[]; ready: number[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'verdict-bench-typing-'));
  const service = openService(join(dir, 'typing.db'), { actor: 'bench' });
  const server = await startWebServer({ service, port: 0 });
  try {
    const big = revealed(service, shape);
    const typist = must(service.call('createDecision', { title: 'Typing benchmark: open ballot' }));
    const member = must(service.call('addParticipant', { decisionId: typist.id, name: 'Typist' })).personId;
    const option = must(service.call('addOption', { decisionId: typist.id, name: 'Option A' })).id;
    must(service.call('addOption', { decisionId: typist.id, name: 'Option B' }));
    const criterion = must(service.call('addCriterion', { decisionId: typist.id, name: 'Criterion' })).id;
    must(service.call('openRound', { decisionId: typist.id }));
    const { turn } = must(service.call('takeTurn', { decisionId: typist.id, memberId: member }));

    const post = async (method: string, input: unknown) => {
      const res = await fetch(`${server.url}api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
      const body = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
      if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
      return body.value;
    };
    // The connections are open before the first round, as a running page's are.
    await Promise.all([post('progress', { decisionId: typist.id }), post('progress', { decisionId: typist.id })]);

    const keys: number[] = [];
    const alone: number[] = [];
    const results: number[] = [];
    const ready: number[] = [];
    const key = async (i: number) => {
      const t = performance.now();
      await post('castScore', { decisionId: typist.id, memberId: member, turn, optionId: option, criterionId: criterion, score: 1 + (i % 5) });
      return performance.now() - t;
    };
    for (let i = 0; i < rounds; i++) {
      // A weight no round has set before, so that every round's figure is a cache miss.
      await post('updateCriterion', { criterionId: big.criteria[i % big.criteria.length], weight: 10 + i / 10 });
      const t = performance.now();
      const result = post('results', { decisionId: big.id, wait: false }).then((r) => {
        results.push(performance.now() - t);
        if (!(r as Results).robustnessPending) throw new Error(`round ${i}: the figure was cached, so the round measures nothing`);
      });
      keys.push(await key(i));
      await result;
      await service.ctx.robustness.idle();
      ready.push(performance.now() - t);
      alone.push(await key(i + 1));
    }
    return { keys, alone, results, ready };
  } finally {
    await server.close();
    service.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function typingBenchmarks({ rounds, large }: { rounds: number; large: Shape }): Row[] {
  const workshop = { members: 15, options: 4, criteria: 12 };
  const rows: Row[] = [];
  for (const [shape, goal] of [
    [workshop, true],
    [large, false],
  ] as const) {
    // A fresh process each, so that the first round is cold.
    const out = execFileSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, JSON.stringify({ shape, rounds: goal ? rounds : Math.max(2, Math.round(rounds / 5)) })], { encoding: 'utf8' });
    const { keys, alone, results, ready } = JSON.parse(out) as { keys: number[]; alone: number[]; results: number[]; ready: number[] };
    const warm = stats(keys.slice(1));
    const frames = (x: number) => (x / FRAME_MS).toFixed(2);
    rows.push({
      what: `keypress → answer (HTTP, web mode) while the results are recomputed after a weight change, ${shape.criteria} criteria × ${shape.options} options × ${shape.members} members (${warm.runs} times; the screen's results read took ${stats(results.slice(1)).median.toFixed(1)} ms, the figure was ready after ${stats(ready.slice(1)).median.toFixed(1)} ms, a keypress alone ${stats(alone).median.toFixed(1)} ms)`,
      measured: `p95 ${warm.p95.toFixed(1)} ms; median ${warm.median.toFixed(1)} (${warm.min.toFixed(1)}–${warm.max.toFixed(1)}); first after start ${keys[0]!.toFixed(1)} ms`,
      against: `one frame: ${FRAME_MS.toFixed(1)} ms`,
      ratio: `p95 = ${frames(warm.p95)} frames; first = ${frames(keys[0]!)}`,
      goal: goal ? 'p95 ≤ 1 frame' : '— (reported)',
      met: goal ? warm.p95 <= FRAME_MS : null,
    });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { shape, rounds } = JSON.parse(process.argv[2]!) as { shape: Shape; rounds: number };
  process.stdout.write(JSON.stringify(await typingUnderRecompute(shape, rounds)));
}
