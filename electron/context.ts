// What every handler receives: the database, who is acting, and the clock.
import type { Statement } from 'better-sqlite3';
import type { Db } from './db/open.ts';
import { RobustnessWork } from './robustness-work.ts';

export interface Ctx {
  db: Db;
  /** Who acts through this door, for the history ("desktop", "web", "cli", a test name). */
  actor: string;
  now(): string;
  /** A prepared statement, made once per SQL text and reused. */
  sql<R = unknown>(text: string): Statement<unknown[], R>;
  /** Appends a history event in the current transaction. */
  record(decisionId: number | null, type: string, data?: Record<string, unknown>): void;
  /** The results' robustness figures: cached, and computed off the request path when a caller need not wait. */
  robustness: RobustnessWork;
}

export interface ContextOptions {
  actor: string;
  clock?: () => Date;
}

export function createContext(db: Db, { actor, clock = () => new Date() }: ContextOptions): Ctx {
  const statements = new Map<string, Statement>();
  const ctx: Ctx = {
    db,
    actor,
    now: () => clock().toISOString(),
    sql<R>(text: string) {
      let s = statements.get(text);
      if (s === undefined) {
        s = db.prepare(text);
        statements.set(text, s);
      }
      return s as Statement<unknown[], R>;
    },
    record(decisionId, type, data = {}) {
      ctx.sql('INSERT INTO events (decision_id, at, actor, type, data) VALUES (?, ?, ?, ?, ?)').run(decisionId, ctx.now(), actor, type, JSON.stringify(data));
    },
    robustness: new RobustnessWork(),
  };
  return ctx;
}
