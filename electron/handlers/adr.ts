// ADRs in a team's repository: scan, preview, export (create, update, refuse an edited file) and supersede.
import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { fileName } from '../../shared/adr/naming.ts';
import { padNumber, renderers, type RecordLink } from '../../shared/adr/render.ts';
import { markSuperseded } from '../../shared/adr/supersede.ts';
import { readAdr } from '../../shared/adr/import.ts';
import { DecisionDocument, type Parsed } from '../../shared/api.ts';
import { fail, invalidInput, UserError } from '../../shared/reply.ts';
import type { AdrExport, AdrFolder, AdrProfile, ExportPlan, ExportResult, ImportedAdr, RepoScan, SupersededRecord } from '../../shared/types.ts';
import { createRecord, sha256, writeAtomically } from '../adr/write.ts';
import { branchNames, checkBranchName, commitOnNewBranch, folderClash, gitState, namesAtHead, pushRemote, readAtHead, type GitFile } from '../adr/git.ts';
import { readRepoFile, UnreadableFile } from '../adr/read.ts';
import { detectFolder, listRecords, nextNumber } from '../adr/scan.ts';
import type { Ctx } from '../context.ts';
import { decisionDetail, importDecision } from './decisions.ts';
import { decisionRow, openRoundOf } from './lookup.ts';
import { computeResults } from './results.ts';

interface ExportRow {
  decision_id: number;
  repo: string;
  adr_dir: string;
  file: string;
  number: number | null;
  profile: AdrProfile;
  sha256: string;
  exported_at: string;
}

export function scanRepo(_ctx: Ctx, input: Parsed<'scanRepo'>): RepoScan {
  const folder = detectFolder(input.repo, { adrDir: input.adrDir, format: input.format });
  return { ...folder, nextNumber: nextNumber(folder), records: listRecords(folder) };
}

const exportOf = (ctx: Ctx, decisionId: number, folder: AdrFolder) =>
  ctx.sql<ExportRow>('SELECT * FROM adr_exports WHERE decision_id = ? AND repo = ? AND adr_dir = ?').get(decisionId, folder.root, folder.adrDir);

const ownerOf = (ctx: Ctx, folder: AdrFolder, file: string) =>
  ctx.sql<ExportRow>('SELECT * FROM adr_exports WHERE repo = ? AND adr_dir = ? AND file = ?').get(folder.root, folder.adrDir, file);

function readText(folder: AdrFolder, file: string): string | null {
  const path = join(folder.path, file);
  if (!existsSync(path)) return null;
  try {
    return readRepoFile(folder.root, path);
  } catch (e) {
    if (e instanceof UnreadableFile) fail('invalid_input', `Cannot read ${folder.adrDir}/${file}: ${e.message}; nothing was written.`, 'repo');
    throw e;
  }
}

/** The day the decision was decided, else today: re-exports of the same decision keep their date. */
function recordDate(ctx: Ctx, decisionId: number): string {
  const decided = ctx.sql<{ at: string }>("SELECT at FROM events WHERE decision_id = ? AND type = 'decided' ORDER BY id DESC LIMIT 1").get(decisionId);
  return (decided?.at ?? ctx.now()).slice(0, 10);
}

/** Records this decision supersedes, and records that supersede it, within this ADR folder. */
function links(ctx: Ctx, decisionId: number, folder: AdrFolder): { supersedes: RecordLink[]; supersededBy: RecordLink[] } {
  const external = ctx
    .sql<RecordLink>('SELECT file, title, number FROM adr_supersedes WHERE decision_id = ? AND repo = ? AND adr_dir = ? ORDER BY file')
    .all(decisionId, folder.root, folder.adrDir);
  const exported = (sql: string) =>
    ctx
      .sql<{ file: string; number: number | null; title: string }>(sql)
      .all(decisionId, folder.root, folder.adrDir)
      .map((r) => ({ file: r.file, number: r.number, title: r.title }));
  const internal = exported(
    `SELECT e.file, e.number, d.title FROM supersessions s JOIN adr_exports e ON e.decision_id = s.superseded_id JOIN decisions d ON d.id = s.superseded_id
     WHERE s.decision_id = ? AND e.repo = ? AND e.adr_dir = ?`,
  );
  const supersededBy = exported(
    `SELECT e.file, e.number, d.title FROM supersessions s JOIN adr_exports e ON e.decision_id = s.decision_id JOIN decisions d ON d.id = s.decision_id
     WHERE s.superseded_id = ? AND e.repo = ? AND e.adr_dir = ?`,
  );
  const seen = new Set(external.map((l) => l.file));
  return { supersedes: [...external, ...internal.filter((l) => !seen.has(l.file))], supersededBy };
}

interface Plan extends ExportPlan {
  render(number: number | null): string;
  existing: ExportRow | undefined;
  title: string;
  date: string;
}

/**
 * Whether a file still holds what Verdict wrote. `sha256` may list several hashes, space-separated: after a branch
 * export it holds the working tree's copy and the branch's, so neither the old file nor the merged one reads as edited.
 */
function isOurs(row: { sha256: string }, text: string): boolean {
  return row.sha256.split(' ').includes(sha256(text));
}

function planFile(ctx: Ctx, input: Parsed<'previewExport'>): Omit<Plan, 'branch'> {
  const row = decisionRow(ctx, input.decisionId);
  const open = openRoundOf(ctx, row.id);
  if (open !== undefined) fail('round_open', `Round ${open.seq} is open: reveal it before exporting, so the record carries no hidden votes.`);
  const decision = decisionDetail(ctx, row.id);
  const revealed = decision.rounds.some((r) => r.kind === 'scores' && r.status === 'revealed');
  const results = revealed ? computeResults(ctx, row) : null;
  const folder = detectFolder(input.repo, { adrDir: input.adrDir, format: input.format });
  const date = recordDate(ctx, row.id);
  const related = links(ctx, row.id, folder);
  const render = (number: number | null) => renderers[folder.profile]({ decision, results, date, number, ...related });
  const notes = [...folder.notes];
  const existing = exportOf(ctx, row.id, folder);
  const base = { decisionId: row.id, folder, supersedes: related.supersedes, render, existing, title: decision.title, date };

  const current = existing ? readText(folder, existing.file) : null;
  if (existing && current !== null) {
    const markdown = render(existing.number);
    if (!isOurs(existing, current)) {
      notes.push(`${existing.file} was edited in the repository since Verdict wrote it on ${existing.exported_at.slice(0, 10)}.`);
      return { ...base, file: existing.file, number: existing.number, action: 'conflict', markdown, notes };
    }
    return { ...base, file: existing.file, number: existing.number, action: markdown === current ? 'unchanged' : 'update', markdown, notes };
  }
  if (existing) notes.push(`${existing.file}, written earlier, is no longer in the repository: a new file will be written.`);
  const number = folder.profile === 'log4brains' ? null : nextNumber(folder);
  return { ...base, file: fileName(folder.profile, number, decision.title, date), number, action: 'create', markdown: render(number), notes };
}

function plan(ctx: Ctx, input: Parsed<'previewExport'>): Plan {
  const p = planFile(ctx, input);
  return { ...p, branch: branchPlan(p) };
}

/** The file a record gets on a new branch: numbered after the records at HEAD and in the working tree alike. */
function branchFile(p: Omit<Plan, 'branch'>, root: string): { file: string; number: number | null } {
  if (p.action !== 'create') return { file: p.file, number: p.number };
  const { folder } = p;
  const atHead = namesAtHead(root, relative(root, folder.path).split(sep).join('/'));
  if (folder.profile === 'log4brains') {
    let file = p.file;
    for (let i = 2; atHead.includes(file) || existsSync(join(folder.path, file)); i++) file = fileName(folder.profile, null, p.title, p.date, i);
    return { file, number: null };
  }
  const headNext = Math.max(0, ...atHead.map((f) => Number(/^(\d+)-/.exec(f)?.[1] ?? 0))) + 1;
  const number = Math.max(p.number ?? 1, headNext);
  return { file: fileName(folder.profile, number, p.title, p.date), number };
}

function branchPlan(p: Omit<Plan, 'branch'>): Plan['branch'] {
  const state = gitState(p.folder.path.startsWith(p.folder.root) && existsSync(p.folder.path) ? p.folder.path : p.folder.root);
  if (!state.ok) return { available: false, reason: state.reason };
  const { file } = branchFile(p, state.root);
  return { available: true, name: branchName(state.root, file), file, current: state.branch };
}

export function previewExport(ctx: Ctx, input: Parsed<'previewExport'>): ExportPlan {
  const { render: _render, existing: _existing, title: _title, date: _date, ...shown } = plan(ctx, input);
  return shown;
}

/** Writes a new record, its number and name decided again at the moment of writing. */
function createNew(p: Plan): { file: string; content: string; number: number | null } {
  const { folder } = p;
  return createRecord(folder.path, (attempt) => {
    // log4brains names files by date: a second record of the same day and title gets a suffix.
    if (folder.profile === 'log4brains') return { file: fileName(folder.profile, null, p.title, p.date, attempt + 1), content: p.markdown, number: null };
    const number = nextNumber({ ...folder, exists: existsSync(folder.path) });
    return { file: fileName(folder.profile, number, p.title, p.date), content: p.render(number), number };
  });
}

export function exportAdr(ctx: Ctx, input: Parsed<'exportAdr'>): ExportResult {
  const p = plan(ctx, input);
  const { folder } = p;
  if (input.branch !== undefined) return exportOnBranch(ctx, p, input);
  let written: { file: string; content: string; number: number | null };
  let action: ExportResult['action'];
  if (p.action === 'conflict' && input.onConflict === 'refuse') {
    fail(
      'conflict',
      `${folder.adrDir}/${p.file} was edited since Verdict wrote it; nothing was written. Export it as a new file, or overwrite it (the edits would be lost).`,
      'onConflict',
    );
  }
  if (p.action === 'unchanged') {
    written = { file: p.file, content: p.markdown, number: p.number };
    action = 'unchanged';
  } else if (p.action === 'update' || (p.action === 'conflict' && input.onConflict === 'overwrite')) {
    writeAtomically(folder.path, p.file, p.markdown, { replace: true });
    written = { file: p.file, content: p.markdown, number: p.number };
    action = p.action === 'update' ? 'updated' : 'overwritten';
  } else {
    written = createNew(p);
    action = 'created';
  }

  if (p.existing && p.existing.file !== written.file) {
    ctx.sql('DELETE FROM adr_exports WHERE repo = ? AND adr_dir = ? AND file = ?').run(p.existing.repo, p.existing.adr_dir, p.existing.file);
  }
  ctx
    .sql('INSERT OR REPLACE INTO adr_exports (decision_id, repo, adr_dir, file, number, profile, sha256, exported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(p.decisionId, folder.root, folder.adrDir, written.file, written.number, folder.profile, sha256(written.content), ctx.now());

  const superseded = decisionRow(ctx, p.decisionId).status === 'accepted' ? markOlderRecords(ctx, p, written) : [];
  const path = join(folder.path, written.file);
  if (action !== 'unchanged' || superseded.length) ctx.record(p.decisionId, 'adr_exported', { file: `${folder.adrDir}/${written.file}`, action, profile: folder.profile, superseded });
  return { path, file: written.file, number: written.number, profile: folder.profile, action, superseded, notes: p.notes };
}

/** Updates the status of each record this one supersedes, the way its profile writes it. */
function markOlderRecords(ctx: Ctx, p: Plan, written: { file: string; number: number | null }): string[] {
  const { folder } = p;
  const changed: string[] = [];
  const by: RecordLink = { file: written.file, number: written.number, title: decisionDetail(ctx, p.decisionId).title };
  for (const old of p.supersedes) {
    const text = readText(folder, old.file);
    if (text === null) continue;
    const next = markSuperseded(folder.profile, text, by);
    if (next === null || next === text) continue;
    const owner = ownerOf(ctx, folder, old.file);
    writeAtomically(folder.path, old.file, next, { replace: true });
    // Our own file stays ours when it was unchanged; an edited one stays marked as edited.
    if (owner && isOurs(owner, text)) ctx.sql('UPDATE adr_exports SET sha256 = ? WHERE repo = ? AND adr_dir = ? AND file = ?').run(sha256(next), owner.repo, owner.adr_dir, owner.file);
    changed.push(`${folder.adrDir}/${old.file}`);
  }
  return changed;
}

export function listExports(ctx: Ctx, input: Parsed<'listExports'>): AdrExport[] {
  decisionRow(ctx, input.decisionId, { trashed: true });
  return ctx
    .sql<ExportRow>('SELECT * FROM adr_exports WHERE decision_id = ? ORDER BY exported_at')
    .all(input.decisionId)
    .map((r) => ({ repo: r.repo, adrDir: r.adr_dir, file: r.file, path: join(r.repo, r.adr_dir, r.file), number: r.number, profile: r.profile, exportedAt: r.exported_at }));
}

function supersededRecords(ctx: Ctx, decisionId: number): SupersededRecord[] {
  return ctx
    .sql<SupersededRecord>('SELECT repo, adr_dir AS adrDir, file, title, number FROM adr_supersedes WHERE decision_id = ? ORDER BY repo, adr_dir, file')
    .all(decisionId);
}

export function linkSupersedesRecord(ctx: Ctx, input: Parsed<'linkSupersedesRecord'>): SupersededRecord[] {
  const d = decisionRow(ctx, input.decisionId);
  const folder = detectFolder(input.repo, { adrDir: input.adrDir });
  const record = listRecords(folder).find((r) => r.file === input.file);
  if (record === undefined) fail('not_found', `There is no record ${input.file} in ${folder.adrDir}.`, 'file');
  if (record.error !== null) fail('invalid_input', record.error, 'file');
  if (ownerOf(ctx, folder, input.file)?.decision_id === d.id) fail('invalid_input', `${input.file} is this decision’s own record.`, 'file');
  ctx
    .sql('INSERT OR REPLACE INTO adr_supersedes (decision_id, repo, adr_dir, file, title, number) VALUES (?, ?, ?, ?, ?, ?)')
    .run(d.id, folder.root, folder.adrDir, record.file, record.title ?? record.file, record.number);
  ctx.record(d.id, 'supersedes_record_linked', { file: `${folder.adrDir}/${record.file}`, title: record.title });
  return supersededRecords(ctx, d.id);
}

export function unlinkSupersedesRecord(ctx: Ctx, input: Parsed<'unlinkSupersedesRecord'>): SupersededRecord[] {
  const d = decisionRow(ctx, input.decisionId);
  const folder = detectFolder(input.repo, { adrDir: input.adrDir });
  const { changes } = ctx.sql('DELETE FROM adr_supersedes WHERE decision_id = ? AND repo = ? AND adr_dir = ? AND file = ?').run(d.id, folder.root, folder.adrDir, input.file);
  if (changes === 0) fail('not_found', `This decision does not supersede ${input.file}.`, 'file');
  ctx.record(d.id, 'supersedes_record_unlinked', { file: `${folder.adrDir}/${input.file}` });
  return supersededRecords(ctx, d.id);
}

/** The repository's own style when a branch already names a record ("docs/0003-…"), else adr/0007-title. */
function branchName(root: string, file: string): string {
  const stem = file.replace(/\.md$/, '');
  const prefix = recordBranchPrefix(root) ?? 'adr/';
  // A branch "adr" (or "adr/0007-x/…") would make adr/0007-x impossible for git: take a name it can create.
  for (const name of [`${prefix}${stem}`, `adr-${stem}`, stem]) if (folderClash(root, name) === null) return name;
  return `verdict-${stem}`;
}

function recordBranchPrefix(root: string): string | null {
  for (const ref of branchNames(root)) {
    const m = /^(.*\/)?(?:\d{4}|\d{8})-[a-z0-9][a-z0-9-]*$/.exec(ref);
    if (m) return m[1] ?? '';
  }
  return null;
}

/** Commits the record (and the status change of the records it supersedes) as one commit on a new branch from HEAD. */
function exportOnBranch(ctx: Ctx, p: Plan, input: Parsed<'exportAdr'>): ExportResult {
  const { folder } = p;
  if (!p.branch.available) fail('invalid_input', p.branch.reason, 'branch');
  const state = gitState(folder.root);
  if (!state.ok) fail('invalid_input', state.reason, 'branch');
  const name = input.branch === true ? p.branch.name : input.branch!;
  checkBranchName(state.root, name);
  if (p.action === 'conflict' && input.onConflict === 'refuse') {
    fail('conflict', `${folder.adrDir}/${p.file} was edited since Verdict wrote it; nothing was committed. Commit it as a new file, or overwrite it (the edits would be lost).`, 'onConflict');
  }
  const fresh = p.action === 'create' || (p.action === 'conflict' && input.onConflict === 'new-file');
  const number = p.action === 'create' || folder.profile === 'log4brains' ? p.number : nextNumber(folder);
  const target = fresh ? branchFile({ ...p, action: 'create', number, file: fileName(folder.profile, number, p.title, p.date) }, state.root) : { file: p.file, number: p.number };
  const content = fresh ? p.render(target.number) : p.markdown;
  const inRepo = (file: string) => relative(state.root, join(folder.path, file)).split(sep).join('/');
  const files: GitFile[] = [{ path: inRepo(target.file), content }];
  // The record links to each record it supersedes: on the branch, that link must lead somewhere.
  for (const old of p.supersedes) {
    if (readAtHead(state.root, inRepo(old.file)) === null) {
      fail('invalid_input', `${old.file} is not committed; commit it first, or unlink it. Nothing was committed.`, 'branch');
    }
  }
  const superseded: string[] = [];
  if (decisionRow(ctx, p.decisionId).status === 'accepted') {
    const by: RecordLink = { file: target.file, number: target.number, title: p.title };
    for (const old of p.supersedes) {
      const text = readAtHead(state.root, inRepo(old.file));
      const next = text === null ? null : markSuperseded(folder.profile, text, by);
      if (next === null || next === text) continue;
      files.push({ path: inRepo(old.file), content: next });
      superseded.push(`${folder.adrDir}/${old.file}`);
    }
  }
  const changed = files.filter((f) => readAtHead(state.root, f.path) !== f.content);
  if (changed.length === 0) fail('conflict', `HEAD already holds ${folder.adrDir}/${target.file} as it is; no branch was made.`, 'branch');
  const id = target.number === null ? 'ADR' : `ADR ${padNumber(target.number)}`;
  const verb = readAtHead(state.root, files[0]!.path) === null ? 'Add' : 'Update';
  const body = superseded.length ? `\n\n${superseded.map((f) => `Mark ${f} as superseded.`).join('\n')}\n` : '\n';
  const { commit } = commitOnNewBranch(state.root, name, changed, `${verb} ${id}: ${p.title.replace(/\s+/g, ' ')}${body}`);

  if (p.existing && p.existing.file !== target.file) {
    ctx.sql('DELETE FROM adr_exports WHERE repo = ? AND adr_dir = ? AND file = ?').run(p.existing.repo, p.existing.adr_dir, p.existing.file);
  }
  // Remembered as Verdict's own, so once the branch is merged a later export updates this file in place; the working
  // tree's unedited copy stays ours too, or the next plain export would call it edited.
  const here = readText(folder, target.file);
  const kept = here !== null && p.existing?.file === target.file && isOurs(p.existing, here) ? sha256(here) : null;
  const hashes = [...new Set([sha256(content), kept].filter((h): h is string => h !== null))].join(' ');
  ctx
    .sql('INSERT OR REPLACE INTO adr_exports (decision_id, repo, adr_dir, file, number, profile, sha256, exported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(p.decisionId, folder.root, folder.adrDir, target.file, target.number, folder.profile, hashes, ctx.now());
  const remote = pushRemote(state.root, state.branch);
  const branch = { name, commit, from: state.branch, files: changed.map((f) => f.path), push: `git push -u ${remote} ${name}` };
  const action = p.action === 'update' || p.action === 'unchanged' ? 'updated' : p.action === 'conflict' && !fresh ? 'overwritten' : 'created';
  ctx.record(p.decisionId, 'adr_exported', { file: `${folder.adrDir}/${target.file}`, action, profile: folder.profile, superseded, branch: name, commit });
  return { path: join(folder.path, target.file), file: target.file, number: target.number, profile: folder.profile, action, superseded, notes: p.notes, branch };
}

/** Reads an ADR (any profile, or Verdict's own) into a new decision, ready to re-vote and supersede the record. */
export function importAdr(ctx: Ctx, input: Parsed<'importAdr'>): ImportedAdr {
  let text: string;
  let file: string;
  let path: string | null = null;
  if (input.path !== undefined) {
    if (!isAbsolute(input.path)) fail('invalid_input', `The record must be given by an absolute path (got "${input.path}").`, 'path');
    try {
      path = realpathSync(input.path);
      const kind = statSync(path);
      if (kind.isDirectory()) fail('invalid_input', `${input.path} is a folder, not a record.`, 'path');
      if (!kind.isFile()) fail('invalid_input', `${input.path} is not a regular file (a device or a pipe), not a record.`, 'path');
      // The guarded reader: a FIFO or a device is refused at once, a huge file by its size.
      text = readRepoFile(dirname(path), path);
    } catch (e) {
      if (e instanceof UserError) throw e;
      if (e instanceof UnreadableFile) fail('invalid_input', `Cannot read ${input.path}: ${e.message}.`, 'path');
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'there is no such file' : code === 'EACCES' ? 'Verdict may not read it' : (e as Error).message.replace(/^The encoded data was not valid.*$/, 'it is not UTF-8 text');
      fail('invalid_input', `Cannot read ${input.path}: ${why}.`, 'path');
    }
    file = basename(path);
  } else {
    text = input.text!;
    file = input.name ?? 'record.md';
  }
  if (!file.toLowerCase().endsWith('.md')) fail('invalid_input', `${file} is not a markdown file (.md).`, input.path !== undefined ? 'path' : 'name');
  let read: ReturnType<typeof readAdr>;
  try {
    read = readAdr(file, text);
  } catch (e) {
    return fail('invalid_input', `Cannot read ${file} as an ADR: ${(e as Error).message}.`, input.path !== undefined ? 'path' : 'text');
  }
  const parsed = DecisionDocument.safeParse(read.document);
  if (!parsed.success) fail('invalid_input', `Cannot read ${file} as an ADR: ${invalidInput(parsed.error).message}.`, input.path !== undefined ? 'path' : 'text');
  const decision = importDecision(ctx, { document: parsed.data });
  const notes: string[] = [];
  let supersedes: SupersededRecord | null = null;
  if (path !== null) {
    // The record's own folder, so exporting the new decision there marks this record superseded.
    const dir = dirname(path);
    const folder = detectFolder(dir, { adrDir: relative(detectFolder(dir).root, dir).split(sep).join('/') || '.', format: read.profile });
    supersedes = { repo: folder.root, adrDir: folder.adrDir, file, title: read.document.title, number: read.number };
    ctx
      .sql('INSERT OR REPLACE INTO adr_supersedes (decision_id, repo, adr_dir, file, title, number) VALUES (?, ?, ?, ?, ?, ?)')
      .run(decision.id, folder.root, folder.adrDir, file, read.document.title, read.number);
  } else notes.push('Only the text was read, so Verdict does not know the record’s repository: link it as superseded on the export step.');
  if (read.document.criteria?.length === 0) notes.push('The record lists no weighted criteria: add them before the next vote.');
  ctx.record(decision.id, 'adr_imported', { file, profile: read.profile, supersedes: supersedes && `${supersedes.adrDir}/${file}` });
  return { decision: decisionDetail(ctx, decision.id), profile: read.profile, file, links: read.links, supersedes, notes };
}
