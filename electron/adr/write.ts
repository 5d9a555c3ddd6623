// Writing records: atomically (temp file + rename or link in the same folder), never over a file we did not mean to replace.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readdirSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fail } from '../../shared/reply.ts';

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

class AlreadyThere extends Error {}

function writeTemp(dir: string, file: string, content: string): string {
  const temp = join(dir, `.${file}.${randomBytes(6).toString('hex')}.verdict-tmp`);
  const fd = openSync(temp, 'wx', 0o644);
  try {
    writeSync(fd, content, null, 'utf8');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return temp;
}

function describe(e: unknown, dir: string): never {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') fail('forbidden', `Verdict may not write in ${dir} (${code}); nothing was written.`, 'repo');
  if (code === 'ENOSPC') fail('internal', `The disk holding ${dir} is full; nothing was written.`);
  throw e;
}

/** Writes `file` in `dir` as a whole: replacing it when `replace`, else only if no such file exists. */
export function writeAtomically(dir: string, file: string, content: string, { replace }: { replace: boolean }): void {
  let temp: string | undefined;
  try {
    mkdirSync(dir, { recursive: true });
    temp = writeTemp(dir, file, content);
    if (replace) {
      renameSync(temp, join(dir, file));
      temp = undefined;
      return;
    }
    try {
      // link() fails if the name is taken: an atomic "create, never overwrite".
      linkSync(temp, join(dir, file));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new AlreadyThere();
      throw e;
    }
  } catch (e) {
    if (e instanceof AlreadyThere) throw e;
    describe(e, dir);
  } finally {
    if (temp !== undefined) {
      try {
        unlinkSync(temp);
      } catch {
        // already gone
      }
    }
  }
}

export interface CreateHooks {
  /** Called just before the file is created, with its name (tests make races here). */
  beforeCreate?(file: string): void;
}

/**
 * Creates a new record, choosing its name at write time: `name(attempt)` proposes a name
 * (and its content) from the folder as it is now. A name taken meanwhile, or a number another
 * file took at the same moment, makes it try again; nothing is ever overwritten.
 */
export function createRecord(
  dir: string,
  propose: (attempt: number) => { file: string; content: string; number: number | null },
  hooks: CreateHooks = {},
): { file: string; content: string; number: number | null } {
  for (let attempt = 0; attempt < 50; attempt++) {
    const next = propose(attempt);
    hooks.beforeCreate?.(next.file);
    try {
      writeAtomically(dir, next.file, next.content, { replace: false });
    } catch (e) {
      if (e instanceof AlreadyThere) continue;
      throw e;
    }
    if (next.number !== null) {
      // Another writer (adr-tools, a colleague's Verdict) may have taken the same number under
      // another name at the same moment: ours gives way, after a short random pause.
      const prefix = `${String(next.number).padStart(4, '0')}-`;
      if (readdirSync(dir).some((f) => f !== next.file && f.startsWith(prefix) && f.endsWith('.md'))) {
        unlinkSync(join(dir, next.file));
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.random() * 20 * (attempt + 1));
        continue;
      }
    }
    return next;
  }
  return fail('conflict', `Could not find a free file name in ${dir} after 50 tries; nothing was written.`);
}
