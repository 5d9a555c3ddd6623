import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DatabaseTooNewError, loadMigrations, MigrationError, type Migration } from '../../electron/db/migrate.ts';
import { NotVerdictDatabaseError, openDatabase } from '../../electron/db/open.ts';
import { tempDir } from '../helpers.ts';

const real = loadMigrations();
const hash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const extra: Migration = { version: real.length + 1, name: 'test_add_column', sql: "ALTER TABLE people ADD COLUMN email TEXT NOT NULL DEFAULT '';" };
const broken: Migration = { version: real.length + 1, name: 'test_broken', sql: "ALTER TABLE people ADD COLUMN email TEXT; INSERT INTO nowhere VALUES (1);" };

function seeded(dir: string): string {
  const file = join(dir, 'verdict.db');
  const { db } = openDatabase(file);
  db.prepare("INSERT INTO people (name, created_at) VALUES ('Ana', '2026-11-23T00:00:00Z')").run();
  db.close();
  return file;
}

describe('migrations', () => {
  it('numbers the shipped migrations 001, 002, … without gaps', () => {
    expect(real.map((m) => m.version)).toEqual(real.map((_, i) => i + 1));
  });

  it('creates a fresh database at the latest version, in WAL mode with foreign keys on', () => {
    const file = join(tempDir(), 'nested', 'verdict.db');
    const { db, backup } = openDatabase(file);
    expect(backup).toBeNull();
    expect(db.pragma('user_version', { simple: true })).toBe(real.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('backs an existing file up beside itself before upgrading, and keeps every row', () => {
    const dir = tempDir();
    const file = seeded(dir);
    const { db, backup } = openDatabase(file, { migrations: [...real, extra] });
    expect(db.pragma('user_version', { simple: true })).toBe(real.length + 1);
    expect(db.prepare('SELECT name, email FROM people').all()).toEqual([{ name: 'Ana', email: '' }]);
    db.close();
    expect(backup).toMatch(new RegExp(`verdict\\.db\\.v${real.length}-.*\\.bak$`));
    const copy = new Database(backup!, { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(real.length);
    expect(copy.prepare('SELECT name FROM people').all()).toEqual([{ name: 'Ana' }]);
    copy.close();
  });

  it('rolls a failed migration back and leaves the data as it was', () => {
    const dir = tempDir();
    const file = seeded(dir);
    expect(() => openDatabase(file, { migrations: [...real, broken] })).toThrow(MigrationError);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(real.length);
    expect(db.prepare('SELECT * FROM people').all()).toEqual([{ id: 1, name: 'Ana', created_at: '2026-11-23T00:00:00Z' }]);
    db.close();
    expect(() => openDatabase(file).db.close()).not.toThrow();
  });

  it('refuses a database from a newer Verdict by name, and leaves the file untouched', () => {
    const dir = tempDir();
    const file = seeded(dir);
    const db = new Database(file);
    db.pragma('journal_mode = DELETE');
    db.pragma(`user_version = ${real.length + 5}`);
    db.close();
    const before = hash(file);
    const names = readdirSync(dir).sort();
    let error: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatabaseTooNewError);
    expect((error as Error).name).toBe('DatabaseTooNewError');
    expect((error as Error).message).toContain(`schema version ${real.length + 5}; this Verdict knows up to ${real.length}`);
    expect(hash(file)).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(names);
  });

  it('refuses a file that is not a Verdict database, untouched', () => {
    const dir = tempDir();
    const text = join(dir, 'notes.db');
    writeFileSync(text, 'these are my notes, not a database\n'.repeat(100));
    const before = hash(text);
    expect(() => openDatabase(text)).toThrow(NotVerdictDatabaseError);
    expect(hash(text)).toBe(before);

    const other = join(dir, 'other.db');
    const db = new Database(other);
    db.exec('CREATE TABLE stuff (x)');
    db.close();
    expect(() => openDatabase(other)).toThrow(/not a Verdict database/);
  });
});
