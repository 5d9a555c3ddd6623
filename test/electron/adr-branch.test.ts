// Export on a new branch, in real git repositories: the user's working tree, index, stash, HEAD and branch stay as they were.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../electron/cli/program.ts';
import { djangoWorkshop, lintMarkdown } from '../adr-helpers.ts';
import { ok, openTestService, tempDir } from '../helpers.ts';

const fixtures = join(import.meta.dirname, '../fixtures/adr-repos');
const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

/** A fixture repository with an awkward path, committed, then made dirty in every way git knows. */
function dirtyRepo(name: 'adr-tools-repo' | 'log4brains-repo' | 'madr4-repo'): string {
  const dir = join(tempDir(), `my repo's "ADRs" & $HOME (ü)`);
  cpSync(join(fixtures, name), dir, { recursive: true });
  execFileSync('chmod', ['-R', 'u+w', dir]);
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'Ana Lima');
  git(dir, 'config', 'user.email', 'ana@example.org');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'Records so far');
  // A stash, a staged change with a different unstaged one on top, an edited file and an untracked one.
  writeFileSync(join(dir, 'notes.txt'), 'stashed work\n');
  git(dir, 'add', 'notes.txt');
  git(dir, 'stash', '-q');
  writeFileSync(join(dir, 'staged.txt'), 'staged\n');
  git(dir, 'add', 'staged.txt');
  writeFileSync(join(dir, 'staged.txt'), 'staged, then edited\n');
  writeFileSync(join(dir, 'untracked.md'), '# Not yet added\n');
  return dir;
}

function walk(dir: string, root = dir, out: Record<string, string> = {}): Record<string, string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === '.git') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, root, out);
    else out[relative(root, p)] = readFileSync(p, 'base64');
  }
  return out;
}

/** Everything of the user's that must not change: files, index bytes, stash, HEAD, the current branch, other refs. */
function snapshot(dir: string) {
  return {
    files: walk(dir),
    index: readFileSync(join(dir, '.git/index')).toString('base64'),
    indexTime: statSync(join(dir, '.git/index')).mtimeMs,
    stash: git(dir, 'stash', 'list', '--format=%H %s'),
    head: git(dir, 'rev-parse', 'HEAD'),
    branch: git(dir, 'symbolic-ref', 'HEAD'),
    // --no-optional-locks: our own look must not refresh the index it checks.
    status: git(dir, '--no-optional-locks', 'status', '--porcelain=v1', '--untracked-files=all'),
    refs: git(dir, 'for-each-ref', '--format=%(refname) %(objectname)')
      .split('\n')
      .filter((r) => !/^refs\/heads\/(adr|team)\//.test(r)),
  };
}

describe('exporting on a new branch', () => {
  it('commits the record and the superseded record’s status as one commit, and leaves a dirty repository byte for byte as it was', () => {
    const s = openTestService();
    const w = djangoWorkshop(s);
    const dir = dirtyRepo('adr-tools-repo');
    ok(s, 'linkSupersedesRecord', { decisionId: w.decisionId, repo: dir, file: '0004-add-read-replicas-for-reporting.md' });
    const plan = ok(s, 'previewExport', { decisionId: w.decisionId, repo: dir });
    expect(plan.branch).toEqual({ available: true, name: 'adr/0006-use-django-or-flask-for-the-billing-service', file: '0006-use-django-or-flask-for-the-billing-service.md', current: 'main' });
    const before = snapshot(dir);

    const r = ok(s, 'exportAdr', { decisionId: w.decisionId, repo: dir, branch: true });

    const after = snapshot(dir);
    expect(after).toEqual(before);
    const name = 'adr/0006-use-django-or-flask-for-the-billing-service';
    expect(r.branch).toMatchObject({ name, from: 'main', push: `git push -u origin ${name}` });
    expect(r).toMatchObject({ action: 'created', number: 6, superseded: ['doc/architecture/decisions/0004-add-read-replicas-for-reporting.md'] });
    // Exactly one commit on top of HEAD, touching only the two records.
    expect(git(dir, 'rev-list', `main..${name}`).split('\n')).toEqual([r.branch!.commit]);
    expect(git(dir, 'rev-parse', `${name}^`)).toBe(before.head);
    expect(git(dir, 'diff', '--name-status', 'main', name).split('\n')).toEqual([
      'M\tdoc/architecture/decisions/0004-add-read-replicas-for-reporting.md',
      'A\tdoc/architecture/decisions/0006-use-django-or-flask-for-the-billing-service.md',
    ]);
    expect(git(dir, 'log', '-1', '--format=%an <%ae>%n%s%n%n%b', name)).toBe(
      'Ana Lima <ana@example.org>\nAdd ADR 0006: Use Django or Flask for the billing service\n\nMark doc/architecture/decisions/0004-add-read-replicas-for-reporting.md as superseded.',
    );
    const record = git(dir, 'show', `${name}:doc/architecture/decisions/0006-use-django-or-flask-for-the-billing-service.md`);
    expect(`${record}\n`).toBe(plan.markdown);
    expect(record).toContain('Accepted\n\nSupercedes [4. Add read replicas for reporting](0004-add-read-replicas-for-reporting.md)\n');
    expect(lintMarkdown(`${record}\n`)).toEqual([]);
    const old = git(dir, 'show', `${name}:doc/architecture/decisions/0004-add-read-replicas-for-reporting.md`);
    expect(old).toContain('## Status\n\nSuperceded by [6. Use Django or Flask for the billing service](0006-use-django-or-flask-for-the-billing-service.md)');
  });

  it('leaves records adr-tools still lists and links: its own glob finds them, every link resolves at the branch', () => {
    const s = openTestService();
    const w = djangoWorkshop(s);
    const dir = dirtyRepo('adr-tools-repo');
    ok(s, 'linkSupersedesRecord', { decisionId: w.decisionId, repo: dir, file: '0004-add-read-replicas-for-reporting.md' });
    const { branch } = ok(s, 'exportAdr', { decisionId: w.decisionId, repo: dir, branch: true });
    // adr-tools' `adr list`: ls "$(_adr_dir)"/[0-9][0-9][0-9][0-9]-*.md, the folder read from .adr-dir.
    const adrDir = git(dir, 'show', `${branch!.name}:.adr-dir`);
    const listed = git(dir, 'ls-tree', '--name-only', branch!.name, `${adrDir}/`)
      .split('\n')
      .map((p) => p.slice(adrDir.length + 1))
      .filter((f) => /^\d{4}-.*\.md$/.test(f));
    expect(listed).toHaveLength(6);
    for (const f of listed) {
      const text = git(dir, 'show', `${branch!.name}:${adrDir}/${f}`);
      expect(text.split('\n')[0]).toMatch(/^# \d+\. \S/);
      for (const [, target] of text.matchAll(/\]\(([^)]+\.md)\)/g)) expect(listed, `${f} links ${target}`).toContain(decodeURI(target!));
    }
  });

  it('in a log4brains repository: a dated file whose metadata list names the deciders, as log4brains reads it', () => {
    const s = openTestService();
    const w = djangoWorkshop(s);
    const dir = dirtyRepo('log4brains-repo');
    const before = snapshot(dir);
    const { branch, file } = ok(s, 'exportAdr', { decisionId: w.decisionId, repo: dir, branch: true });
    expect(snapshot(dir)).toEqual(before);
    expect(branch!.name).toBe(`adr/${file.replace(/\.md$/, '')}`);
    const text = git(dir, 'show', `${branch!.name}:docs/adr/${file}`);
    // log4brains: the bullet list between the title and the first "##" holds the metadata.
    const meta = text.slice(text.indexOf('\n'), text.indexOf('\n## ')).trim().split('\n');
    expect(meta).toContain('- Deciders: Ana Lima, Bo Chen');
    expect(meta).toContain('- Status: accepted');
    expect(git(dir, 'log', '-1', '--format=%s', branch!.name)).toBe('Add ADR: Use Django or Flask for the billing service');
  });

  it('follows a branch style the repository already has, and refuses a name that exists, changing nothing', () => {
    const s = openTestService();
    const w = djangoWorkshop(s);
    const dir = dirtyRepo('madr4-repo');
    git(dir, 'branch', 'docs/0003-use-postgresql-with-read-replicas');
    const plan = ok(s, 'previewExport', { decisionId: w.decisionId, repo: dir });
    expect(plan.branch).toMatchObject({ name: 'docs/0004-use-django-or-flask-for-the-billing-service' });
    const before = snapshot(dir);
    for (const [branch, code, message] of [
      ['docs/0003-use-postgresql-with-read-replicas', 'conflict', /already exists/],
      ['bad..name', 'invalid_input', /not a name git accepts/],
      ['-f', 'invalid_input', /not a name git accepts/],
    ] as const) {
      const reply = s.call('exportAdr', { decisionId: w.decisionId, repo: dir, branch });
      expect(reply).toMatchObject({ ok: false, error: { code, field: 'branch', message: expect.stringMatching(message) } });
    }
    expect(snapshot(dir)).toEqual(before);
    expect(ok(s, 'listExports', { decisionId: w.decisionId })).toEqual([]);
  });

  it('says "already exists" only of a branch that exists: a folder clash, a stale lock and a hook each get their own reason', () => {
    const s = openTestService();
    const w = djangoWorkshop(s);
    const dir = dirtyRepo('adr-tools-repo');
    git(dir, 'branch', 'adr');
    // The default name steps around the branch "adr", which would make adr/0006-… impossible.
    const plan = ok(s, 'previewExport', { decisionId: w.decisionId, repo: dir });
    expect(plan.branch).toMatchObject({ name: 'adr-0006-use-django-or-flask-for-the-billing-service' });
    const clash = s.call('exportAdr', { decisionId: w.decisionId, repo: dir, branch: 'adr/0006-x' });
    expect(clash).toMatchObject({ ok: false, error: { code: 'conflict', field: 'branch', message: expect.stringMatching(/^git cannot create the branch adr\/0006-x because a branch called adr exists/) } });
    git(dir, 'branch', 'team/a/b');
    const under = s.call('exportAdr', { decisionId: w.decisionId, repo: dir, branch: 'team/a' });
    expect(under).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/branch team\/a\/b exists/) } });

    writeFileSync(join(dir, '.git/refs/heads/locked.lock'), '');
    const locked = s.call('exportAdr', { decisionId: w.decisionId, repo: dir, branch: 'locked' });
    expect(locked).toMatchObject({ ok: false, error: { code: 'conflict', field: 'branch', message: expect.stringMatching(/^git could not create the branch locked \(.*locked\.lock.*\); nothing was committed\.$/) } });
    expect(locked.ok || locked.error.message).not.toMatch(/already exists/);
    rmSync(join(dir, '.git/refs/heads/locked.lock'));

    writeFileSync(join(dir, '.git/hooks/reference-transaction'), '#!/bin/sh\necho "refs are frozen" >&2\nexit 1\n', { mode: 0o755 });
    const hooked = s.call('exportAdr', { decisionId: w.decisionId, repo: dir, branch: true });
    expect(hooked).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/^git could not create the branch adr-0006-[a-z-]+ \(.*\); nothing was committed\.$/) } });
    expect(hooked.ok || hooked.error.message).not.toMatch(/already exists/);
    rmSync(join(dir, '.git/hooks/reference-transaction'));

    const made = ok(s, 'exportAdr', { decisionId: w.decisionId, repo: dir, branch: true });
    expect(made.branch!.name).toBe('adr-0006-use-django-or-flask-for-the-billing-service');
  });

  it('after a branch update, the working tree’s unchanged copy and the branch’s, once merged, both stay Verdict’s own', () => {
    const s = openTestService();
    const w = djangoWorkshop(s);
    const dir = dirtyRepo('adr-tools-repo');
    const first = ok(s, 'exportAdr', { decisionId: w.decisionId, repo: dir });
    const path = relative(dir, first.path);
    git(dir, 'add', '--', path);
    git(dir, 'commit', '-q', '-m', 'The record', '--', path);
    ok(s, 'updateDecision', { decisionId: w.decisionId, patch: { confirmation: 'The second staff screen ships too.' } });
    const b = ok(s, 'exportAdr', { decisionId: w.decisionId, repo: dir, branch: true });
    expect(b.action).toBe('updated');
    // The working tree still holds the first export, untouched: an update, not an edit.
    expect(ok(s, 'previewExport', { decisionId: w.decisionId, repo: dir })).toMatchObject({ action: 'update', file: first.file });
    // Merged: the working tree now holds the branch's copy, which is Verdict's too.
    writeFileSync(first.path, execFileSync('git', ['show', `${b.branch!.name}:${path}`], { cwd: dir, encoding: 'utf8' }));
    expect(ok(s, 'previewExport', { decisionId: w.decisionId, repo: dir })).toMatchObject({ action: 'unchanged', file: first.file });
  });

  it('refuses to link, on a branch, a superseded record that is not committed, and commits nothing', () => {
    const s = openTestService();
    const w = djangoWorkshop(s);
    const dir = dirtyRepo('adr-tools-repo');
    writeFileSync(join(dir, 'doc/architecture/decisions/0006-keep-reports-in-excel.md'), '# 6. Keep reports in Excel\n\nDate: 2026-11-01\n\n## Status\n\nAccepted\n\n## Context\n\nNobody asked.\n');
    ok(s, 'linkSupersedesRecord', { decisionId: w.decisionId, repo: dir, file: '0006-keep-reports-in-excel.md' });
    const before = snapshot(dir);
    const heads = git(dir, 'for-each-ref', '--format=%(refname)', 'refs/heads');
    const reply = s.call('exportAdr', { decisionId: w.decisionId, repo: dir, branch: true });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'branch', message: '0006-keep-reports-in-excel.md is not committed; commit it first, or unlink it. Nothing was committed.' } });
    expect(snapshot(dir)).toEqual(before);
    expect(git(dir, 'for-each-ref', '--format=%(refname)', 'refs/heads')).toBe(heads);
    expect(ok(s, 'listExports', { decisionId: w.decisionId })).toEqual([]);
  });

  it('refuses to branch from the middle of a rebase, and the plain file export still works', () => {
    const s = openTestService();
    const w = djangoWorkshop(s);
    const dir = dirtyRepo('madr4-repo');
    const rebasing = join(git(dir, 'rev-parse', '--absolute-git-dir').trim(), 'rebase-merge');
    mkdirSync(rebasing);
    const heads = git(dir, 'for-each-ref', '--format=%(refname)', 'refs/heads');
    expect(ok(s, 'previewExport', { decisionId: w.decisionId, repo: dir }).branch).toEqual({ available: false, reason: expect.stringMatching(/^A rebase is in progress/) });
    expect(s.call('exportAdr', { decisionId: w.decisionId, repo: dir, branch: true })).toMatchObject({ ok: false, error: { field: 'branch' } });
    expect(git(dir, 'for-each-ref', '--format=%(refname)', 'refs/heads')).toBe(heads);
    expect(ok(s, 'exportAdr', { decisionId: w.decisionId, repo: dir }).action).toBe('created');
  });

  it('says why it cannot outside a repository or without git, and the plain file export still works', () => {
    const s = openTestService();
    const w = djangoWorkshop(s);
    const plain = tempDir();
    const plan = ok(s, 'previewExport', { decisionId: w.decisionId, repo: plain });
    expect(plan.branch).toEqual({ available: false, reason: expect.stringMatching(/is not inside a git repository/) });
    expect(s.call('exportAdr', { decisionId: w.decisionId, repo: plain, branch: true })).toMatchObject({ ok: false, error: { field: 'branch' } });
    // A bare repository is named as one, with what to do instead.
    const bare = tempDir();
    git(bare, 'init', '--quiet', '--bare');
    expect(ok(s, 'previewExport', { decisionId: w.decisionId, repo: bare }).branch).toEqual({ available: false, reason: expect.stringMatching(/is inside a bare repository .*export into a clone of it/) });
    expect(s.call('exportAdr', { decisionId: w.decisionId, repo: bare, branch: true })).toMatchObject({ ok: false, error: { field: 'branch' } });

    const dir = dirtyRepo('madr4-repo');
    const path = process.env.PATH;
    process.env.PATH = tempDir();
    try {
      expect(ok(s, 'previewExport', { decisionId: w.decisionId, repo: dir }).branch).toEqual({ available: false, reason: expect.stringMatching(/^git is not installed/) });
      expect(s.call('exportAdr', { decisionId: w.decisionId, repo: dir, branch: 'adr/x' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'branch' } });
      expect(ok(s, 'exportAdr', { decisionId: w.decisionId, repo: dir }).action).toBe('created');
    } finally {
      process.env.PATH = path;
    }
    expect(ok(s, 'exportAdr', { decisionId: w.decisionId, repo: plain }).action).toBe('created');
  });

  it('ignores git variables a hook would leave in the environment (GIT_DIR, GIT_INDEX_FILE)', () => {
    const s = openTestService();
    const w = djangoWorkshop(s);
    const dir = dirtyRepo('madr4-repo');
    const other = dirtyRepo('adr-tools-repo');
    const before = { dir: snapshot(dir), other: snapshot(other) };
    const saved = { GIT_DIR: process.env.GIT_DIR, GIT_INDEX_FILE: process.env.GIT_INDEX_FILE };
    Object.assign(process.env, { GIT_DIR: join(other, '.git'), GIT_INDEX_FILE: join(other, '.git/index') });
    try {
      const { branch } = ok(s, 'exportAdr', { decisionId: w.decisionId, repo: dir, branch: true });
      expect(branch!.files).toEqual(['docs/decisions/0004-use-django-or-flask-for-the-billing-service.md']);
    } finally {
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    expect(snapshot(dir)).toEqual(before.dir);
    expect(snapshot(other)).toEqual(before.other);
    expect(git(other, 'branch', '--list', 'adr/*')).toBe('');
  });

  it('verdict export --branch prints the branch and how to push it; --branch NAME takes that name', async () => {
    const dir = dirtyRepo('madr4-repo');
    const db = join(tempDir(), 'cli.db');
    const s = openTestService(db);
    const w = djangoWorkshop(s);
    s.close();
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t), env: {} };
    expect(await run(['--db', db, 'export', String(w.decisionId), '--repo', dir, '--branch', '--dry-run'], io)).toBe(0);
    expect(err.at(-1)).toBe('Would commit docs/decisions/0004-use-django-or-flask-for-the-billing-service.md on a new branch, adr/0004-use-django-or-flask-for-the-billing-service.');
    expect(git(dir, 'branch', '--list', 'adr/*')).toBe('');
    out.length = 0;
    expect(await run(['--db', db, 'export', String(w.decisionId), '--repo', dir, '--branch'], io)).toBe(0);
    expect(out.join('\n')).toContain('Committed docs/decisions/0004-use-django-or-flask-for-the-billing-service.md on a new branch, adr/0004-use-django-or-flask-for-the-billing-service');
    expect(out.join('\n')).toContain('git push -u origin adr/0004-use-django-or-flask-for-the-billing-service');
    expect(await run(['--db', db, 'export', String(w.decisionId), '--repo', dir, '--branch', 'team/billing-adr'], io)).toBe(0);
    expect(git(dir, 'rev-parse', '--verify', 'team/billing-adr')).toMatch(/^[0-9a-f]{40}$/);
    expect(await run(['--db', db, 'export', String(w.decisionId), '--repo', dir, '--branch', 'team/billing-adr'], io)).toBe(1);
    expect(err.at(-1)).toMatch(/^verdict: A branch called team\/billing-adr already exists/);
    expect(git(dir, 'status', '--porcelain')).toBe('A  staged.txt\n?? untracked.md'.replace('A  staged.txt', 'AM staged.txt'));
  });
});
