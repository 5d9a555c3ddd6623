// Schema migrations: migrations/NNN_name.sql, applied in order by PRAGMA user_version.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3';

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
 * Returns the backup's path, if one was made.
 */
export function migrate(db: Database, file: string, migrations: readonly Migration[], now: () => Date = () => new Date()): string | null {
  const version = checkVersion(db, file, migrations);
  const pending = migrations.slice(version);
  if (pending.length === 0) return null;
  let backup: string | null = null;
  if (version > 0 && file !== ':memory:') backup = backupBeside(db, file, version, now());
  let current: Migration | undefined;
  try {
    db.transaction(() => {
      for (const m of pending) {
        current = m;
        db.exec(m.sql);
        db.pragma(`user_version = ${m.version}`);
      }
    }).immediate();
  } catch (e) {
    throw new MigrationError(current!, e);
  }
  return backup;
}

function backupBeside(db: Database, file: string, version: number, at: Date): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  let target = `${file}.v${version}-${stamp}.bak`;
  for (let i = 2; existsSync(target); i++) target = `${file}.v${version}-${stamp}-${i}.bak`;
  // VACUUM INTO writes a consistent copy, WAL content included, synchronously.
  db.prepare('VACUUM INTO ?').run(target);
  return target;
}

