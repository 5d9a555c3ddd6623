// A burst of change events becomes a few reloads, and the last reload starts after the last event.
import { describe, expect, it } from 'vitest';
import { coalesce } from '../../renderer/src/store/coalesce.ts';

function harness() {
  const frames: (() => void)[] = [];
  const runs: { done: () => void }[] = [];
  let started = 0;
  const schedule = coalesce(
    () =>
      new Promise<void>((resolve) => {
        started++;
        runs.push({ done: resolve });
      }),
    (run) => frames.push(run),
  );
  const frame = () => frames.splice(0).forEach((f) => f());
  const finish = async () => {
    runs.shift()?.done();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { schedule, frame, finish, started: () => started, pendingFrames: () => frames.length };
}

describe('coalesce', () => {
  it('turns 1,800 events in one frame into one run', () => {
    const h = harness();
    for (let i = 0; i < 1800; i++) h.schedule();
    expect(h.pendingFrames()).toBe(1);
    h.frame();
    expect(h.started()).toBe(1);
  });

  it('runs once more after a run when events arrived during it, and then stops', async () => {
    const h = harness();
    h.schedule();
    h.frame();
    for (let i = 0; i < 500; i++) h.schedule();
    expect(h.started()).toBe(1);
    await h.finish();
    h.frame();
    expect(h.started()).toBe(2);
    await h.finish();
    h.frame();
    expect(h.started()).toBe(2);
    expect(h.pendingFrames()).toBe(0);
  });

  it('keeps working after a run fails', async () => {
    let calls = 0;
    const frames: (() => void)[] = [];
    const schedule = coalesce(async () => {
      calls++;
      throw new Error('offline');
    }, (run) => frames.push(run));
    schedule();
    frames.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    schedule();
    frames.shift()!();
    expect(calls).toBe(2);
  });
});
