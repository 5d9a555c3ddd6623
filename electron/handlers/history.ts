// The decision's append-only history, oldest first.
import type { Parsed } from '../../shared/api.ts';
import type { HistoryEvent } from '../../shared/types.ts';
import type { Ctx } from '../context.ts';
import { decisionRow } from './lookup.ts';

interface EventRow {
  id: number;
  decision_id: number | null;
  at: string;
  actor: string;
  type: string;
  data: string;
}

export const toHistoryEvent = (r: EventRow): HistoryEvent => ({
  id: r.id,
  decisionId: r.decision_id,
  at: r.at,
  actor: r.actor,
  type: r.type,
  data: JSON.parse(r.data) as Record<string, unknown>,
});

export function history(ctx: Ctx, input: Parsed<'history'>): HistoryEvent[] {
  const d = decisionRow(ctx, input.decisionId, { trashed: true });
  return ctx.sql<EventRow>('SELECT * FROM events WHERE decision_id = ? AND id > ? ORDER BY id').all(d.id, input.afterId ?? 0).map(toHistoryEvent);
}

/** Events after `afterId`, for the change stream. */
export function eventsAfter(ctx: Ctx, afterId: number, limit = 500): HistoryEvent[] {
  return ctx.sql<EventRow>('SELECT * FROM events WHERE id > ? ORDER BY id LIMIT ?').all(afterId, limit).map(toHistoryEvent);
}

export function lastEventId(ctx: Ctx): number {
  return ctx.sql<{ id: number }>('SELECT coalesce(max(id), 0) AS id FROM events').get()!.id;
}
