// The robustness figure off the request path: a screen's results read never waits for it, the CLI's and the
// ADR's always do, and the screen hears through the change stream when it is ready.
import { describe, expect, it, vi } from 'vitest';
import { RobustnessWork } from '../../electron/robustness-work.ts';
import type { RobustnessInput } from '../../shared/scoring/robustness.ts';
import type { ChangeEvent } from '../../shared/api.ts';
import { inTurn, ok, openTestService, workshop } from '../helpers.ts';

/** A revealed decision: two members, Flask ahead. */
function revealed() {
  const s = openTestService();
  const w = workshop(s);
  ok(s, 'openRound', { decisionId: w.decisionId });
  w.memberIds.forEach((memberId, m) =>
    w.optionIds.forEach((optionId, o) =>
      w.criterionIds.forEach((criterionId, k) => inTurn(s, 'castScore', { decisionId: w.decisionId, memberId, optionId, criterionId, score: 1 + ((m + 2 * o + k) % 5) })),
    ),
  );
  ok(s, 'revealRound', { decisionId: w.decisionId });
  const events: ChangeEvent[] = [];
  s.feed.subscribe((e) => events.push(e));
  return { s, w, events };
}

describe('a results read that does not wait', () => {
  it('returns the ranking with the figure pending, then announces it and serves it from the cache', async () => {
    const { s, w, events } = revealed();
    const first = ok(s, 'results', { decisionId: w.decisionId, wait: false });
    expect(first).toMatchObject({ robustness: null, robustnessPending: true, sentences: { robustness: null } });
    expect(first.options.map((o) => o.rank)).toEqual([1, 2]);
    // A second read before it is ready joins the same computation: one announcement, not two.
    expect(ok(s, 'results', { decisionId: w.decisionId, wait: false }).robustnessPending).toBe(true);
    expect(events).toEqual([]);

    await s.ctx.robustness.idle();
    expect(events).toEqual([{ id: 0, decisionId: w.decisionId, at: expect.any(String), actor: 'verdict', type: 'results_ready', data: {} }]);
    const ready = ok(s, 'results', { decisionId: w.decisionId, wait: false });
    expect(ready.robustnessPending).toBe(false);
    expect(ready.sentences.robustness).toMatch(/^Flask stays first in .* of 10,000 plausible weightings\.$/);
    // The same figure a waiting read computes, and nothing of it in the history.
    expect(ready).toEqual(ok(s, 'results', { decisionId: w.decisionId }));
    expect(ok(s, 'history', { decisionId: w.decisionId }).map((e) => e.type)).not.toContain('results_ready');
  });

  it('drops a figure out of date before it is computed: weights moved again, the screen waits only for the current one', async () => {
    const { s, w, events } = revealed();
    ok(s, 'results', { decisionId: w.decisionId, wait: false });
    for (const weight of [9, 8, 7, 6]) {
      ok(s, 'updateCriterion', { criterionId: w.criterionIds[0], weight });
      expect(ok(s, 'results', { decisionId: w.decisionId, wait: false }).robustnessPending).toBe(true);
    }
    await s.ctx.robustness.idle();
    // One computation, one announcement, and it is the current figure.
    expect(events.filter((e) => e.type === 'results_ready').map((e) => e.decisionId)).toEqual([w.decisionId]);
    expect(ok(s, 'results', { decisionId: w.decisionId, wait: false })).toEqual(ok(s, 'results', { decisionId: w.decisionId }));
  });

  it('a waiting read of a figure the screen waits for computes it once and announces it once', async () => {
    const { s, w, events } = revealed();
    ok(s, 'results', { decisionId: w.decisionId, wait: false });
    const now = ok(s, 'results', { decisionId: w.decisionId });
    expect(now.robustnessPending).toBe(false);
    expect(events.filter((e) => e.type === 'results_ready')).toHaveLength(1);
    await s.ctx.robustness.idle();
    expect(events.filter((e) => e.type === 'results_ready')).toHaveLength(1);
  });

  it('wakes whoever waits for it to be idle when a waiting read finishes the last pending figure', async () => {
    const { s, w } = revealed();
    ok(s, 'results', { decisionId: w.decisionId, wait: false });
    const idle = s.ctx.robustness.idle();
    ok(s, 'results', { decisionId: w.decisionId });
    await idle;
  });

  it('stops pending work when the store closes', async () => {
    const { s, w, events } = revealed();
    ok(s, 'results', { decisionId: w.decisionId, wait: false });
    s.close();
    await s.ctx.robustness.idle();
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual([]);
  });

  it('logs a figure that fails, announces it as absent and goes on: no crash, no screen left waiting', async () => {
    const work = new RobustnessWork();
    const ready: number[] = [];
    work.announceTo((id) => ready.push(id));
    let armed = false;
    // Scores that read fine for the cache key, then fail inside the sampler.
    const scores = new Proxy(
      {},
      {
        get: (_, key) => {
          if (armed && key !== 'toJSON') throw new Error('boom');
          return undefined;
        },
      },
    );
    const input = { scale: [1, 5], aggregation: 'mean', members: ['a', 'b'], options: ['x', 'y'], criteria: ['k'], weights: { k: 1 }, scores } as unknown as RobustnessInput;
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(work.soon(7, input)).toBeUndefined();
      armed = true;
      await work.idle();
      expect(ready).toEqual([7]);
      expect(work.soon(7, input)).toBeNull();
      expect(errors).toHaveBeenCalledWith('Verdict could not compute the robustness figure:', expect.any(Error));
    } finally {
      errors.mockRestore();
      work.close();
    }
  });
});

describe('the same decision, the same figure', () => {
  it('moving a criterion or an option on screen leaves the robustness figure as it was', () => {
    const { s, w } = revealed();
    const figure = () => ok(s, 'results', { decisionId: w.decisionId }).robustness;
    const before = figure();
    ok(s, 'moveCriterion', { criterionId: w.criterionIds.at(-1)!, position: 0 });
    ok(s, 'moveOption', { optionId: w.optionIds.at(-1)!, position: 0 });
    expect(figure()).toEqual(before);
  });
});

describe('a results read that waits (the default: CLI, ADR, phones)', () => {
  it('has the figure at once, on a cold cache', () => {
    const { s, w, events } = revealed();
    const r = ok(s, 'results', { decisionId: w.decisionId });
    expect(r.robustnessPending).toBe(false);
    expect(r.robustness).not.toBeNull();
    expect(r.sentences.robustness).toMatch(/stays first in/);
    expect(events).toEqual([]);
  });

  it('refuses a wait that is not a boolean', () => {
    const { s, w } = revealed();
    expect(s.call('results', { decisionId: w.decisionId, wait: 'no' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'wait' } });
  });
});
