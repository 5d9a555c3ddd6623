// The change stream: new history events, whichever process wrote them, announced to subscribers, and
// this process's own announcements that are no history (a results figure now ready).
import type { ChangeEvent, SyntheticChange } from '../shared/api.ts';
import type { Ctx } from './context.ts';
import { eventsAfter, lastEventId } from './handlers/history.ts';

export type Listener = (event: ChangeEvent) => void;

export class ChangeFeed {
  private lastId: number;
  private readonly listeners = new Set<Listener>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly ctx: Ctx) {
    this.lastId = lastEventId(ctx);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads events committed since the last poll (ours or another process's) and announces them. */
  poll(): void {
    if (!this.ctx.db.open) return;
    for (;;) {
      const events = eventsAfter(this.ctx, this.lastId);
      for (const e of events) {
        this.lastId = e.id;
        for (const l of this.listeners) l(e);
      }
      if (events.length < 500) return;
    }
  }

  /**
   * Announces a change that is no history event (a figure computed after the read that asked for it), so
   * screens showing that decision refresh. Nothing records it: id 0 names no row of the history.
   */
  announce(decisionId: number, type: SyntheticChange): void {
    const event: ChangeEvent = { id: 0, decisionId, at: this.ctx.now(), actor: 'verdict', type, data: {} };
    for (const l of this.listeners) l(event);
  }

  /** Polls on a timer so changes from the CLI or another window show up too. */
  start(intervalMs = 500): void {
    this.stop();
    this.timer = setInterval(() => this.poll(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}
