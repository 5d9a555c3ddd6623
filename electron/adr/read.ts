// The one way Verdict reads a file of a team's repository (.adr-dir, .log4brains.yml, records, the probes
// that detect a convention): a regular file whose real path stays inside the repository, size-capped.
// A FIFO, a device, or a link leading out (`.adr-dir -> /dev/zero`) is refused instead of hanging the app.
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { sep } from 'node:path';

export const MAX_RECORD_BYTES = 1024 * 1024;
/** Marker and configuration files hold a line or a few: anything larger is not one. */
export const MAX_MARKER_BYTES = 64 * 1024;

export const inside = (root: string, path: string) => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);

/** Why a repository file was not read, as a clause: "Cannot read X: <reason>." */
export class UnreadableFile extends Error {}

/** A repository file's text, or an UnreadableFile saying why not. `root` is the repository's real path. */
export function readRepoFile(root: string, path: string, maxBytes: number = MAX_RECORD_BYTES): string {
  let real: string;
  try {
    real = realpathSync(path);
  } catch (e) {
    throw new UnreadableFile((e as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (e as Error).message);
  }
  if (!inside(root, real)) throw new UnreadableFile('it is a link to a file outside the repository');
  // Non-blocking, so opening a FIFO returns at once; it is then refused as not a regular file.
  let fd: number;
  try {
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (e) {
    throw new UnreadableFile((e as Error).message);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new UnreadableFile('it is not a regular file');
    if (stat.size > maxBytes) throw new UnreadableFile(`it is larger than ${formatBytes(maxBytes)}`);
    // Read one byte past the cap: a file that grows while read is refused too.
    const bytes = Buffer.allocUnsafe(Math.min(stat.size, maxBytes) + 1);
    let read = 0;
    while (read < bytes.length) {
      const n = readSync(fd, bytes, read, bytes.length - read, read);
      if (n === 0) break;
      read += n;
    }
    if (read > maxBytes) throw new UnreadableFile(`it is larger than ${formatBytes(maxBytes)}`);
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, read));
    } catch {
      throw new UnreadableFile('it is not UTF-8 text');
    }
  } finally {
    closeSync(fd);
  }
}

const formatBytes = (n: number) => (n >= 1024 * 1024 ? `${n / 1024 / 1024} MiB` : `${n / 1024} KiB`);
