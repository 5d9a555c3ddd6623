// 6. Hidden votes cannot leak. Two worlds are built alike, except that one member casts different hidden values
// in each. Before the reveal, every read method, every event, every history entry, every export attempt and
// every HTTP answer must be the same in both worlds: then none of them can carry those values.
import { describe, expect, it } from 'vitest';
import { startWebServer } from '../../electron/web/server.ts';
import { methods, methodNames, type Method } from '../../shared/api.ts';
import type { ChangeEvent } from '../../shared/api.ts';
import { inTurn, ok } from '../helpers.ts';
import { setup } from '../inputs.ts';
import { send } from '../web/http.ts';
import { report } from './report.ts';

const reads = methodNames.filter((m) => !methods[m].writes);

type Kind = 'scores' | 'weights';

function world(kind: Kind, secret: { score: number | 'abstain'; why: string }) {
  const { s, valid } = setup();
  const decisionId = valid.getDecision.decisionId as number;
  const d = ok(s, 'getDecision', { decisionId });
  const [ana, bo] = d.participants.map((p) => p.personId) as [number, number];
  const events: ChangeEvent[] = [];
  s.feed.subscribe((e) => events.push(e));
  if (kind === 'weights') ok(s, 'updateDecision', { decisionId, patch: { weighting: 'voted' } });
  ok(s, 'openRound', { decisionId, kind });
  for (const c of d.criteria) {
    if (kind === 'scores') {
      for (const o of d.options) {
        inTurn(s, 'castScore', { decisionId, memberId: ana, optionId: o.id, criterionId: c.id, score: 3, why: 'Ana says so' });
        inTurn(s, 'castScore', { decisionId, memberId: bo, optionId: o.id, criterionId: c.id, score: secret.score, why: secret.why });
      }
    } else {
      inTurn(s, 'castImportance', { decisionId, memberId: ana, criterionId: c.id, importance: 3, why: 'Ana says so' });
      // Only the first criterion's importance differs, so the revealed weights differ too.
      inTurn(s, 'castImportance', { decisionId, memberId: bo, criterionId: c.id, importance: c.id === d.criteria[0]!.id ? secret.score : 2, why: secret.why });
    }
  }
  inTurn(s, 'finishBallot', { decisionId, memberId: bo, done: true });
  s.feed.poll();
  return { s, valid, bo, events, repo: valid.scanRepo.repo as string };
}

/** The same call in both worlds; temp paths differ by design, so they are written alike. */
const normal = (text: string, repo: string) => text.split(repo).join('<repo>');

describe('hidden votes cannot leak', () => {
  it.each(['scores', 'weights'] as const)('%s round: nothing any door says before the reveal depends on the hidden values', async (kind) => {
    const a = world(kind, { score: 5, why: 'SECRET-A only Bo knows' });
    const b = world(kind, { score: kind === 'scores' ? 'abstain' : 1, why: 'SECRET-B a different reason' });
    let compared = 0;

    // `ballot` is asked for Ana's: a member's own ballot is the one place their values show, to them.
    const inputFor = (w: typeof a, m: Method) => w.valid[m];
    for (const m of reads) {
      const [ra, rb] = [a, b].map((w) => normal(JSON.stringify(w.s.call(m, inputFor(w, m))), w.repo));
      expect(ra, m).toBe(rb);
      expect(ra, m).not.toMatch(/SECRET/);
      compared++;
    }
    // Writes that would publish values are refused alike: results-based decisions and exports.
    for (const m of ['decide', 'exportAdr', 'previewExport'] as const) {
      const ra = a.s.call(m, a.valid[m]);
      const rb = b.s.call(m, b.valid[m]);
      expect(ra.ok, m).toBe(false);
      expect(JSON.stringify(ra), m).toBe(JSON.stringify(rb));
      compared++;
    }
    // Every change event and history entry.
    expect(a.events.length).toBeGreaterThan(5);
    expect(JSON.stringify(a.events)).toBe(JSON.stringify(b.events));
    expect(JSON.stringify(a.events)).not.toMatch(/SECRET/);
    compared += a.events.length;

    // And over HTTP.
    const servers = await Promise.all([a, b].map((w) => startWebServer({ service: w.s, port: 0 })));
    try {
      for (const m of reads) {
        const answers = await Promise.all([a, b].map((w, i) => send(servers[i]!.port, { path: `/api/${m}`, body: JSON.stringify(inputFor(w, m)) })));
        expect(normal(answers[0]!.body, a.repo), `HTTP ${m}`).toBe(normal(answers[1]!.body, b.repo));
        expect(answers[0]!.status).toBe(answers[1]!.status);
        compared++;
      }
    } finally {
      await Promise.all(servers.map((srv) => srv.close()));
    }

    // After the reveal the values show, so the comparison above had something to find.
    for (const w of [a, b]) ok(w.s, 'revealRound', { decisionId: w.valid.results.decisionId });
    expect(JSON.stringify(a.s.call('results', a.valid.results))).not.toBe(JSON.stringify(b.s.call('results', b.valid.results)));
    report(`hidden ${kind}`, { comparisons: compared, leaks: 0 });
  });
});
