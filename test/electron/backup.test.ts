import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { run } from '../../electron/cli/program.ts';
import { backupDatabase, inspectBackup, restoreDatabase } from '../../electron/db/backup.ts';
import { loadMigrations } from '../../electron/db/migrate.ts';
import { openService } from '../../electron/service.ts';
import { UserError } from '../../shared/reply.ts';
import { serve } from '../cli/serve.ts';
import { inTurn, ok, openTestService, tableCounts, tempDir, workshop } from '../helpers.ts';

const migrations = loadMigrations();

async function refusal(promise: Promise<unknown> | (() => unknown)): Promise<UserError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

/** A store at live.db holding one decision, and a backup of it. */
async function storeWithBackup(title: string) {
  const dir = tempDir();
  const live = join(dir, 'live.db');
  const service = openTestService(live);
  ok(service, 'createDecision', { title });
  const backup = join(dir, 'monday.verdict');
  await backupDatabase(service.ctx.db, backup, migrations);
  return { live, backup, service };
}

describe('backup and restore of the whole store', () => {
  it('a backup is a consistent copy, WAL content included, and never the live file', async () => {
    const service = openTestService();
    const w = workshop(service);
    ok(service, 'openRound', { decisionId: w.decisionId });
    inTurn(service, 'castScore', { decisionId: w.decisionId, memberId: w.memberIds[0], optionId: w.optionIds[0], criterionId: w.criterionIds[0], score: 4 });
    const target = join(tempDir(), 'copy.verdict');
    const info = await backupDatabase(service.ctx.db, target, migrations);
    expect(info).toMatchObject({ path: target, schemaVersion: migrations.length, decisions: 1 });
    const copy = openService(target, { actor: 'test' });
    expect(tableCounts(copy)).toEqual(tableCounts(service));
    copy.close();
    expect((await refusal(backupDatabase(service.ctx.db, service.file, migrations))).message).toContain('over the database itself');
    expect((await refusal(backupDatabase(service.ctx.db, tempDir(), migrations))).message).toContain('is a folder');
    expect((await refusal(backupDatabase(service.ctx.db, join(tempDir(), 'no', 'such', 'dir', 'x.db'), migrations))).message).toContain('does not exist');
  });

  it('restore checks the file first: empty, not SQLite, damaged, foreign, or too new are refused and change nothing', async () => {
    const dir = tempDir();
    const service = openTestService(join(dir, 'live.db'));
    workshop(service);
    service.close();
    const before = readFileSync(join(dir, 'live.db'));

    const empty = join(dir, 'empty.db');
    writeFileSync(empty, '');
    const text = join(dir, 'notes.db');
    writeFileSync(text, 'just some notes, not a database\n'.repeat(200));
    const foreign = join(dir, 'foreign.db');
    new Database(foreign).exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);').close();
    const future = join(dir, 'future.db');
    const f = new Database(future);
    f.exec('CREATE TABLE decisions (id INTEGER PRIMARY KEY)');
    f.pragma(`user_version = ${migrations.length + 1}`);
    f.close();
    const damaged = join(dir, 'damaged.db');
    const d = new Database(damaged);
    d.exec('CREATE TABLE decisions (id INTEGER PRIMARY KEY, title TEXT); CREATE INDEX by_title ON decisions(title);');
    d.prepare('INSERT INTO decisions (title) VALUES (?)').run('x'.repeat(5000));
    d.pragma('user_version = 1');
    d.close();
    // Zero the index's root page: the table reads, but the integrity check fails.
    const bytes = readFileSync(damaged);
    const page = bytes.readUInt16BE(16);
    bytes.fill(0, page * 2, page * 3);
    writeFileSync(damaged, bytes);

    const cases: [string, string][] = [
      [join(dir, 'missing.db'), 'There is no file'],
      [dir, 'is not a file'],
      [empty, 'is empty'],
      [text, 'not a Verdict backup'],
      [foreign, 'not one of Verdict'],
      [future, 'newer Verdict'],
      [damaged, 'damaged'],
      [join(dir, 'live.db'), 'the database in use'],
    ];
    for (const [file, message] of cases) {
      const e = await refusal(restoreDatabase(join(dir, 'live.db'), file, { migrations }));
      expect(e.message, file).toContain(message);
      expect(e.field).toBe('file');
    }
    expect(readFileSync(join(dir, 'live.db')).equals(before)).toBe(true);
    expect(existsSync(join(dir, 'live.db-wal'))).toBe(false);
  });

  it('restore replaces the store, keeps the previous one beside it, and leaves no stale journal', async () => {
    const { live, backup, service } = await storeWithBackup('Kept in the backup');
    ok(service, 'createDecision', { title: 'Made after the backup' });
    service.close();

    const result = await restoreDatabase(live, backup, { migrations, now: new Date('2026-11-23T10:00:00Z') });
    expect(result).toMatchObject({ path: live, decisions: 1, upgradedFrom: null });
    expect(result.keptAt).toBe(`${live}.before-restore-2026-11-23T10-00-00-000Z.bak`);
    const restored = openService(live, { actor: 'test' });
    expect(ok(restored, 'listDecisions', {}).map((d) => d.title)).toEqual(['Kept in the backup']);
    restored.close();
    const kept = openService(result.keptAt!, { actor: 'test' });
    expect(ok(kept, 'listDecisions', {}).map((d) => d.title).sort()).toEqual(['Kept in the backup', 'Made after the backup']);
    kept.close();
    // A second restore at the same moment keeps a second copy instead of overwriting the first.
    const again = await restoreDatabase(live, backup, { migrations, now: new Date('2026-11-23T10:00:00Z') });
    expect(again.keptAt).toBe(`${live}.before-restore-2026-11-23T10-00-00-000Z-2.bak`);
  });

  it('restore is refused while another Verdict process has the store open, and works once it quits', async () => {
    const { live, backup, service } = await storeWithBackup('In the backup');
    service.close();

    // Web mode, as a user would leave it running.
    const web = await serve(live);
    try {
      const refused = await refusal(restoreDatabase(live, backup, { migrations }));
      expect(refused).toMatchObject({ code: 'conflict', message: `${live} is open in another Verdict (the app, web mode or a command). Close it first; nothing was restored.` });
      // The running process keeps working on the file it had, and nothing of it is lost.
      const made = await fetch(`${web.url}api/createDecision`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"Made while it ran"}' });
      expect(await made.json()).toMatchObject({ ok: true });
    } finally {
      await web.stop();
    }
    const check = openService(live, { actor: 'test' });
    expect(ok(check, 'listDecisions', {}).map((d) => d.title).sort()).toEqual(['In the backup', 'Made while it ran']);
    check.close();
    expect(await restoreDatabase(live, backup, { migrations })).toMatchObject({ decisions: 1 });
  }, 30_000);

  it('restore upgrades a backup from an older schema, through the usual migration with its own backup', async () => {
    const dir = tempDir();
    const old = join(dir, 'old.verdict');
    const o = new Database(old);
    o.exec(migrations[0]!.sql);
    o.pragma('user_version = 1');
    o.close();
    expect(inspectBackup(old, migrations).schemaVersion).toBe(1);
    const result = await restoreDatabase(join(dir, 'fresh.db'), old, { migrations });
    expect(result).toMatchObject({ keptAt: null, upgradedFrom: 1 });
    const db = new Database(join(dir, 'fresh.db'));
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    db.close();
  });

  it('the CLI backs up and restores through the same code', async () => {
    const dir = tempDir();
    const db = join(dir, 'cli.db');
    const v = async (...argv: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await run(['--db', db, ...argv], { out: (t) => out.push(t), err: (t) => err.push(t), env: {} });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    await v('new', 'First');
    expect((await v('backup', join(dir, 'b.verdict'))).out).toMatch(/^Backed up 1 decision to .*b\.verdict \(\d+ bytes\)\.$/);
    await v('new', 'Second');
    const restored = await v('restore', join(dir, 'b.verdict'));
    expect(restored).toMatchObject({ code: 0, out: `Restored 1 decision into ${db}.` });
    expect(restored.err).toContain('.before-restore-');
    expect((await v('list')).out).not.toContain('Second');
    const refused = await v('restore', join(dir, 'nothing.verdict'));
    expect(refused).toMatchObject({ code: 1, err: `verdict: There is no file ${join(dir, 'nothing.verdict')}.` });
  });
});

describe('where a backup may go', () => {
  it('refuses a pipe or device, the store’s own journal, and someone else’s file; replaces an earlier backup', async () => {
    const { execFileSync } = await import('node:child_process');
    const { live, backup, service } = await storeWithBackup('Kept safe');
    const dir = join(live, '..');
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const notes = join(dir, 'notes.md');
    writeFileSync(notes, '# my notes\n');
    expect((await refusal(backupDatabase(service.ctx.db, fifo, migrations))).message).toMatch(/is not a regular file/);
    expect((await refusal(backupDatabase(service.ctx.db, `${live}-wal`, migrations))).message).toMatch(/journal/);
    expect((await refusal(backupDatabase(service.ctx.db, notes, migrations))).message).toMatch(/already exists and is not a Verdict backup; nothing was written/);
    expect(readFileSync(notes, 'utf8')).toBe('# my notes\n');
    ok(service, 'createDecision', { title: 'Added later' });
    const again = await backupDatabase(service.ctx.db, backup, migrations);
    expect(again.decisions).toBe(2);
  });

  it('a writer during a restore is refused or kept, never lost: the store stays locked from the kept copy to the swap', async () => {
    const { live, backup, service } = await storeWithBackup('Before');
    service.close();
    const landed: string[] = [];
    let done = false;
    // Short-lived writers, like `verdict new` commands started while the restore runs: each opens, writes and
    // closes, at every turn of the event loop.
    const tries = (async () => {
      for (let i = 0; !done; i++) {
        try {
          const writer = new Database(live);
          try {
            writer.pragma('busy_timeout = 0');
            writer.prepare("INSERT INTO decisions (title, created_at, updated_at) VALUES (?, '2026-12-01', '2026-12-01')").run(`W${i}`);
            landed.push(`W${i}`);
          } finally {
            writer.close();
          }
        } catch {
          // refused while locked, or the file moved: the writer knows it did not land
        }
        await new Promise((r) => setImmediate(r));
      }
    })();
    // Until the restore gets its lock, a writer may hold the file for an instant: try again, as a user would.
    let r: Awaited<ReturnType<typeof restoreDatabase>> | undefined;
    for (let attempt = 0; r === undefined && attempt < 200; attempt++) {
      try {
        r = await restoreDatabase(live, backup, { migrations });
      } catch (e) {
        if (!(e instanceof UserError)) throw e;
      }
    }
    done = true;
    await tries;
    expect(r).toBeDefined();
    const titles = (file: string) => new Database(file, { readonly: true }).prepare('SELECT title FROM decisions').pluck().all() as string[];
    const kept = titles(r!.keptAt!);
    const restored = titles(live);
    for (const w of landed) expect(kept.includes(w) || restored.includes(w), `${w} was acknowledged and lost`).toBe(true);
  });
});
