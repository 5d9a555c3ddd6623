// The one place that validates input, runs a handler in a transaction and wraps the result.
import { isMethod, methods, type Method, type Output } from '../shared/api.ts';
import { invalidInput, UserError, type Reply, type UserErrorShape } from '../shared/reply.ts';
import type { Ctx } from './context.ts';
import { handlers } from './handlers/index.ts';

function asUserError(e: unknown, onInternal: (e: unknown) => void): UserErrorShape {
  if (e instanceof UserError) return e.toJSON();
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return { code: 'busy', message: 'The database is busy in another Verdict window or command; nothing was changed. Try again.' };
  }
  onInternal(e);
  return { code: 'internal', message: `Verdict could not do that, and nothing was changed: ${e instanceof Error ? e.message : String(e)}` };
}

export interface DispatchOptions {
  /** Called after a write commits, to announce its events. */
  afterWrite?: () => void;
  /** Where unexpected errors are logged with their stack. */
  onInternal?: (e: unknown) => void;
}

export function dispatch<M extends Method>(ctx: Ctx, name: M, raw: unknown, options?: DispatchOptions): Reply<Output<M>>;
export function dispatch(ctx: Ctx, name: string, raw: unknown, options?: DispatchOptions): Reply<unknown>;
export function dispatch(ctx: Ctx, name: string, raw: unknown, options: DispatchOptions = {}): Reply<unknown> {
  if (!isMethod(name)) return { ok: false, error: { code: 'not_found', message: `Verdict has no method called "${name}".` } };
  const spec = methods[name];
  const parsed = spec.input.safeParse(raw ?? {});
  if (!parsed.success) return { ok: false, error: invalidInput(parsed.error) };
  const handler = handlers[name] as (ctx: Ctx, input: unknown) => unknown;
  try {
    const run = ctx.db.transaction(() => handler(ctx, parsed.data));
    // Writers take the write lock up front so two processes queue instead of deadlocking.
    const value = spec.writes ? run.immediate() : run.deferred();
    if (spec.writes) options.afterWrite?.();
    return { ok: true, value };
  } catch (e) {
    return { ok: false, error: asUserError(e, options.onInternal ?? ((err) => console.error(err))) };
  }
}
