// ADRs in a team's repository: scan, preview, export (create, update, refuse an edited file) and supersede.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileName } from '../../shared/adr/naming.ts';
import { renderers, type RecordLink } from '../../shared/adr/render.ts';
import { markSuperseded } from '../../shared/adr/supersede.ts';
import type { Parsed } from '../../shared/api.ts';
import { fail } from '../../shared/reply.ts';
import type { AdrExport, AdrFolder, AdrProfile, ExportPlan, ExportResult, RepoScan, SupersededRecord } from '../../shared/types.ts';
import { createRecord, sha256, writeAtomically } from '../adr/write.ts';
import { readRepoFile, UnreadableFile } from '../adr/read.ts';
import { detectFolder, listRecords, nextNumber } from '../adr/scan.ts';
import type { Ctx } from '../context.ts';
import { decisionDetail } from './decisions.ts';
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

function plan(ctx: Ctx, input: Parsed<'previewExport'>): Plan {
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
    if (sha256(current) !== existing.sha256) {
      notes.push(`${existing.file} was edited in the repository since Verdict wrote it on ${existing.exported_at.slice(0, 10)}.`);
      return { ...base, file: existing.file, number: existing.number, action: 'conflict', markdown, notes };
    }
    return { ...base, file: existing.file, number: existing.number, action: markdown === current ? 'unchanged' : 'update', markdown, notes };
  }
  if (existing) notes.push(`${existing.file}, written earlier, is no longer in the repository: a new file will be written.`);
  const number = folder.profile === 'log4brains' ? null : nextNumber(folder);
  return { ...base, file: fileName(folder.profile, number, decision.title, date), number, action: 'create', markdown: render(number), notes };
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
    if (owner && owner.sha256 === sha256(text)) ctx.sql('UPDATE adr_exports SET sha256 = ? WHERE repo = ? AND adr_dir = ? AND file = ?').run(sha256(next), owner.repo, owner.adr_dir, owner.file);
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
