import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Service } from '../../electron/service.ts';
import { writeAdrCorpus } from '../adr-corpus.ts';
import { djangoWorkshop, lintMarkdown } from '../adr-helpers.ts';
import { ok, openTestService, tempDir } from '../helpers.ts';

const fixtures = join(import.meta.dirname, '../fixtures/adr-repos');

/** A copy of a fixture repository, made a git repository as the real tools' repos are. */
function repo(name?: 'adr-tools-repo' | 'log4brains-repo' | 'madr4-repo', { git = true } = {}): string {
  const dir = join(tempDir(), 'repo');
  if (name) cpSync(join(fixtures, name), dir, { recursive: true });
  else mkdirSync(dir);
  execFileSync('chmod', ['-R', 'u+w', dir]);
  if (git) execFileSync('git', ['init', '-q', dir]);
  return dir;
}

const files = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
const read = (path: string) => readFileSync(path, 'utf8');

function exported(s: Service, decisionId: number, dir: string, extra: Record<string, unknown> = {}) {
  const r = ok(s, 'exportAdr', { decisionId, repo: dir, ...extra });
  const text = read(r.path);
  expect(lintMarkdown(text)).toEqual([]);
  return { ...r, text };
}

describe('scanning repositories made by the real tools', () => {
  it('adr-tools: finds the folder from .adr-dir and reads every record, the mangled title as it is', () => {
    const scan = ok(openTestService(), 'scanRepo', { repo: repo('adr-tools-repo') });
    expect(scan).toMatchObject({ adrDir: 'doc/architecture/decisions', profile: 'nygard', source: '.adr-dir', nextNumber: 6, git: true });
    expect(scan.records.map((r) => [r.number, r.status, r.title])).toEqual([
      [1, 'accepted', 'Record architecture decisions'],
      [2, 'superseded', 'Use MySQL for billing data'],
      [3, 'accepted', 'Use PostgreSQL instead of MySQL'],
      [4, 'accepted', 'Add read replicas for reporting'],
      [5, 'accepted', 'Café décision: use Celery? (queues TITLE workers)'],
    ]);
    expect(scan.records.every((r) => r.date === '2026-11-23' && r.error === null)).toBe(true);
  });

  it('log4brains: the folder from .log4brains.yml, skipping its README, index and template', () => {
    const scan = ok(openTestService(), 'scanRepo', { repo: repo('log4brains-repo') });
    expect(scan).toMatchObject({ adrDir: 'docs/adr', profile: 'log4brains', source: '.log4brains.yml' });
    expect(scan.records.map((r) => [r.file, r.status, r.number])).toEqual([
      // The unfilled template's status is unknown, which log4brains reads as draft.
      ['20261123-adopt-celery-for-background-jobs.md', 'draft', null],
      ['20261123-use-postgresql-for-billing-data.md', 'accepted', null],
    ]);
  });

  it('MADR 4: front matter status and date, the superseded one included', () => {
    const scan = ok(openTestService(), 'scanRepo', { repo: repo('madr4-repo') });
    expect(scan).toMatchObject({ adrDir: 'docs/decisions', profile: 'madr', nextNumber: 4 });
    expect(scan.records.map((r) => [r.number, r.status, r.date])).toEqual([
      [1, 'accepted', '2026-11-02'],
      [2, 'superseded', '2026-11-10'],
      [3, 'accepted', '2026-11-20'],
    ]);
  });

  it('lists a file it cannot read with the reason, never a crash', () => {
    const dir = repo('madr4-repo');
    const adr = join(dir, 'docs/decisions');
    writeFileSync(join(adr, '0007-latin1.md'), Buffer.from([0x23, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x0a]));
    writeFileSync(join(adr, '0008-no-title.md'), 'just text\n');
    writeFileSync(join(adr, '0009-bad-yaml.md'), '---\nstatus: [unclosed\n---\n# T\n');
    writeFileSync(join(adr, '0010-huge.md'), `# Huge\n${'x'.repeat(1024 * 1024)}`);
    const scan = ok(openTestService(), 'scanRepo', { repo: dir });
    const errors = Object.fromEntries(scan.records.filter((r) => r.error).map((r) => [r.file, r.error]));
    expect(errors).toEqual({
      '0007-latin1.md': 'Cannot read 0007-latin1.md: it is not UTF-8 text.',
      '0008-no-title.md': 'Cannot read 0008-no-title.md: it has no "# Title" line.',
      '0009-bad-yaml.md': expect.stringMatching(/^Cannot read 0009-bad-yaml\.md: its front matter is not valid YAML/),
      '0010-huge.md': 'Cannot read 0010-huge.md: it is larger than 1 MiB.',
    });
    expect(scan.nextNumber).toBe(11);
  });

  it('suggests docs/decisions in an empty folder, and says when it is not a git repository', () => {
    const scan = ok(openTestService(), 'scanRepo', { repo: repo(undefined, { git: false }) });
    expect(scan).toMatchObject({ adrDir: 'docs/decisions', profile: 'madr', source: 'none', exists: false, git: false, records: [], nextNumber: 1 });
    expect(scan.notes.join(' ')).toMatch(/not a git repository/);
  });

  it('reads a folder of 1,000 records in mixed profiles', () => {
    const dir = repo();
    const adr = join(dir, 'docs/decisions');
    writeAdrCorpus(adr, 1000);
    const scan = ok(openTestService(), 'scanRepo', { repo: dir });
    expect(scan.records).toHaveLength(1000);
    expect(scan.records.filter((r) => r.error)).toEqual([]);
    expect(scan.nextNumber).toBe(1001);
  });
});

describe('exporting a Django vs Flask workshop', () => {
  it('into an adr-tools repository: numbered after the existing records, in the shape adr-tools reads', () => {
    const s = openTestService();
    const w = djangoWorkshop(s);
    const dir = repo('adr-tools-repo');
    const preview = ok(s, 'previewExport', { decisionId: w.decisionId, repo: dir });
    expect(preview).toMatchObject({ action: 'create', number: 6, file: '0006-use-django-or-flask-for-the-billing-service.md', folder: { profile: 'nygard' } });
    const r = exported(s, w.decisionId, dir);
    expect(r).toMatchObject({ action: 'created', number: 6, file: preview.file, profile: 'nygard' });
    expect(r.path).toBe(join(dir, 'doc/architecture/decisions', preview.file));
    expect(r.text).toBe(preview.markdown);
    const lines = r.text.split('\n');
    expect(lines[0]).toBe('# 6. Use Django or Flask for the billing service');
    expect(lines[2]).toBe('Date: 2026-11-23');
    expect(r.text).toMatch(/^## Status\n\nAccepted\n\n## Context\n/m);
    expect(r.text).toContain('We will use Django, because its built-in admin, authentication and ORM cover our heaviest criteria.');
    expect(r.text).toMatch(/Weighted score \d\.\d\d of 5, first of 2; Flask \d\.\d\d \(margin \d\.\d\d\)\. The result is (robust|fragile): the smallest weight change/);
    expect(r.text).toContain('| Flexibility and control | 9.1 % | 2.00 ± 0.00 | 4.00 ± 0.00 |');
    expect(r.text).toContain('Two voting rounds: round 1 on all criteria (3 ballots, revealed together); round 2 a re-vote of Flexibility and control (3 ballots, revealed together).');
    expect(r.text).toContain('Each member’s own weighted score (Django / Flask): Ana Lima 4.73 / 2.18,');
    expect(r.text).toContain('Decided by Ana Lima and Bo Chen, with Cy Okafor consulted; Platform team informed.');
    expect(r.text).toContain('* Good, because The refund and invoice screens come from the generated admin.');
    expect(files(join(dir, 'doc/architecture/decisions'))).toHaveLength(6);
    const scan = ok(s, 'scanRepo', { repo: dir });
    expect(scan.records.at(-1)).toMatchObject({ number: 6, title: 'Use Django or Flask for the billing service', status: 'accepted', date: '2026-11-23' });
    expect(ok(s, 'history', { decisionId: w.decisionId }).at(-1)).toMatchObject({ type: 'adr_exported', data: { action: 'created', profile: 'nygard' } });
  });

  it('into a MADR repository: front matter with the roles, MADR headings in order', () => {
    const s = openTestService();
    const w = djangoWorkshop(s);
    const r = exported(s, w.decisionId, repo('madr4-repo'));
    expect(r.file).toBe('0004-use-django-or-flask-for-the-billing-service.md');
    expect(r.text.startsWith('---\nstatus: accepted\ndate: 2026-11-23\ndecision-makers: Ana Lima, Bo Chen\nconsulted: Cy Okafor\ninformed: Platform team\n---\n\n# Use Django or Flask for the billing service\n')).toBe(true);
    const headings = r.text.split('\n').filter((l) => /^##? /.test(l));
    expect(headings).toEqual([
      '# Use Django or Flask for the billing service',
      '## Context and Problem Statement',
      '## Decision Drivers',
      '## Considered Options',
      '## Decision Outcome',
      '## Pros and Cons of the Options',
      '## More Information',
    ]);
    expect(r.text).toContain('the heaviest are Database layer / ORM, Authentication and Best fit, at 12.1 % each.');
    expect(r.text).toContain('### Consequences\n\n* Good, because');
    expect(r.text).toContain('### Confirmation\n\nThe first staff screen ships');
    expect(r.text).toContain('Facilitated by Dee Facil.');
  });

  it('into a log4brains repository: named by date, metadata as bullets, no front matter', () => {
    const s = openTestService();
    const w = djangoWorkshop(s);
    const r = exported(s, w.decisionId, repo('log4brains-repo'));
    expect(r).toMatchObject({ file: '20261123-use-django-or-flask-for-the-billing-service.md', number: null, profile: 'log4brains' });
    expect(r.text.startsWith('# Use Django or Flask for the billing service\n\n- Status: accepted\n- Deciders: Ana Lima, Bo Chen\n- Date: 2026-11-23\n- Tags: python, web-framework\n\n## Context and Problem Statement\n')).toBe(true);
    expect(r.text).toContain('### Positive Consequences\n\n- The refund and invoice screens');
    expect(r.text).not.toMatch(/^\* /m);
    // A second record with the same title on the same day gets its own name.
    const copy = ok(s, 'duplicateDecision', { decisionId: w.decisionId, title: 'Use Django or Flask for the billing service' });
    expect(exported(s, copy.id, join(r.path, '../../..')).file).toBe('20261123-use-django-or-flask-for-the-billing-service-2.md');
  });

  it('follows the format and folder the user chooses over the detected ones', () => {
    const s = openTestService();
    const w = djangoWorkshop(s);
    const dir = repo('madr4-repo');
    const r = exported(s, w.decisionId, dir, { format: 'nygard', adrDir: 'architecture/adr' });
    expect(r.path).toBe(join(dir, 'architecture/adr/0001-use-django-or-flask-for-the-billing-service.md'));
    expect(r.text.startsWith('# 1. ')).toBe(true);
  });
});

describe('numbering and re-export', () => {
  it('takes the largest number + 1 at write time, even when a file appeared since the preview', () => {
    const s = openTestService();
    const w = djangoWorkshop(s);
    const dir = repo('madr4-repo');
    expect(ok(s, 'previewExport', { decisionId: w.decisionId, repo: dir }).number).toBe(4);
    writeFileSync(join(dir, 'docs/decisions/0004-from-another-branch.md'), '# From another branch\n');
    writeFileSync(join(dir, 'docs/decisions/0009-manual.md'), '# Manual\n');
    const r = exported(s, w.decisionId, dir);
    expect(r.number).toBe(10);
    expect(r.file).toMatch(/^0010-/);
    expect(read(join(dir, 'docs/decisions/0004-from-another-branch.md'))).toBe('# From another branch\n');
  });

  it('updates its own unchanged file in place, says when nothing changed, and never renumbers', () => {
    const s = openTestService();
    const w = djangoWorkshop(s);
    const dir = repo('adr-tools-repo');
    const first = exported(s, w.decisionId, dir);
    expect(ok(s, 'exportAdr', { decisionId: w.decisionId, repo: dir })).toMatchObject({ action: 'unchanged', file: first.file });
    writeFileSync(join(dir, 'doc/architecture/decisions/0007-later.md'), '# 7. Later\n');
    ok(s, 'updateDecision', { decisionId: w.decisionId, patch: { context: 'New context after review.' } });
    expect(ok(s, 'previewExport', { decisionId: w.decisionId, repo: dir }).action).toBe('update');
    const second = exported(s, w.decisionId, dir);
    expect(second).toMatchObject({ action: 'updated', file: first.file, number: 6 });
    expect(second.text).toContain('New context after review.');
    expect(ok(s, 'listExports', { decisionId: w.decisionId })).toMatchObject([{ file: first.file, number: 6, profile: 'nygard', adrDir: 'doc/architecture/decisions' }]);
    expect(ok(s, 'listDecisions', {})[0]).toMatchObject({ adrNumber: 6, adrFile: `doc/architecture/decisions/${first.file}` });
  });

  it('refuses to overwrite a file edited in the repository, then writes a new file or overwrites only when asked', () => {
    const s = openTestService();
    const w = djangoWorkshop(s);
    const dir = repo('madr4-repo');
    const first = exported(s, w.decisionId, dir);
    const edited = `${first.text}\nA note someone added in a pull request.\n`;
    writeFileSync(first.path, edited);
    ok(s, 'updateDecision', { decisionId: w.decisionId, patch: { confirmation: 'Reviewed after three months.' } });
    expect(ok(s, 'previewExport', { decisionId: w.decisionId, repo: dir }).action).toBe('conflict');
    const refused = s.call('exportAdr', { decisionId: w.decisionId, repo: dir });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', field: 'onConflict', message: expect.stringContaining('was edited since Verdict wrote it; nothing was written') } });
    expect(read(first.path)).toBe(edited);

    const fresh = exported(s, w.decisionId, dir, { onConflict: 'new-file' });
    expect(fresh).toMatchObject({ action: 'created', number: 5 });
    expect(read(first.path)).toBe(edited);

    writeFileSync(fresh.path, 'edited again\n');
    const forced = exported(s, w.decisionId, dir, { onConflict: 'overwrite' });
    expect(forced).toMatchObject({ action: 'overwritten', file: fresh.file });
    expect(forced.text).toContain('Reviewed after three months.');
  });

  it('refuses to export while a round is open, so no hidden vote reaches a file', () => {
    const s = openTestService();
    const w = djangoWorkshop(s);
    ok(s, 'openRound', { decisionId: w.decisionId });
    const dir = repo('madr4-repo');
    expect(s.call('exportAdr', { decisionId: w.decisionId, repo: dir })).toMatchObject({ ok: false, error: { code: 'round_open' } });
    expect(files(join(dir, 'docs/decisions'))).toHaveLength(3);
  });
});

describe('supersede', () => {
  it('adr-tools: the new record says Supercedes, the old one loses Accepted and says Superceded by', () => {
    const s = openTestService();
    const w = djangoWorkshop(s);
    const dir = repo('adr-tools-repo');
    ok(s, 'linkSupersedesRecord', { decisionId: w.decisionId, repo: dir, file: '0003-use-postgresql-instead-of-mysql.md' });
    const r = exported(s, w.decisionId, dir);
    expect(r.superseded).toEqual(['doc/architecture/decisions/0003-use-postgresql-instead-of-mysql.md']);
    expect(r.text).toContain('## Status\n\nAccepted\n\nSupercedes [3. Use PostgreSQL instead of MySQL](0003-use-postgresql-instead-of-mysql.md)\n');
    const old = read(join(dir, 'doc/architecture/decisions/0003-use-postgresql-instead-of-mysql.md'));
    expect(old).toContain(
      '## Status\n\nSuperceded by [6. Use Django or Flask for the billing service](0006-use-django-or-flask-for-the-billing-service.md)\n\nSupercedes [2. Use MySQL for billing data](0002-use-mysql-for-billing-data.md)\n\nAmended by [4. Add read replicas for reporting](0004-add-read-replicas-for-reporting.md)\n\n## Context',
    );
    expect(ok(s, 'scanRepo', { repo: dir }).records[2]).toMatchObject({ number: 3, status: 'superseded' });
    // Exporting again changes nothing more in the old record.
    exported(s, w.decisionId, dir);
    expect(read(join(dir, 'doc/architecture/decisions/0003-use-postgresql-instead-of-mysql.md'))).toBe(old);
  });

  it('MADR: the old record’s status becomes "superseded by ADR-NNNN"; the new one links to it', () => {
    const s = openTestService();
    const w = djangoWorkshop(s);
    const dir = repo('madr4-repo');
    ok(s, 'linkSupersedesRecord', { decisionId: w.decisionId, repo: dir, file: '0003-use-postgresql-with-read-replicas.md' });
    const r = exported(s, w.decisionId, dir);
    expect(r.text).toContain('* Supersedes [ADR-0003: Use PostgreSQL with read replicas for billing data](0003-use-postgresql-with-read-replicas.md)');
    const old = read(join(dir, 'docs/decisions/0003-use-postgresql-with-read-replicas.md'));
    expect(old.startsWith('---\nstatus: "superseded by ADR-0004"\ndate: 2026-11-20\n')).toBe(true);
    expect(lintMarkdown(old)).toEqual([]);
  });

  it('log4brains: "- Status: superseded by" with a link', () => {
    const s = openTestService();
    const w = djangoWorkshop(s);
    const dir = repo('log4brains-repo');
    ok(s, 'linkSupersedesRecord', { decisionId: w.decisionId, repo: dir, file: '20261123-use-postgresql-for-billing-data.md' });
    const r = exported(s, w.decisionId, dir);
    expect(r.text).toContain('## Links\n\n- Supersedes [Use PostgreSQL for billing data](20261123-use-postgresql-for-billing-data.md)');
    const old = read(join(dir, 'docs/adr/20261123-use-postgresql-for-billing-data.md'));
    expect(old).toContain(`- Status: superseded by [Use Django or Flask for the billing service](${r.file})\n- Deciders: Ana Lima, Bo Chen`);
  });

  it('between two Verdict decisions: both records link, and the old one stays Verdict’s to update', () => {
    const s = openTestService();
    const old = djangoWorkshop(s, 'Use Flask for the billing service');
    const dir = repo('adr-tools-repo');
    const oldFile = exported(s, old.decisionId, dir);
    const next = djangoWorkshop(s, 'Use Django for the billing service');
    ok(s, 'linkSupersedes', { decisionId: next.decisionId, supersededId: old.decisionId });
    const r = exported(s, next.decisionId, dir);
    expect(r.text).toContain(`Supercedes [6. Use Flask for the billing service](${oldFile.file})`);
    expect(read(oldFile.path)).toContain(`Superceded by [7. Use Django for the billing service](${r.file})`);
    expect(ok(s, 'getDecision', { decisionId: old.decisionId }).status).toBe('superseded');
    // The old decision's own re-export renders exactly what the status edit wrote: no conflict, nothing to change.
    const again = exported(s, old.decisionId, dir);
    expect(again.action).toBe('unchanged');
    expect(again.text).toMatch(/## Status\n\nSuperceded by \[7\. Use Django for the billing service\]/);
  });

  it('refuses a file that is not a record of that folder', () => {
    const s = openTestService();
    const w = djangoWorkshop(s);
    expect(s.call('linkSupersedesRecord', { decisionId: w.decisionId, repo: repo('madr4-repo'), file: '../../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'file' } });
  });
});

describe('hostile titles and folders', () => {
  it.each([
    ['../../etc/passwd', '0001-etc-passwd.md'],
    ['a/b\\c:d*e?f', '0001-a-b-c-d-e-f.md'],
    ['...', '0001-decision.md'],
    ['Café décision', '0001-cafe-decision.md'],
    ['日本語の決定', '0001-decision.md'],
    ['x'.repeat(200), `0001-${'x'.repeat(60)}.md`],
    [`${'word '.repeat(30)}end`, `0001-${'word-'.repeat(11)}word.md`],
  ])('title %j is written as %s inside the ADR folder', (title, file) => {
    const s = openTestService();
    const d = ok(s, 'createDecision', { title });
    const dir = repo();
    const r = exported(s, d.id, dir);
    expect(r.file).toBe(file);
    expect(r.path).toBe(join(dir, 'docs/decisions', file));
  });

  it('refuses an ADR folder that is a link to outside the repository, writing nothing', () => {
    const s = openTestService();
    const d = ok(s, 'createDecision', { title: 'Escape' });
    const dir = repo();
    const outside = tempDir();
    mkdirSync(join(dir, 'docs'));
    symlinkSync(outside, join(dir, 'docs/decisions'));
    expect(s.call('exportAdr', { decisionId: d.id, repo: dir })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'adrDir', message: expect.stringContaining('leads outside the repository') } });
    expect(s.call('exportAdr', { decisionId: d.id, repo: dir, adrDir: '../elsewhere' })).toMatchObject({ ok: false, error: { field: 'adrDir' } });
    expect(s.call('exportAdr', { decisionId: d.id, repo: dir, adrDir: '/tmp' })).toMatchObject({ ok: false, error: { field: 'adrDir' } });
    expect(readdirSync(outside)).toEqual([]);
  });

  it('refuses a record file that is a link out of the repository when scanning', () => {
    const dir = repo('madr4-repo');
    const secret = join(tempDir(), 'secret.md');
    writeFileSync(secret, '# Secret\n');
    symlinkSync(secret, join(dir, 'docs/decisions/0005-link.md'));
    const scan = ok(openTestService(), 'scanRepo', { repo: dir });
    expect(scan.records.find((r) => r.file === '0005-link.md')).toMatchObject({ error: 'Cannot read 0005-link.md: it is a link to a file outside the repository.', title: null });
  });

  it('says clearly when the folder is missing, relative or a file', () => {
    const s = openTestService();
    const d = ok(s, 'createDecision', { title: 'T' });
    const dir = repo();
    writeFileSync(join(dir, 'file.txt'), 'x');
    expect(s.call('exportAdr', { decisionId: d.id, repo: join(dir, 'missing') })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'repo' } });
    expect(s.call('exportAdr', { decisionId: d.id, repo: 'relative/path' })).toMatchObject({ ok: false, error: { field: 'repo', message: expect.stringContaining('absolute') } });
    expect(s.call('exportAdr', { decisionId: d.id, repo: join(dir, 'file.txt') })).toMatchObject({ ok: false, error: { field: 'repo' } });
  });

  it('works outside git, with a note', () => {
    const s = openTestService();
    const d = ok(s, 'createDecision', { title: 'No git here' });
    const r = ok(s, 'exportAdr', { decisionId: d.id, repo: repo(undefined, { git: false }) });
    expect(existsSync(r.path)).toBe(true);
    expect(r.notes.join(' ')).toMatch(/not a git repository/);
  });

  it('leaves no temporary file behind', () => {
    const s = openTestService();
    const w = djangoWorkshop(s);
    const dir = repo('madr4-repo');
    exported(s, w.decisionId, dir);
    expect(readdirSync(join(dir, 'docs/decisions')).filter((f) => f.includes('verdict-tmp'))).toEqual([]);
    chmodSync(join(dir, 'docs/decisions'), 0o755);
  });
});
