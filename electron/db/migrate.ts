// Schema migrations: migrations/NNN_name.sql, applied in order by PRAGMA user_version.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3';
import { sqlite } from './driver.ts';

export const defaultMigrationsDir = fileURLToPath(new URL('../../migrations/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export class DatabaseTooNewError extends Error {
  constructor(
    readonly file: string,
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `${file} was written by a newer Verdict (schema version ${found}; this Verdict knows up to ${known}). ` +
        'It was left untouched: update Verdict, or point VERDICT_DB (or --db) at another file.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

export class MigrationError extends Error {
  constructor(
    readonly migration: Migration,
    cause: unknown,
  ) {
    super(`Migration ${migration.version} (${migration.name}) failed, so the whole upgrade was rolled back and the file left as it was: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'MigrationError';
  }
}

export function loadMigrations(dir: string = defaultMigrationsDir): Migration[] {
  const migrations = readdirSync(dir)
    .map((file) => /^(\d{3})_([a-z0-9_]+)\.sql$/.exec(file))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ version: Number(m[1]), name: m[2]!, sql: readFileSync(join(dir, m[0]), 'utf8') }))
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migrations must be numbered 001, 002, … without gaps; found ${m.version} at place ${i + 1}.`);
  });
  return migrations;
}

/** Refuses a database from the future before anything touches it. */
export function checkVersion(db: Database, file: string, migrations: readonly Migration[]): number {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > migrations.length) throw new DatabaseTooNewError(file, version, migrations.length);
  return version;
}

/**
 * Applies the pending migrations after a backup of an existing file beside itself, all in one transaction
 * with the user_version bump: an upgrade either completes or leaves the file as it was.
 * The version is read again after taking the write lock: when two processes open an old file at once, the
 * second waits for the first, then finds nothing left to do (no second backup, no migration run twice).
 * Returns the backup's path, if one was made.
 */
export function migrate(db: Database, file: string, migrations: readonly Migration[], now: () => Date = () => new Date()): string | null {
  if (checkVersion(db, file, migrations) === migrations.length) return null;
  db.exec('BEGIN IMMEDIATE');
  let current: Migration | undefined;
  try {
    const version = checkVersion(db, file, migrations);
    const pending = migrations.slice(version);
    let backup: string | null = null;
    // The copy is read through a second connection, which the write lock lets through.
    if (pending.length > 0 && version > 0 && file !== ':memory:') backup = backupBeside(file, version, now());
    for (const m of pending) {
      current = m;
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
    db.exec('COMMIT');
    return backup;
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    if (current === undefined) throw e;
    throw new MigrationError(current, e);
  }
}

function backupBeside(file: string, version: number, at: Date): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  let target = `${file}.v${version}-${stamp}.bak`;
  for (let i = 2; existsSync(target); i++) target = `${file}.v${version}-${stamp}-${i}.bak`;
  // VACUUM INTO writes a consistent copy, WAL content included, synchronously; it cannot run inside the
  // migrating connection's transaction, so a reader connection makes it.
  const reader = sqlite(file, { readonly: true, fileMustExist: true });
  try {
    reader.prepare('VACUUM INTO ?').run(target);
  } finally {
    reader.close();
  }
  return target;
}

