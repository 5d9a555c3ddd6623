// Reading records back: Verdict → repository → Verdict keeps what the record says, and the three tools' records read too.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../electron/cli/program.ts';
import { profiles } from '../../shared/adr/render.ts';
import { djangoWorkshop } from '../adr-helpers.ts';
import { dump } from '../inputs.ts';
import { ok, openTestService, tempDir } from '../helpers.ts';

const fixtures = join(import.meta.dirname, '../fixtures/adr-repos');

function gitRepo(name?: 'adr-tools-repo' | 'log4brains-repo' | 'madr4-repo'): string {
  const dir = join(tempDir(), 'repo');
  if (name) cpSync(join(fixtures, name), dir, { recursive: true });
  else mkdirSync(dir);
  execFileSync('chmod', ['-R', 'u+w', dir]);
  execFileSync('git', ['init', '-q', dir]);
  return dir;
}

const shares = (criteria: { name: string; weight: number }[]) => {
  const total = criteria.reduce((s, c) => s + c.weight, 0);
  return criteria.map((c) => [c.name, Math.round((c.weight / total) * 1000) / 10]);
};

describe('Verdict → repository → Verdict', () => {
  for (const profile of profiles) {
    it(`${profile}: a decision taken without a vote keeps its criteria and weights too`, () => {
      const s = openTestService();
      const d0 = ok(s, 'createDecision', { title: 'Pick a queue', template: 'django-vs-flask' });
      ok(s, 'decide', { decisionId: d0.id, optionId: d0.options[0]!.id, status: 'accepted', why: 'the team knows it' });
      const original = ok(s, 'getDecision', { decisionId: d0.id });
      const out = ok(s, 'exportAdr', { decisionId: d0.id, repo: gitRepo(), format: profile });
      const back = ok(s, 'importAdr', { path: out.path }).decision;
      expect(shares(back.criteria).sort()).toEqual(shares(original.criteria).sort());
    });

    it(`${profile}: keeps title, options, criteria, weights, status, the reason and the links`, () => {
      const s = openTestService();
      const w = djangoWorkshop(s);
      const dir = gitRepo('adr-tools-repo');
      ok(s, 'linkSupersedesRecord', { decisionId: w.decisionId, repo: dir, file: '0004-add-read-replicas-for-reporting.md' });
      const out = ok(s, 'exportAdr', { decisionId: w.decisionId, repo: dir, format: profile });
      const original = ok(s, 'getDecision', { decisionId: w.decisionId });

      const back = ok(s, 'importAdr', { path: out.path });
      const d = back.decision;
      expect(back.profile).toBe(profile);
      // adr-tools' template has no drivers section: there they are part of the context, and come back in it.
      const context = profile === 'nygard' ? `${original.context}\n\n${original.drivers}` : original.context;
      expect(d).toMatchObject({ title: original.title, status: 'accepted', context, tags: profile === 'nygard' ? [] : original.tags });
      if (profile !== 'nygard') expect(d.drivers).toBe(original.drivers);
      expect(d.options.map((o) => [o.name, o.description])).toEqual(original.options.map((o) => [o.name, o.description]));
      expect(shares(d.criteria)).toEqual(shares(original.criteria));
      expect(d.outcome.rationale).toBe(original.outcome.rationale);
      expect(d.options.find((o) => o.id === d.outcome.optionId)?.name).toBe('Django');
      expect(d.consequencesGood.split('\n')).toEqual(['The refund and invoice screens come from the generated admin.', 'accounts and sessions need no extra packages.'].map((l) => (profile === 'log4brains' ? l[0]!.toUpperCase() + l.slice(1) : l)));
      expect(d.confirmation).toBe(original.confirmation);
      // Who took part comes back with their roles, ready for the next vote (log4brains names only the deciders).
      const people = profile === 'log4brains' ? [['Ana Lima', 'decision-maker'], ['Bo Chen', 'decision-maker']] : [['Ana Lima', 'decision-maker'], ['Bo Chen', 'decision-maker'], ['Cy Okafor', 'consulted'], ['Platform team', 'informed']];
      expect(d.participants.map((p) => [p.name, p.role])).toEqual(people);
      expect(back.links).toEqual({ supersedes: [{ title: 'Add read replicas for reporting', file: '0004-add-read-replicas-for-reporting.md' }], supersededBy: [] });
      // The new decision supersedes the record it came from: its export there says so.
      expect(back.supersedes).toMatchObject({ adrDir: 'doc/architecture/decisions', file: out.file });
      // Ready to re-vote: a round opens on its options, criteria and people.
      expect(ok(s, 'openRound', { decisionId: d.id }).progress.length).toBe(people.filter(([, role]) => role !== 'informed').length);
      ok(s, 'cancelRound', { decisionId: d.id });
      ok(s, 'decide', { decisionId: d.id, optionId: d.outcome.optionId!, status: 'accepted', why: 'we still think so' });
      const again = ok(s, 'previewExport', { decisionId: d.id, repo: dir, format: profile });
      expect(again.supersedes.map((x) => x.file)).toEqual([out.file]);
    });
  }

  it('verdict import-adr FILE prints the new id and what it read', async () => {
    const s0 = openTestService();
    const w = djangoWorkshop(s0);
    const dir = gitRepo('madr4-repo');
    const { path } = ok(s0, 'exportAdr', { decisionId: w.decisionId, repo: dir });
    const db = s0.file;
    s0.close();
    const out: string[] = [];
    const err: string[] = [];
    expect(await run(['--db', db, 'import-adr', path], { out: (t) => out.push(t), err: (t) => err.push(t), env: {} })).toBe(0);
    expect(out).toEqual([String(w.decisionId + 1)]);
    expect(err[0]).toBe('Read 0004-use-django-or-flask-for-the-billing-service.md (madr): "Use Django or Flask for the billing service", accepted, 2 options, 12 criteria.');
    expect(err[1]).toBe('Exporting it into docs/decisions will supersede 0004-use-django-or-flask-for-the-billing-service.md.');
  });
});

describe('records the tools wrote', () => {
  it('adr-tools: title, status and the "Superceded by" link, with no options to invent', () => {
    const s = openTestService();
    const dir = gitRepo('adr-tools-repo');
    const r = ok(s, 'importAdr', { path: join(dir, 'doc/architecture/decisions/0002-use-mysql-for-billing-data.md') });
    expect(r.decision).toMatchObject({ title: 'Use MySQL for billing data', status: 'superseded', options: [], criteria: [] });
    expect(r.links.supersededBy).toEqual([{ title: 'Use PostgreSQL instead of MySQL', file: '0003-use-postgresql-instead-of-mysql.md' }]);
    expect(r.notes).toContain('The record lists no weighted criteria: add them before the next vote.');
  });

  it('MADR 4: options, the chosen one and its reason, consequences, confirmation, drivers', () => {
    const s = openTestService();
    const dir = gitRepo('madr4-repo');
    const { decision: d } = ok(s, 'importAdr', { path: join(dir, 'docs/decisions/0002-use-postgresql-for-billing-data.md') });
    expect(d).toMatchObject({
      title: 'Use PostgreSQL for billing data',
      status: 'superseded',
      context: 'Billing needs transactional storage with strong consistency.',
      drivers: '* Consistency of money movements\n* Reporting queries',
      outcome: { rationale: 'it serves both drivers best' },
      consequencesGood: 'one engine serves every service.',
      consequencesBad: 'operations must learn logical replication.',
      confirmation: 'Reviewed in the architecture board after the first month in production.',
    });
    expect(d.options.map((o) => o.name)).toEqual(['PostgreSQL', 'MySQL']);
    expect(d.options.find((o) => o.id === d.outcome.optionId)?.name).toBe('PostgreSQL');
    expect(d.participants.map((p) => [p.name, p.role])).toEqual([
      ['Ana Lima', 'decision-maker'],
      ['Bo Chen', 'decision-maker'],
      ['Cy Okafor', 'consulted'],
      ['Platform team', 'informed'],
    ]);
  });

  it('log4brains: the filled record reads, the unfilled template’s placeholders do not become options', () => {
    const s = openTestService();
    const dir = gitRepo('log4brains-repo');
    const { decision: d } = ok(s, 'importAdr', { path: join(dir, 'docs/adr/20261123-use-postgresql-for-billing-data.md') });
    expect(d).toMatchObject({ title: 'Use PostgreSQL for billing data', status: 'accepted', tags: ['backend', 'database'], consequencesGood: 'One database engine across services.' });
    expect(d.options.map((o) => o.name)).toEqual(['PostgreSQL', 'MySQL']);
    const draft = ok(s, 'importAdr', { path: join(dir, 'docs/adr/20261123-adopt-celery-for-background-jobs.md') }).decision;
    expect(draft).toMatchObject({ title: 'Adopt Celery for background jobs', status: 'draft', options: [], context: '', outcome: { optionId: null, rationale: '' } });
  });

  it('refuses what is not a record, saying why, and writes nothing', () => {
    const s = openTestService();
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.md'), 'no title here\n');
    writeFileSync(join(dir, 'latin1.md'), Buffer.from([0x23, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x0a]));
    writeFileSync(join(dir, 'data.json'), '{}');
    const before = dump(s);
    for (const [input, message] of [
      [{ path: join(dir, 'notes.md') }, /^Cannot read notes\.md as an ADR: it has no "# Title" line\.$/],
      [{ path: join(dir, 'latin1.md') }, /it is not UTF-8 text/],
      [{ path: join(dir, 'missing.md') }, /there is no such file/],
      [{ path: dir }, /is a folder, not a record/],
      [{ path: join(dir, 'data.json') }, /is not a markdown file/],
      [{ path: 'relative/0001-x.md' }, /absolute path/],
      [{ path: join(dir, 'notes.md'), text: '# T\n' }, /either path or text/],
      [{ text: '# T\n', name: '../0001-x.md' }, /must be a file name/],
    ] as const) {
      expect(s.call('importAdr', input)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(message) } });
    }
    expect(dump(s)).toBe(before);
  });
});
