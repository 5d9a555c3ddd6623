// 3. Upgrades: a fixture database for every schema version (test/fixtures/db/vN.sqlite, made by make.ts).
// Upgrading keeps every row and leaves a backup; a failed migration leaves the file byte for byte as it was.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, MigrationError, type Migration } from '../../electron/db/migrate.ts';
import { openDatabase } from '../../electron/db/open.ts';
import { openService } from '../../electron/service.ts';
import { ok, tempDir } from '../helpers.ts';
import { report } from './report.ts';

const migrations = loadMigrations();
const fixtures = join(import.meta.dirname, '../fixtures/db');
const versions = migrations.map((m) => m.version);
const hash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Every table's rows, each as JSON of the named columns, sorted. */
function rows(file: string, columnsOf?: Map<string, string[]>): Map<string, string[]> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all();
    return new Map(
      tables
        .filter((t) => !columnsOf || columnsOf.has(t.name))
        .map(({ name }) => {
          const cols = columnsOf?.get(name) ?? db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${name}')`).all().map((c) => c.name);
          const list = cols.map((c) => `"${c}"`).join(', ');
          return [name, db.prepare(`SELECT ${list} FROM "${name}"`).all().map((r) => JSON.stringify(r)).sort()];
        }),
    );
  } finally {
    db.close();
  }
}
const columns = (file: string) => {
  const db = new Database(file, { readonly: true });
  const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all();
  const map = new Map(tables.map(({ name }) => [name, db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${name}')`).all().map((c) => c.name)]));
  db.close();
  return map;
};

describe('upgrades from every schema version', () => {
  it('has a fixture for every schema version, so a new migration cannot ship without one', () => {
    expect(readdirSync(fixtures).filter((f) => f.endsWith('.sqlite')).sort()).toEqual(versions.map((v) => `v${v}.sqlite`).sort());
  });

  it.each(versions)('v%i: upgrading keeps every row, leaves a backup, and the app reads the result', (version) => {
    const dir = tempDir();
    const file = join(dir, 'verdict.db');
    copyFileSync(join(fixtures, `v${version}.sqlite`), file);
    const cols = columns(file);
    const before = rows(file);
    const rowCount = [...before.values()].reduce((n, r) => n + r.length, 0);

    const service = openService(file, { actor: 'test' });
    if (version < migrations.length) {
      expect(service.backup).toMatch(new RegExp(`verdict\\.db\\.v${version}-.*\\.bak$`));
      expect(rows(service.backup!)).toEqual(before);
    } else {
      expect(service.backup).toBeNull();
    }
    expect(service.ctx.db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(service.ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(service.ctx.db.pragma('foreign_key_check')).toEqual([]);
    const d = ok(service, 'getDecision', { decisionId: 1 });
    expect(d).toMatchObject({ title: 'Django or Flask for billing', status: 'accepted' });
    expect(ok(service, 'results', { decisionId: 1 }).options.length).toBe(d.options.length);
    expect(ok(service, 'listDecisions', { trash: true }).map((x) => x.title)).toEqual(['Queue: RabbitMQ or SQS']);
    service.close();

    // Every old row, in its old columns, is still there.
    expect(rows(file, cols)).toEqual(before);
    report(`upgrade v${version}→v${migrations.length}`, { rowsBefore: rowCount, rowsLost: 0 });
  });

  it.each(versions)('v%i: a failing migration rolls the whole upgrade back and leaves the file byte for byte as it was', (version) => {
    const dir = tempDir();
    const file = join(dir, 'verdict.db');
    copyFileSync(join(fixtures, `v${version}.sqlite`), file);
    const before = hash(file);
    const broken: Migration = { version: migrations.length + 1, name: 'simulated_failure', sql: 'ALTER TABLE decisions ADD COLUMN doomed TEXT; INSERT INTO nowhere VALUES (1);' };
    expect(() => openDatabase(file, { migrations: [...migrations, broken] })).toThrow(MigrationError);
    expect(hash(file)).toBe(before);
    expect(existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`).length : 0).toBe(0);
    // And the real upgrade still works afterwards.
    const { db } = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    db.close();
  });
});
