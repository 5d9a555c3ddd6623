import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openService } from '../../electron/service.ts';
import { resultsView } from '../../electron/cli/format.ts';
import { reasonsWorkshop, settledWorkshop } from '../adr-helpers.ts';
import { tempDir } from '../helpers.ts';
import { cli } from './in-process.ts';
import { serve } from './serve.ts';


async function votedWorkshop() {
  const db = join(tempDir(), 'cli.db');
  const v = cli(db);
  const id = (await v('new', 'Pick a framework')).out;
  for (const o of ['Django', 'Flask']) expect((await v('option', 'add', id, o)).code).toBe(0);
  for (const [c, w] of [['Productivity', '4'], ['Flexibility', '3'], ['Ecosystem', '3']] as const) expect((await v('criterion', 'add', id, c, '--weight', w)).code).toBe(0);
  await v('person', 'add', id, 'Ana', '--role', 'facilitator');
  await v('person', 'add', id, 'Bo');
  expect((await v('round', 'open', id)).out).toContain('Round 1 is open');
  const scores: [string, string, number[]][] = [
    ['ana', 'django', [5, 3, 4]],
    ['ana', 'flask', [4, 5, 3]],
    ['Bo', 'Django', [4, 3, 4]],
    ['Bo', 'Flask', [3, 4, 4]],
  ];
  for (const [m, o, s] of scores) {
    for (const [i, c] of ['productivity', 'Flexibility', 'ECOSYSTEM'].entries()) {
      const r = await v('vote', id, '--member', m, '--option', o, '--criterion', c, '--score', String(s[i]), '--why', 'because');
      expect(r.err).toBe('');
    }
  }
  return { v, id, db };
}

describe('the verdict command line', () => {
  it('new prints only the id; list and show read it back', async () => {
    const v = cli(join(tempDir(), 'a.db'));
    const created = await v('new', 'Django or Flask?', '--template', 'django-vs-flask');
    expect(created).toEqual({ code: 0, out: '1', err: '' });
    expect((await v('list')).out).toMatch(/^1 {2}draft {7}Django or Flask\?/);
    const listed = JSON.parse((await v('list', '--json')).out) as { id: number; criterionCount: number }[];
    expect(listed).toMatchObject([{ id: 1, criterionCount: 12 }]);
    expect((await v('show', '1')).out).toContain('Flexibility and control  weight 3');
    expect(JSON.parse((await v('show', '1', '--json')).out)).toMatchObject({ id: 1, options: [{ name: 'Django' }, { name: 'Flask' }] });
  });

  it('runs a whole workshop: hidden votes, reveal, results, decide', async () => {
    const { v, id } = await votedWorkshop();
    const hidden = await v('results', id);
    expect(hidden).toMatchObject({ code: 1, err: 'verdict: Votes are hidden until round 1 is revealed.' });
    expect((await v('show', id, '--json')).out).not.toContain('because');
    expect((await v('round', 'reveal', id)).out).toBe('Round 1 revealed: 0 of 2 had finished.');
    const results = await v('results', id);
    expect(results.out).toContain('1. Django  3.90');
    expect(results.out).toContain('2. Flask  3.80');
    expect(results.out).toContain('+4.4 points on Flexibility');
    expect(results.out).toContain('Django stays first in 71 % of 10,000 plausible weightings.');
    const json = JSON.parse((await v('results', id, '--json')).out) as { options: { name: string; score: number }[] };
    expect(json.options.map((o) => o.name)).toEqual(['Django', 'Flask']);
    expect(await v('decide', id, '--option', 'flask', '--status', 'accepted')).toMatchObject({ code: 1, err: expect.stringContaining('say why you chose it') });
    expect(await v('decide', id, '--option', 'django', '--status', 'accepted')).toEqual({
      code: 0,
      out: 'Decision 1 is accepted: Django.',
      err: "The record will say: because the productivity weighs most in the result, and Django leads Flask there by one point or more. Give the team's own words with --why.",
    });
    expect((await v('list', '--status', 'accepted')).out).toContain('→ Django');
  });

  it('re-votes one criterion by name', async () => {
    const { v, id } = await votedWorkshop();
    await v('round', 'reveal', id);
    expect((await v('round', 'open', id, '--criterion', 'flexibility')).out).toContain('Round 2 is open');
    expect(await v('vote', id, '--member', 'Ana', '--option', 'Django', '--criterion', 'Productivity', '--score', '1')).toMatchObject({
      code: 1,
      err: 'verdict: This round re-votes only "Flexibility", not "Productivity".',
    });
  });

  it('round-trips a decision through show --json and import', async () => {
    const { v, id, db } = await votedWorkshop();
    await v('round', 'reveal', id);
    const file = join(tempDir(), 'decision.json');
    writeFileSync(file, (await v('show', id, '--json')).out);
    const other = cli(join(tempDir(), 'other.db'));
    expect(await other('import', file)).toEqual({ code: 0, out: '1', err: '' });
    expect((await other('results', '1')).out).toBe((await v('results', id)).out);
    void db;
  });

  it('lists what members wrote under each cell to talk about, lines kept, an earlier round’s reason marked', async () => {
    const db = join(tempDir(), 'reasons.db');
    const s = openService(db, { actor: 'test' });
    const w = reasonsWorkshop(s);
    // A reason is typed text: an escape sequence in it never reaches the terminal.
    const r = s.call('results', { decisionId: w.decisionId });
    const d = s.call('getDecision', { decisionId: w.decisionId });
    if (!r.ok || !d.ok) throw new Error('no results');
    const hostile = { ...r.value, votes: r.value.votes.map((v) => (v.why.startsWith('Still') ? { ...v, why: 'red \u001b[31malert\u0007' } : v)) };
    expect(resultsView(hostile, d.value)).toContain('Bo Chen (5): red  [31malert');
    // Nor a bidirectional override that would show it in another order than it was typed.
    const reversed = { ...r.value, votes: r.value.votes.map((v) => (v.why.startsWith('Still') ? { ...v, why: 'ok \u202Ekcatta\u202C \u2067x\u2069' } : v)) };
    expect(resultsView(reversed, d.value)).toContain('Bo Chen (5): ok  kcatta   x ');
    s.close();
    const out = (await cli(db)('results', String(w.decisionId))).out;
    expect(out).toContain(
      [
        '  Flask × Flexibility: range 3, σ 1.25',
        '    Bo Chen (5): Still: we own the glue,',
        `    ${' '.repeat(13)}not a framework`,
        '    Cy Okafor (4, earlier, round 1): Half the *plugins* are <unmaintained> | #sad',
        '    Ana Lima (2, earlier, round 1): We would rebuild the admin',
        `    ${' '.repeat(32)}and the auth ourselves`,
      ].join('\n'),
    );
    expect(out).not.toContain('comes for free');
  });

  it('lists the disagreements a re-vote settled, the range then and now, with their reasons; no name when anonymous', async () => {
    const db = join(tempDir(), 'settled.db');
    const s = openService(db, { actor: 'test' });
    const [named, anonymous] = [settledWorkshop(s), settledWorkshop(s, { anonymous: true })];
    s.close();
    const out = (await cli(db)('results', String(named.decisionId))).out;
    expect(out).toContain(
      [
        'Settled after a re-vote:',
        '  Django × Speed of delivery: 2 to 5 in round 1, now 4 to 5',
        '    Ana Lima (5, earlier, round 1): The admin comes for free (*really*) <b>',
        '    Bo Chen (4): Ana showed us the admin:',
        `    ${' '.repeat(13)}that is weeks we do not spend`,
        '  Flask × Speed of delivery: 1 to 3 in round 1, now all 3',
        '',
      ].join('\n'),
    );
    // After the cells still in dispute, which are not "settled".
    expect(out.indexOf('Talk about these')).toBeLessThan(out.indexOf('Settled after a re-vote'));
    expect(out.slice(out.indexOf('Settled'))).not.toContain('Flask × Flexibility');
    const hidden = (await cli(db)('results', String(anonymous.decisionId))).out;
    const part = hidden.slice(hidden.indexOf('Settled after a re-vote:'));
    expect(part).toMatch(/Member \d \(5, earlier, round 1\): The admin comes for free/);
    expect(part.replace('Ana showed', '')).not.toMatch(/Ana|Lima|Bo Chen|Cy|Okafor/);
  });

  it('answers every mistake with one line on stderr and a non-zero exit', async () => {
    const { v, id } = await votedWorkshop();
    const dir = tempDir();
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"title": ');
    const cases: [string[], RegExp][] = [
      [['show', '999'], /^verdict: There is no decision 999\.$/],
      [['show', 'abc'], /the decision id must be a whole number/],
      [['vote', id, '--member', 'Zoe', '--option', 'Django', '--criterion', 'Ecosystem', '--score', '3'], /no participant "Zoe"; it has Ana, Bo/],
      [['vote', id, '--member', 'Ana', '--option', 'Pyramid', '--criterion', 'Ecosystem', '--score', '3'], /no option "Pyramid"; it has Django, Flask/],
      [['vote', id, '--member', 'Ana', '--option', 'Django', '--criterion', 'Speed', '--score', '3'], /no criterion "Speed"/],
      [['vote', id, '--member', 'Ana', '--option', 'Django', '--criterion', 'Ecosystem', '--score', '9'], /The score must be a whole number from 1 to 5, or "abstain" \(got 9\)/],
      [['vote', id, '--member', 'Ana', '--option', 'Django', '--criterion', 'Ecosystem', '--score', 'high'], /--score must be a whole number or "abstain"/],
      [['vote', id, '--member', 'Ana', '--option', 'Django', '--score', '3'], /required option '--criterion <name>' not specified/],
      [['decide', id, '--option', 'Django', '--status', 'maybe'], /argument 'maybe' is invalid/],
      [['person', 'add', id, 'Cy', '--role', 'boss'], /argument 'boss' is invalid/],
      [['new', ''], /title: must not be empty/],
      [['import', join(dir, 'missing.json')], /Cannot read .*missing\.json as JSON: no such file/],
      [['import', bad], /Cannot read .*bad\.json as JSON/],
      [['frobnicate'], /unknown command 'frobnicate'/],
    ];
    for (const [argv, message] of cases) {
      const r = await v(...argv);
      expect(r.code, argv.join(' ')).not.toBe(0);
      expect(r.err, argv.join(' ')).toMatch(message);
      expect(r.err.split('\n'), argv.join(' ')).toHaveLength(1);
      expect(r.out).toBe('');
    }
  });

  it('show, show --json, results, history and export never print a value before the reveal: two worlds, one output', async () => {
    const world = async (score: string, why: string) => {
      const dir = tempDir();
      const v = cli(join(dir, 'w.db'));
      const id = (await v('new', 'Pick a framework')).out;
      for (const o of ['Django', 'Flask']) await v('option', 'add', id, o);
      await v('criterion', 'add', id, 'Productivity');
      for (const p of ['Ana', 'Bo']) await v('person', 'add', id, p);
      await v('round', 'open', id);
      await v('vote', id, '--member', 'Ana', '--option', 'Django', '--criterion', 'Productivity', '--score', '3', '--why', 'Ana says');
      expect((await v('vote', id, '--member', 'Bo', '--option', 'Flask', '--criterion', 'Productivity', '--score', score, '--why', why)).code).toBe(0);
      const repo = join(dir, 'repo');
      execFileSync('git', ['init', '-q', repo]);
      const said: string[] = [];
      for (const argv of [['show', id], ['show', id, '--json'], ['results', id], ['results', id, '--json'], ['history', id], ['history', id, '--json'], ['export', id, '--repo', repo, '--dry-run'], ['export', id, '--repo', repo]]) {
        const r = await v(...argv);
        // Temp folders and the clock differ between worlds by design.
        said.push(`${argv.join(' ')} → ${r.code} ${r.out} | ${r.err}`.split(dir).join('<dir>').replace(/\d{4}-\d\d-\d\d[T ][\d:.]+Z?/g, '<time>'));
      }
      return said;
    };
    const a = await world('5', 'SECRET-A');
    const b = await world('abstain', 'SECRET-B');
    expect(a).toEqual(b);
    expect(a.join('\n')).not.toMatch(/SECRET/);
    // history does print the votes' cells and who cast them, so the comparison had something to look at.
    expect(a.find((l) => l.startsWith('history') && !l.includes('--json'))).toMatch(/Bo scored Flask on Productivity/);
  });

  it('history prints the window’s lines: one per ballot, round or burst of edits, with the door in words; --all, --kind', async () => {
    const db = join(tempDir(), 'history.db');
    const v = cli(db);
    const id = (await v('new', 'Pick a framework')).out;
    for (const o of ['Django', 'Flask']) await v('option', 'add', id, o);
    for (const c of ['Productivity', 'Flexibility']) await v('criterion', 'add', id, c);
    // Web mode's page writes as "web": the same shared screen as the desktop window.
    const web = openService(db, { actor: 'web' });
    try {
      for (const name of ['Ana', 'Bo']) expect(web.call('addParticipant', { decisionId: Number(id), name }).ok).toBe(true);
    } finally {
      web.close();
    }
    await v('round', 'open', id);
    // Two members' votes taking turns, cell by cell.
    for (const o of ['Django', 'Flask'])
      for (const c of ['Productivity', 'Flexibility'])
        for (const m of ['Ana', 'Bo']) expect((await v('vote', id, '--member', m, '--option', o, '--criterion', c, '--score', '3')).code).toBe(0);
    await v('ballot', 'finish', id, '--member', 'Bo');
    const strip = (out: string) => out.split('\n').map((l) => l.replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d {2}/, '<time>  ').trimEnd());
    const lines = strip((await v('history', id)).out);
    expect(lines).toEqual([
      '<time>  on the command line   Created from the blank template',
      '<time>  on the command line   4 edits: option added: Django; option added: Flask; criterion added: Productivity; …',
      '<time>  at the shared screen  2 edits: participant added: Ana; participant added: Bo',
      '<time>  on the command line   Round 1 opened',
      '<time>  on the command line   Ana: 4 votes cast',
      '<time>  on the command line   Bo: 4 votes cast, ballot finished',
    ]);
    const votes = strip((await v('history', id, '--kind', 'votes', '--all')).out);
    expect(votes).toHaveLength(2 + 4 + 5);
    expect(votes.slice(0, 3)).toEqual(['<time>  on the command line  Ana: 4 votes cast', '    <time>  Ana scored Django on Productivity', '    <time>  Ana scored Django on Flexibility']);
    expect(votes.at(-1)).toBe('    <time>  Bo finished their ballot');
    expect((await v('history', id, '--kind', 'exports')).out).toBe('Nothing of this kind yet.');
    expect(JSON.parse((await v('history', id, '--kind', 'rounds', '--json')).out)).toMatchObject([{ type: 'round_opened', actor: 'cli' }]);
    const wrong = await v('history', id, '--kind', 'ballots');
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/--kind.*ballots.*votes, edits, rounds, exports, other/);
  });

  it('vote takes the member’s turn: refused while that ballot is open on a screen, writing nothing', async () => {
    const { v, id, db } = await votedWorkshop();
    const s = openService(db, { actor: 'screen' });
    try {
      const ana = (s.call('getDecision', { decisionId: Number(id) }) as { ok: true; value: { participants: { personId: number; name: string }[] } }).value.participants[0]!;
      expect(s.call('takeTurn', { decisionId: Number(id), memberId: ana.personId })).toMatchObject({ ok: true });
      const r = await v('vote', id, '--member', 'Ana', '--option', 'Django', '--criterion', 'Ecosystem', '--score', '1');
      expect(r).toMatchObject({ code: 1, out: '', err: expect.stringMatching(/^verdict: Ana’s ballot is open elsewhere/) });
    } finally {
      s.close();
    }
  });

  it('a store error is one line on stderr and a non-zero exit, never a stack trace', () => {
    const bin = join(import.meta.dirname, '../../bin/verdict.mjs');
    const broken = join(tempDir(), 'broken.db');
    expect(execFileSync(process.execPath, [bin, '--db', broken, 'new', 'First'], { encoding: 'utf8' })).toBe('1\n');
    const raw = new Database(broken);
    raw.exec('DROP TABLE events');
    raw.close();
    const garbage = join(tempDir(), 'garbage.db');
    writeFileSync(garbage, 'this is not a database, just text that is long enough to have a header'.repeat(20));
    for (const [db, argv] of [
      [broken, ['new', 'Second']],
      [garbage, ['list']],
      [tempDir(), ['list']],
    ] as const) {
      const r = spawnSync(process.execPath, [bin, '--db', db, ...argv], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr, r.stderr).toMatch(/^verdict: [^\n]+\n$/);
      expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
      expect(r.stdout).toBe('');
    }
  });

  it('has --help for every command', async () => {
    const v = cli(join(tempDir(), 'h.db'));
    for (const argv of [[], ['list'], ['new'], ['show'], ['import'], ['person', 'add'], ['round', 'open'], ['round', 'reveal'], ['vote'], ['results'], ['history'], ['decide'], ['serve']]) {
      const r = await v(...argv, '--help');
      expect(r.code, argv.join(' ')).toBe(0);
      expect(r.out, argv.join(' ')).toMatch(/^Usage: verdict/);
    }
  });

  it('works as the installed bin, with VERDICT_DB pointing at the store', () => {
    const db = join(tempDir(), 'env.db');
    const bin = join(import.meta.dirname, '../../bin/verdict.mjs');
    const env = { ...process.env, VERDICT_DB: db };
    expect(execFileSync(process.execPath, [bin, 'new', 'From the shell'], { env, encoding: 'utf8' })).toBe('1\n');
    expect(execFileSync(process.execPath, [bin, 'list'], { env, encoding: 'utf8' })).toContain('From the shell');
    const failed = spawnSync(process.execPath, [bin, 'results', '7'], { env, encoding: 'utf8' });
    expect(failed.status).toBe(1);
    expect(failed.stderr).toBe('verdict: There is no decision 7.\n');
  });

  it('lets no typed text drive the terminal: escapes and bidi overrides in titles, context, names are spaces; --json keeps them as escapes', () => {
    const db = join(tempDir(), 'hostile.db');
    const s = openService(db, { actor: 'test' });
    const title = 'Use \u202Egnajd\u202C now';
    const d = s.call('createDecision', { title });
    if (!d.ok) throw new Error(d.error.message);
    s.call('updateDecision', { decisionId: d.value.id, patch: { context: 'ctx \u001b[2J\u001b]0;PWNED\u0007 end\nDecision 99 accepted' } });
    s.call('addParticipant', { decisionId: d.value.id, name: 'Ana\u2067x\u2069 \u200F1 - 2\u200F' });
    s.close();
    const bin = join(import.meta.dirname, '../../bin/verdict.mjs');
    const run = (...argv: string[]) => execFileSync(process.execPath, [bin, '--db', db, ...argv], { encoding: 'utf8' });
    for (const out of [run('list'), run('show', '1'), run('history', '1', '--all')]) {
      expect([...out].filter((c) => /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u.test(c) && c !== '\n' && c !== '\t')).toEqual([]);
    }
    // A line of typed text never passes for one of the CLI's own: it stays indented under its start.
    expect(run('show', '1')).toContain('\n  Decision 99 accepted');
    expect(run('show', '1')).toContain('Use  gnajd  now');
    const json = run('show', '1', '--json');
    expect(json).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect((JSON.parse(json) as { title: string }).title).toBe(title);
  });
});

describe('verdict serve', () => {
  const bin = join(import.meta.dirname, '../../bin/verdict.mjs');

  it('serves web mode on the port asked for, and refuses a bad port', async () => {
    const db = join(tempDir(), 'serve.db');
    const bad = spawnSync(process.execPath, [bin, '--db', db, 'serve', '--port', '70000'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toMatch(/^verdict: .*the port must be a number from 0 to 65535/);

    const web = await serve(db);
    try {
      const reply = await fetch(`${web.url}api/createDecision`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"Served"}' });
      expect(await reply.json()).toMatchObject({ ok: true, value: { id: 1 } });
    } finally {
      await web.stop();
    }
    // The server closed the database cleanly: the CLI reads what it wrote.
    expect(execFileSync(process.execPath, [bin, '--db', db, 'list'], { encoding: 'utf8' })).toContain('Served');
  });

  it('reports a database from a newer Verdict in one line, leaving it untouched', async () => {
    const db = join(tempDir(), 'future.db');
    const { default: Database } = await import('better-sqlite3');
    const f = new Database(db);
    f.pragma('user_version = 999');
    f.close();
    const r = spawnSync(process.execPath, [bin, '--db', db, 'list'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/newer Verdict \(schema version 999/);
  });
});

describe('verdict export and scan', () => {
  async function repoWithWorkshop() {
    const { v, id } = await votedWorkshop();
    await v('round', 'reveal', id);
    await v('decide', id, '--option', 'Django', '--status', 'accepted');
    const repo = tempDir();
    execFileSync('git', ['init', '-q', repo]);
    return { v, id, repo };
  }

  it('exports into the repository’s convention and prints the path; --dry-run prints the markdown and writes nothing', async () => {
    const { v, id, repo } = await repoWithWorkshop();
    const dry = await v('export', id, '--repo', repo, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.err).toBe('Would create: docs/decisions/0001-pick-a-framework.md (madr)');
    expect(dry.out).toMatch(/^---\nstatus: accepted\n/);
    expect((await v('scan', '--repo', repo)).out).toContain('no records yet');
    const done = await v('export', id, '--repo', repo);
    expect(done).toEqual({ code: 0, out: join(repo, 'docs/decisions/0001-pick-a-framework.md'), err: '' });
    expect(readFileSync(done.out, 'utf8')).toBe(`${dry.out}\n`);
    const scan = await v('scan', '--repo', repo);
    expect(scan.out).toMatch(/^docs\/decisions \(madr, found by docs\/decisions\)\n {5}1 {2}accepted {4}2026-\d\d-\d\d {2}Pick a framework {2}\(0001-pick-a-framework\.md\)\n {2}next number: 2$/);
    expect(JSON.parse((await v('scan', '--repo', repo, '--json')).out)).toMatchObject({ profile: 'madr', records: [{ number: 1, title: 'Pick a framework' }] });
  });

  it('scans a committed record whose Status line is 200,000 unclosed comments, and answers', { timeout: 20_000 }, async () => {
    const v = cli(join(tempDir(), 's.db'));
    const repo = tempDir();
    execFileSync('git', ['init', '-q', repo]);
    mkdirSync(join(repo, 'docs/decisions'), { recursive: true });
    writeFileSync(join(repo, 'docs/decisions/0001-crafted.md'), `# Crafted\n\n- Status: ${'<!--'.repeat(200_000)}\n`);
    execFileSync('git', ['-C', repo, 'add', '.']);
    execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'crafted']);
    const scan = await v('scan', '--repo', repo);
    expect(scan.code).toBe(0);
    expect(scan.out).toContain('Crafted');
  });

  it('writes the format asked for, and refuses an edited record until told what to do', async () => {
    const { v, id, repo } = await repoWithWorkshop();
    const path = (await v('export', id, '--repo', repo, '--format', 'nygard', '--dir', 'doc/adr')).out;
    expect(readFileSync(path, 'utf8').startsWith('# 1. Pick a framework\n\nDate: ')).toBe(true);
    writeFileSync(path, 'edited by hand\n');
    const refused = await v('export', id, '--repo', repo, '--dir', 'doc/adr');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^verdict: doc\/adr\/0001-pick-a-framework\.md was edited since Verdict wrote it; nothing was written\. Run again with --new-file or --overwrite\.$/);
    expect(readFileSync(path, 'utf8')).toBe('edited by hand\n');
    expect((await v('export', id, '--repo', repo, '--dir', 'doc/adr', '--new-file')).out).toBe(join(repo, 'doc/adr/0002-pick-a-framework.md'));
  });

  it('answers mistakes with one line', async () => {
    const { v, id, repo } = await repoWithWorkshop();
    const cases: [string[], RegExp][] = [
      [['export', id, '--repo', join(repo, 'nope')], /^verdict: The folder .*nope does not exist\.$/],
      [['export', id], /required option '--repo <dir>' not specified/],
      [['export', id, '--repo', repo, '--format', 'word'], /argument 'word' is invalid/],
      [['export', id, '--repo', repo, '--dir', '../out'], /The ADR folder must be a path inside the repository/],
      [['export', id, '--repo', repo, '--new-file', '--overwrite'], /Choose --new-file or --overwrite, not both/],
      [['export', '99', '--repo', repo], /There is no decision 99/],
      [['scan'], /required option '--repo <dir>' not specified/],
    ];
    for (const [argv, message] of cases) {
      const r = await v(...argv);
      expect(r.code, argv.join(' ')).not.toBe(0);
      expect(r.err, argv.join(' ')).toMatch(message);
      expect(r.err.split('\n')).toHaveLength(1);
    }
  });
});
