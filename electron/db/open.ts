// Opening the store: refuse what is not ours or too new, then WAL, foreign keys, migrations.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { sqlite } from './driver.ts';
import { checkVersion, loadMigrations, migrate, type Migration } from './migrate.ts';

export type Db = Database.Database;

export class NotVerdictDatabaseError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file} is not a Verdict database (${reason}). It was left untouched; point VERDICT_DB (or --db) at another file.`);
    this.name = 'NotVerdictDatabaseError';
  }
}

export interface OpenOptions {
  migrations?: readonly Migration[];
  /** How long a writer waits for another process's lock before giving up. */
  busyTimeoutMs?: number;
}

export interface Opened {
  db: Db;
  /** Where the pre-migration copy went, when an existing file was upgraded. */
  backup: string | null;
}

export function openDatabase(file: string, options: OpenOptions = {}): Opened {
  const migrations = options.migrations ?? loadMigrations();
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const existed = file !== ':memory:' && existsSync(file);
  const db = sqlite(file);
  try {
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    let version: number;
    try {
      version = checkVersion(db, file, migrations);
    } catch (e) {
      if (e instanceof Error && /not a database|file is encrypted/i.test(e.message)) throw new NotVerdictDatabaseError(file, e.message);
      throw e;
    }
    if (existed && version === 0) {
      const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
      if (tables.n > 0) throw new NotVerdictDatabaseError(file, 'it holds tables but no Verdict schema version');
    }
    // Migrate first, in the file's own journal mode: a failed upgrade then leaves it byte for byte as it was.
    const backup = migrate(db, file, migrations);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    return { db, backup };
  } catch (e) {
    db.close();
    throw e;
  }
}

/** Lets SQLite refresh its planner statistics, then closes; a store busy elsewhere is closed without it. */
export function closeDatabase(db: Db): void {
  if (!db.open) return;
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('optimize');
  } catch {
    // statistics can wait for the next close
  } finally {
    db.close();
  }
}
