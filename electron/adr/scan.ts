// Finding a repository's ADR folder and convention, and listing the records in it.
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { log4brainsSkipped, numberOf, parseRecord } from '../../shared/adr/records.ts';
import type { Profile } from '../../shared/adr/render.ts';
import { fail } from '../../shared/reply.ts';
import type { AdrFolder, ScannedRecord } from '../../shared/types.ts';
import { inside, MAX_MARKER_BYTES, readRepoFile, UnreadableFile } from './read.ts';

export { MAX_RECORD_BYTES } from './read.ts';

/** The folder the user named, as a real directory. */
function repoDirectory(repo: string): string {
  if (!isAbsolute(repo)) fail('invalid_input', `The repository folder must be an absolute path (got "${repo}").`, 'repo');
  let real: string;
  try {
    real = realpathSync(repo);
  } catch {
    return fail('not_found', `The folder ${repo} does not exist.`, 'repo');
  }
  if (!statSync(real).isDirectory()) fail('invalid_input', `${repo} is a file, not a folder.`, 'repo');
  return real;
}

/** The git work tree holding `dir`, if any: the nearest folder upward with a .git entry. */
function gitRoot(dir: string): string | null {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return null;
  }
}

/** Refuses an ADR folder that lies, or leads through a link, outside the repository. */
export function checkInside(root: string, adrDir: string, field = 'adrDir'): string {
  if (isAbsolute(adrDir) || adrDir.split(/[\\/]/).includes('..')) fail('invalid_input', `The ADR folder must be a path inside the repository (got "${adrDir}").`, field);
  const target = resolve(root, adrDir);
  // The deepest part that exists decides where the path really leads.
  let existing = target;
  while (!existsSync(existing)) existing = dirname(existing);
  const real = realpathSync(existing);
  if (!inside(root, real)) fail('invalid_input', `The ADR folder ${adrDir} leads outside the repository (to ${real}); nothing was read or written there.`, field);
  if (existing === target && !statSync(real).isDirectory()) fail('invalid_input', `${adrDir} is a file, not a folder.`, field);
  return target;
}

const numbered = (dir: string) => existsSync(dir) && readdirSync(dir).some((f) => /^\d{4}-.+\.md$/.test(f));
const looksNygard = (root: string, dir: string) => {
  const first = readdirSync(dir).filter((f) => /^\d{4}-.+\.md$/.test(f)).sort()[0];
  if (!first) return false;
  let text: string;
  try {
    text = readRepoFile(root, join(dir, first)).slice(0, 4096);
  } catch (e) {
    if (e instanceof UnreadableFile) return false;
    throw e;
  }
  return /^# \d+\. /m.test(text) && /^## Status\s*$/m.test(text);
};

/** A marker file's text; one that cannot be read is a refusal that names it and says why. */
function readMarker(root: string, dir: string, name: string): string {
  try {
    return readRepoFile(root, join(dir, name), MAX_MARKER_BYTES);
  } catch (e) {
    if (e instanceof UnreadableFile) fail('invalid_input', `Cannot read ${relative(root, join(dir, name)) || name}: ${e.message}.`, 'repo');
    throw e;
  }
}

/** What a folder says about where its ADRs live, per ADR-FORMATS.md; paths relative to it. */
function signIn(root: string, dir: string): { adrDir: string; profile: Profile; source: string } | null {
  if (existsSync(join(dir, '.adr-dir'))) return { adrDir: readMarker(root, dir, '.adr-dir').split(/\r?\n/)[0]!.trim(), profile: 'nygard', source: '.adr-dir' };
  if (existsSync(join(dir, '.log4brains.yml'))) {
    const text = readMarker(root, dir, '.log4brains.yml');
    let folder: unknown;
    try {
      folder = (parseYaml(text) as { project?: { adrFolder?: unknown } } | null)?.project?.adrFolder;
    } catch (e) {
      fail('invalid_input', `.log4brains.yml is not valid YAML: ${(e as Error).message.split('\n')[0]}`, 'repo');
    }
    if (typeof folder !== 'string') fail('invalid_input', '.log4brains.yml has no project.adrFolder.', 'repo');
    return { adrDir: folder, profile: 'log4brains', source: '.log4brains.yml' };
  }
  if (numbered(join(dir, 'doc/adr'))) return { adrDir: 'doc/adr', profile: 'nygard', source: 'doc/adr' };
  if (existsSync(join(dir, 'docs/decisions'))) return { adrDir: 'docs/decisions', profile: 'madr', source: 'docs/decisions' };
  for (const sub of ['docs/adr', 'docs/adrs']) {
    if (existsSync(join(dir, sub))) return { adrDir: sub, profile: looksNygard(root, join(dir, sub)) ? 'nygard' : 'madr', source: sub };
  }
  return null;
}

export interface FolderChoice {
  adrDir?: string;
  format?: Profile;
}

/** Where a repository keeps its ADRs and which profile it writes, following ADR-FORMATS.md. */
export function detectFolder(repo: string, choice: FolderChoice = {}): AdrFolder {
  const given = repoDirectory(repo);
  const git = gitRoot(given);
  const root = git ?? given;
  // The nearest sign wins, from the folder given up to the repository's root.
  const found = ((): { adrDir: string; profile: Profile; source: string } => {
    for (let d = given; inside(root, d); d = dirname(d)) {
      const sign = signIn(root, d);
      if (sign) return { ...sign, adrDir: relative(root, resolve(d, sign.adrDir)).split(sep).join('/') || '.' };
      if (d === root) break;
    }
    return { adrDir: relative(root, resolve(given, 'docs/decisions')).split(sep).join('/'), profile: 'madr', source: 'none' };
  })();
  const adrDir = (choice.adrDir ?? found.adrDir).split(sep).join('/');
  const absolute = checkInside(root, adrDir);
  const notes: string[] = [];
  if (git === null) notes.push(`${root} is not a git repository: the record is written as a plain file.`);
  if (found.source === 'none' && choice.adrDir === undefined) notes.push('No ADR folder was found; Verdict suggests docs/decisions (MADR).');
  return { root, adrDir, path: absolute, profile: choice.format ?? found.profile, detected: found.profile, source: found.source, exists: existsSync(absolute), git: git !== null, notes };
}

function isRecordName(file: string, profile: Profile): boolean {
  if (!file.toLowerCase().endsWith('.md')) return false;
  if (profile === 'log4brains') return !log4brainsSkipped.includes(file.toLowerCase());
  return /^\d+-.+\.md$/i.test(file);
}

/** Every record in the folder, in file order; a file that cannot be read is listed with the reason. */
export function listRecords(folder: AdrFolder): ScannedRecord[] {
  if (!folder.exists) return [];
  const records: ScannedRecord[] = [];
  // The folder listing says which entries are links, so plain files need no stat of their own.
  const entries = readdirSync(folder.path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const file = entry.name;
    if (!isRecordName(file, folder.profile)) continue;
    const path = join(folder.path, file);
    const base = { file, number: numberOf(file, folder.profile), title: null, status: null, date: null };
    try {
      if (entry.isSymbolicLink()) {
        if (!inside(folder.root, realpathSync(path))) throw new Error('it is a link to a file outside the repository');
        if (!statSync(path).isFile()) continue;
      } else if (!entry.isFile()) continue;
      const text = readRepoFile(folder.root, path);
      records.push({ ...base, ...parseRecord(file, text, folder.profile), error: null });
    } catch (e) {
      records.push({ ...base, error: `Cannot read ${file}: ${(e as Error).message}.` });
    }
  }
  return records;
}

/** The next number: the largest number any file in the folder carries, plus one. */
export function nextNumber(folder: AdrFolder): number {
  if (!folder.exists) return 1;
  let max = 0;
  for (const file of readdirSync(folder.path)) {
    const m = /^(\d+)-/.exec(file);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max + 1;
}
