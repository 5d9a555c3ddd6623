// The robustness figure off the request path: the thread that computes it also answers every keypress, so a
// read that may wait for it gets it at once, and one that may not gets it later, computed in slices between
// other requests and announced when ready. Keyed by the figure's inputs, so an unchanged decision never recomputes.
import { performance } from 'node:perf_hooks';
import { robustness, robustnessSteps, type Robustness, type RobustnessInput } from '../shared/scoring/robustness.ts';

const CACHE_SIZE = 16;
/** Work done before yielding to the requests waiting: well under a frame, so a keypress waits at most this long. */
const SLICE_MS = 1;

interface Pending {
  steps: Generator<void, Robustness | null, void>;
  /** Decisions whose screens wait for this figure: each hears once it is ready. */
  decisions: Set<number>;
}

export class RobustnessWork {
  private readonly cache = new Map<string, Robustness | null>();
  private readonly pending = new Map<string, Pending>();
  private timer: NodeJS.Immediate | undefined;
  private idleWaiters: (() => void)[] = [];
  private onReady: (decisionId: number) => void = () => {};

  /** Where ready figures are announced, once per waiting decision (the service's change feed). */
  announceTo(onReady: (decisionId: number) => void): void {
    this.onReady = onReady;
  }

  /** The figure, computed at once on a miss (the CLI, the ADR, the participants' phones). */
  now(input: RobustnessInput): Robustness | null {
    const key = JSON.stringify(input);
    if (this.cache.has(key)) return this.cache.get(key)!;
    const value = robustness(input);
    this.store(key, value);
    // Screens waiting for this same figure in slices have it now: no second computation, one announcement.
    const waiting = this.pending.get(key);
    if (waiting) {
      this.pending.delete(key);
      this.announce(waiting.decisions);
      if (this.pending.size === 0) this.wakeIdle();
    }
    return value;
  }

  /** The figure if cached; else undefined, and it is computed in slices for `decisionId`, which hears when ready. */
  soon(decisionId: number, input: RobustnessInput): Robustness | null | undefined {
    const key = JSON.stringify(input);
    if (this.cache.has(key)) return this.cache.get(key)!;
    // The decision's earlier figures still in the queue are out of date (a weight moved again): the screen wants
    // this one, so they are dropped unless another decision waits for them too.
    for (const [other, job] of this.pending) {
      if (other === key || !job.decisions.delete(decisionId)) continue;
      if (job.decisions.size === 0) this.pending.delete(other);
    }
    const running = this.pending.get(key);
    if (running) running.decisions.add(decisionId);
    else this.pending.set(key, { steps: robustnessSteps(input), decisions: new Set([decisionId]) });
    this.schedule();
    return undefined;
  }

  /** Resolves once no figure is being computed (tests and the benchmark wait on it). */
  idle(): Promise<void> {
    if (this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops pending work: nothing runs after the store closes. */
  close(): void {
    if (this.timer !== undefined) clearImmediate(this.timer);
    this.timer = undefined;
    this.pending.clear();
    this.wakeIdle();
  }

  private schedule(): void {
    this.timer ??= setImmediate(() => {
      this.timer = undefined;
      this.slice();
    });
  }

  /** Steps of the oldest pending figure for about SLICE_MS, then back to the event loop. */
  private slice(): void {
    const [key, job] = this.pending.entries().next().value ?? [];
    if (key === undefined || job === undefined) return;
    const start = performance.now();
    let step: IteratorResult<void, Robustness | null>;
    try {
      step = job.steps.next();
      while (step.done !== true && performance.now() - start < SLICE_MS) step = job.steps.next();
    } catch (e) {
      // A figure that cannot be computed must not take the process down or leave the screen waiting: it is
      // shown as absent (as with fewer than two complete options), and the failure is logged.
      console.error('Verdict could not compute the robustness figure:', e);
      step = { done: true, value: null };
    }
    if (step.done === true) {
      this.pending.delete(key);
      this.store(key, step.value);
    }
    // The next slice is booked before anyone hears, so a listener that throws cannot stall other figures.
    if (this.pending.size > 0) this.schedule();
    if (step.done === true) this.announce(job.decisions);
    if (this.pending.size === 0) this.wakeIdle();
  }

  /** Tells each waiting decision; one listener's failure neither silences the others nor stalls the work. */
  private announce(decisions: Iterable<number>): void {
    for (const id of decisions) {
      try {
        this.onReady(id);
      } catch (e) {
        console.error('Verdict could not announce a robustness figure:', e);
      }
    }
  }

  private store(key: string, value: Robustness | null): void {
    this.cache.delete(key);
    if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, value);
  }

  private wakeIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
