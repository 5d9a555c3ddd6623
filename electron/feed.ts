// The change stream: new history events, whichever process wrote them, announced to subscribers.
import type { ChangeEvent } from '../shared/api.ts';
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
