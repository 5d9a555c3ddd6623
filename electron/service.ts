// One open store with its change feed: what every door (window, web mode, CLI) stands on.
import type { Method, Output } from '../shared/api.ts';
import type { Reply } from '../shared/reply.ts';
import { createContext, type Ctx } from './context.ts';
import { closeDatabase, openDatabase, type OpenOptions } from './db/open.ts';
import { dispatch } from './dispatch.ts';
import { ChangeFeed } from './feed.ts';

export interface Service {
  ctx: Ctx;
  feed: ChangeFeed;
  /** Where the pre-migration backup went, if opening upgraded the file. */
  backup: string | null;
  call<M extends Method>(name: M, raw: unknown): Reply<Output<M>>;
  call(name: string, raw: unknown): Reply<unknown>;
  close(): void;
}

export interface ServiceOptions extends OpenOptions {
  actor: string;
  clock?: () => Date;
  onInternal?: (e: unknown) => void;
}

export function openService(file: string, options: ServiceOptions): Service {
  const { db, backup } = openDatabase(file, options);
  const ctx = createContext(db, { actor: options.actor, clock: options.clock });
  const feed = new ChangeFeed(ctx);
  ctx.robustness.announceTo((decisionId) => feed.announce(decisionId, 'results_ready'));
  const dispatchOptions = { afterWrite: () => feed.poll(), onInternal: options.onInternal };
  return {
    ctx,
    feed,
    backup,
    call: (name: string, raw: unknown) => dispatch(ctx, name, raw, dispatchOptions),
    close() {
      feed.stop();
      ctx.robustness.close();
      closeDatabase(db);
    },
  } as Service;
}
