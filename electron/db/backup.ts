// Backup and restore of the whole store: a consistent copy out; a checked copy in that keeps the previous file.
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, realpathSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fail } from '../../shared/reply.ts';
import { sqlite } from './driver.ts';
import { loadMigrations, type Migration } from './migrate.ts';
import { openDatabase, type Db } from './open.ts';

export interface BackupInfo {
  path: string;
  bytes: number;
  schemaVersion: number;
  decisions: number;
}

export interface RestoreResult extends BackupInfo {
  /** The database as it was before the restore, or null when there was none. */
  keptAt: string | null;
  /** Where the migration backup went, when the restored file was from an older Verdict. */
  upgradedFrom: number | null;
}

const tempBeside = (file: string) => join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.verdict-tmp`);
const removeQuietly = (file: string) => {
  try {
    unlinkSync(file);
  } catch {
    // not there
  }
};
const sameFile = (a: string, b: string) => {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return resolve(a) === resolve(b);
  }
};

/** Copies a live database with SQLite's online backup (WAL content included), then renames it into place. */
async function copyDatabase(source: Db, target: string): Promise<void> {
  if (!existsSync(dirname(target))) fail('not_found', `The folder ${dirname(target)} does not exist; nothing was written.`, 'file');
  const temp = tempBeside(target);
  try {
    await source.backup(temp);
    renameSync(temp, target);
  } catch (e) {
    removeQuietly(temp);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOENT') fail('forbidden', `Verdict cannot write ${target} (${code}); nothing was written.`, 'file');
    throw e;
  }
}

/** Writes a consistent copy of the open store to `target`, never over the store itself. */
export async function backupDatabase(db: Db, target: string, migrations: readonly Migration[] = loadMigrations()): Promise<BackupInfo> {
  if (db.name !== ':memory:' && sameFile(db.name, target)) fail('invalid_input', 'A backup cannot be written over the database itself; choose another file.', 'file');
  if (db.name !== ':memory:' && ['-wal', '-shm', '-journal'].some((x) => sameFile(`${db.name}${x}`, target))) fail('invalid_input', 'A backup cannot be written over the database’s own journal; choose another file.', 'file');
  if (existsSync(target)) {
    const kind = statSync(target);
    if (kind.isDirectory()) fail('invalid_input', `${target} is a folder; choose a file name for the backup.`, 'file');
    if (!kind.isFile()) fail('invalid_input', `${target} is not a regular file (a device or a pipe); choose a file name for the backup.`, 'file');
    // Replacing an earlier backup is fine; replacing someone's other file is not.
    try {
      inspectBackup(target, migrations);
    } catch {
      fail('invalid_input', `${target} already exists and is not a Verdict backup; nothing was written. Choose another file name.`, 'file');
    }
  }
  await copyDatabase(db, target);
  return inspectBackup(target, migrations);
}

/** Checks a file before it may replace the store: SQLite, intact, Verdict's, and a schema this Verdict knows. */
export function inspectBackup(file: string, migrations: readonly Migration[] = loadMigrations()): BackupInfo {
  if (!existsSync(file)) fail('not_found', `There is no file ${file}.`, 'file');
  const stat = statSync(file);
  if (!stat.isFile()) fail('invalid_input', `${file} is not a file.`, 'file');
  if (stat.size === 0) fail('invalid_input', `${file} is empty; it is not a Verdict backup.`, 'file');
  let db: Db;
  try {
    db = sqlite(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    return fail('invalid_input', `${file} cannot be opened as a database (${(e as Error).message}).`, 'file');
  }
  try {
    let problems: string[];
    try {
      problems = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    } catch (e) {
      return fail('invalid_input', `${file} is not a Verdict backup: ${(e as Error).message}.`, 'file');
    }
    if (problems.join() !== 'ok') fail('invalid_input', `${file} is damaged (integrity check: ${problems.slice(0, 3).join('; ')}); nothing was restored.`, 'file');
    const version = db.pragma('user_version', { simple: true }) as number;
    const hasDecisions = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'decisions'").get() !== undefined;
    if (version === 0 || !hasDecisions) fail('invalid_input', `${file} is a SQLite database, but not one of Verdict's.`, 'file');
    if (version > migrations.length) fail('invalid_input', `${file} comes from a newer Verdict (schema version ${version}; this one knows up to ${migrations.length}). Update Verdict first.`, 'file');
    const { n } = db.prepare('SELECT count(*) AS n FROM decisions').get() as { n: number };
    return { path: file, bytes: stat.size, schemaVersion: version, decisions: n };
  } finally {
    db.close();
  }
}

/**
 * The store, opened so that no other connection may use it: refused while another Verdict process (the app,
 * web mode, a command) has it open, since whatever that process wrote after the restore would be lost.
 * In WAL mode every open connection keeps a lock that an exclusive-mode transaction cannot get past.
 */
function exclusively(dbPath: string): Db {
  const db = sqlite(dbPath, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
    return db;
  } catch (e) {
    db.close();
    const code = (e as { code?: string }).code;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
      fail('conflict', `${dbPath} is open in another Verdict (the app, web mode or a command). Close it first; nothing was restored.`, 'file');
    }
    throw e;
  }
}

/**
 * Replaces the store at `dbPath` with the backup `chosen`, after checking it.
 * The current database is kept beside itself first. The store must not be open in this process.
 */
export async function restoreDatabase(dbPath: string, chosen: string, { migrations = loadMigrations(), now = new Date() }: { migrations?: readonly Migration[]; now?: Date } = {}): Promise<RestoreResult> {
  if (existsSync(dbPath) && sameFile(dbPath, chosen)) fail('invalid_input', 'That file is the database in use; choose a backup.', 'file');
  const info = inspectBackup(chosen, migrations);

  // The incoming copy is made first, by SQLite from the chosen file (so a backup with a -wal beside it arrives
  // whole), and the current store is locked only for the swap: from the kept copy to the rename, no other
  // process can write, and a writer that waited for the lock finds the file moved and fails, never lost.
  const source = sqlite(chosen, { readonly: true, fileMustExist: true });
  const incoming = tempBeside(dbPath);
  try {
    await source.backup(incoming);
  } catch (e) {
    removeQuietly(incoming);
    throw e;
  } finally {
    source.close();
  }

  let keptAt: string | null = null;
  let current: Db | null = null;
  try {
    if (existsSync(dbPath)) {
      const stamp = `${dbPath}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
      keptAt = `${stamp}.bak`;
      for (let i = 2; existsSync(keptAt); i++) keptAt = `${stamp}-${i}.bak`;
      current = exclusively(dbPath);
      await copyDatabase(current, keptAt);
    }
    // The old file's journal must not be replayed onto the restored one; its content is in the kept copy.
    removeQuietly(`${dbPath}-wal`);
    removeQuietly(`${dbPath}-shm`);
    renameSync(incoming, dbPath);
  } catch (e) {
    removeQuietly(incoming);
    throw e;
  } finally {
    current?.close();
  }

  try {
    const { db, backup } = openDatabase(dbPath, { migrations });
    db.close();
    return { ...info, path: dbPath, keptAt, upgradedFrom: backup ? info.schemaVersion : null };
  } catch (e) {
    if (keptAt) {
      removeQuietly(`${dbPath}-wal`);
      removeQuietly(`${dbPath}-shm`);
      copyFileSync(keptAt, dbPath);
    }
    throw e;
  }
}
