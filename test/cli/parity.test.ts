// The command line does what the window does, named the way the window names it, and every command shows an example.
import { describe, expect, it } from 'vitest';
import { examples, leafCommands, commandPath } from '../../electron/cli/examples.ts';
import { buildProgram } from '../../electron/cli/program.ts';
import { tempDir } from '../helpers.ts';
import { cli } from './in-process.ts';
import { join } from 'node:path';


const json = <T>(r: { out: string }) => JSON.parse(r.out) as T;
type Detail = { title: string; context: string; anonymous: boolean; scale: { max: number }; tags: string[]; options: { id: number; name: string; description: string }[]; criteria: { id: number; name: string; weight: number }[]; evidence: { id: number; text: string; source: string }[]; participants: { name: string; role: string }[] };

describe('verdict, beyond the workshop’s core', () => {
  it('edits the decision’s text, scale, weighting and anonymity, and refuses an empty change', async () => {
    const v = cli(join(tempDir(), 'p.db'));
    const id = (await v('new', 'Pick a framework')).out;
    const r = await v('set', id, '--context', 'Billing needs an admin', '--drivers', '* speed', '--confirmation', 'Review in a month', '--consequences-good', 'Less code', '--tags', 'python, web', '--scale', '7', '--aggregation', 'median', '--anonymous', 'on');
    expect(r).toMatchObject({ code: 0, err: '' });
    const d = json<Detail & { drivers: string; confirmation: string; aggregation: string; consequencesGood: string }>(await v('show', id, '--json'));
    expect(d).toMatchObject({ context: 'Billing needs an admin', drivers: '* speed', confirmation: 'Review in a month', consequencesGood: 'Less code', tags: ['python', 'web'], scale: { max: 7 }, aggregation: 'median', anonymous: true });
    expect(await v('set', id)).toMatchObject({ code: 1, err: expect.stringMatching(/^verdict: Say what to change/) });
    expect(await v('set', id, '--anonymous', 'maybe')).toMatchObject({ code: 2, err: expect.stringMatching(/--anonymous must be on or off/) });
    for (const bad of ['42', '4.5', '1e308', '2']) expect(await v('set', id, '--scale', bad)).toMatchObject({ code: 2, err: expect.stringMatching(/the scale must be a whole number from 3 to 10/) });
    expect(json<Detail>(await v('show', id, '--json')).scale.max).toBe(7);
    expect(await v('status', id, 'proposed')).toMatchObject({ code: 0, out: `Decision ${id} is proposed.` });
    expect(await v('status', id, 'bogus')).toMatchObject({ code: 2 });
  });

  it('renames, describes, moves and removes options and criteria, and sets weights', async () => {
    const v = cli(join(tempDir(), 'p.db'));
    const id = (await v('new', 'Pick a framework', '--template', 'django-vs-flask')).out;
    expect((await v('option', 'rename', id, 'flask', 'Flask 3')).out).toBe('Renamed to Flask 3.');
    expect((await v('option', 'describe', id, 'Flask 3', 'Micro')).code).toBe(0);
    const flask = json<Detail>(await v('show', id, '--json')).options.find((o) => o.name === 'Flask 3')!;
    expect((await v('option', 'move', id, 'Flask 3', '1')).out.split('\n')[0]).toBe(`place 1: Flask 3 (id ${flask.id})`);
    expect((await v('criterion', 'weight', id, 'admin interface', '25')).out).toMatch(/now weighs 25/);
    expect(await v('criterion', 'weight', id, 'admin interface', '-1')).toMatchObject({ code: 1, err: expect.stringMatching(/must not be negative/) });
    for (const bad of ['0x10', ' 5', '1e3', 'twenty']) expect(await v('criterion', 'weight', id, 'admin interface', bad)).toMatchObject({ code: 2, err: expect.stringMatching(/must be a number like 20/) });
    expect(await v('criterion', 'weight', id, 'nonsense', '5')).toMatchObject({ code: 1, err: expect.stringMatching(/no criterion "nonsense"; it has /) });
    const before = json<Detail>(await v('show', id, '--json')).criteria.length;
    expect((await v('criterion', 'remove', id, 'Admin interface')).out).toBe('Removed Admin interface.');
    const d = json<Detail>(await v('show', id, '--json'));
    expect(d.criteria).toHaveLength(before - 1);
    expect(d.options[0]).toMatchObject({ name: 'Flask 3', description: 'Micro' });
    expect(await v('option', 'move', id, 'Django', '0')).toMatchObject({ code: 2, err: expect.stringMatching(/the place must be a whole number/) });
  });

  it('adds, edits and removes evidence', async () => {
    const v = cli(join(tempDir(), 'p.db'));
    const id = (await v('new', 'Pick a framework')).out;
    await v('option', 'add', id, 'Django');
    await v('criterion', 'add', id, 'Admin');
    const e = await v('evidence', 'add', id, '--option', 'django', '--criterion', 'admin', 'Ships a full admin', '--source', 'https://docs.djangoproject.com/');
    expect(e.out).toMatch(/^\d+$/);
    expect((await v('evidence', 'edit', e.out, '--text', 'Ships an admin site')).code).toBe(0);
    expect(json<Detail>(await v('show', id, '--json')).evidence).toEqual([expect.objectContaining({ text: 'Ships an admin site', source: 'https://docs.djangoproject.com/' })]);
    expect(await v('evidence', 'edit', e.out)).toMatchObject({ code: 1, err: expect.stringMatching(/Give --text, --source or both/) });
    expect((await v('evidence', 'remove', e.out)).code).toBe(0);
    expect(await v('evidence', 'remove', e.out)).toMatchObject({ code: 1 });
    expect(json<Detail>(await v('show', id, '--json')).evidence).toEqual([]);
  });

  it('changes roles, finishes ballots, cancels a round and shows the history', async () => {
    const v = cli(join(tempDir(), 'p.db'));
    const id = (await v('new', 'Pick a framework')).out;
    await v('option', 'add', id, 'Django');
    await v('option', 'add', id, 'Flask');
    await v('criterion', 'add', id, 'Admin');
    await v('person', 'add', id, 'Ana');
    await v('person', 'add', id, 'Bo');
    expect((await v('person', 'role', id, 'bo', '--role', 'consulted')).out).toBe('Bo takes part as consulted.');
    expect((await v('round', 'open', id)).code).toBe(0);
    await v('vote', id, '--member', 'Ana', '--option', 'Django', '--criterion', 'Admin', '--score', '4');
    expect((await v('ballot', 'finish', id, '--member', 'Ana')).out).toBe('Ana’s ballot is finished: 1 of 2 cells filled.');
    expect((await v('ballot', 'finish', id, '--member', 'Ana', '--reopen')).out).toMatch(/open again/);
    expect((await v('round', 'cancel', id)).out).toMatch(/cancelled/);
    expect((await v('person', 'remove', id, 'Bo')).out).toBe('Bo no longer takes part.');
    const h = (await v('history', id)).out;
    expect(h).toMatch(/on the command line\s+Created/);
    expect(h).toMatch(/Ana: 1 vote cast, ballot finished/);
    expect((await v('history', id, '--all')).out).toMatch(/Ana finished their ballot/);
    expect(h).toMatch(/Round 1 cancelled/);
    // The history names cells, never values.
    expect(h).not.toMatch(/\b4\b.*Django|score 4/);
    expect(json<unknown[]>(await v('history', id, '--json')).length).toBeGreaterThan(5);
  });

  it('deletes to the trash, lists it, restores, and deletes forever only when told twice', async () => {
    const v = cli(join(tempDir(), 'p.db'));
    const id = (await v('new', 'Short-lived')).out;
    expect((await v('delete', id)).out).toMatch(/Moved to the trash: Short-lived/);
    expect((await v('list')).out).not.toContain('Short-lived');
    expect((await v('trash')).out).toContain('Short-lived');
    expect((await v('trash', 'restore', id)).out).toBe('Restored: Short-lived.');
    expect((await v('list')).out).toContain('Short-lived');
    await v('delete', id);
    expect(await v('trash', 'purge', id)).toMatchObject({ code: 1, err: expect.stringMatching(/--yes/) });
    expect((await v('trash', 'list', '--json')).out).toContain('Short-lived');
    expect((await v('trash', 'purge', id, '--yes')).code).toBe(0);
    expect((await v('trash')).out).toBe('The trash is empty.');
  });

  it('rates importance in a weights round, duplicates a decision, and links what it supersedes', async () => {
    const v = cli(join(tempDir(), 'p.db'));
    const id = (await v('new', 'Pick a framework')).out;
    await v('option', 'add', id, 'Django');
    await v('option', 'add', id, 'Flask');
    await v('criterion', 'add', id, 'Admin');
    await v('criterion', 'add', id, 'Speed');
    await v('person', 'add', id, 'Ana');
    await v('set', id, '--weighting', 'voted');
    expect((await v('round', 'open', id, '--kind', 'weights')).code).toBe(0);
    expect((await v('importance', id, '--member', 'ana', '--criterion', 'speed', '--score', '5')).out).toBe('Recorded for Ana: 1 of 2 importances rated.');
    expect(await v('importance', id, '--member', 'ana', '--criterion', 'speed', '--score', '9')).toMatchObject({ code: 1, err: expect.stringMatching(/from 1 to 5/) });
    expect(await v('vote', id, '--member', 'Ana', '--option', 'Django', '--criterion', 'Speed', '--score', '3')).toMatchObject({ code: 1, err: expect.stringMatching(/cast importance, not scores/) });
    const copy = (await v('duplicate', id, '--title', 'Pick a framework again')).out;
    expect(json<Detail>(await v('show', copy, '--json'))).toMatchObject({ title: 'Pick a framework again', options: [{ name: 'Django' }, { name: 'Flask' }] });
    expect((await v('supersede', copy, '--decision', id)).out).toBe(`Decision ${copy} supersedes ${id}.`);
    expect((await v('supersede', copy, '--decision', id, '--undo')).out).toBe(`Decision ${copy} no longer supersedes ${id}.`);
    expect(await v('supersede', copy)).toMatchObject({ code: 1, err: expect.stringMatching(/Give either --decision ID or --record FILE --repo DIR/) });
    expect(await v('supersede', copy, '--record', '0001-x.md')).toMatchObject({ code: 1, err: expect.stringMatching(/--record needs --repo/) });
  });

  it('calls any contract method with JSON, and refuses unknown methods and bad JSON', async () => {
    const v = cli(join(tempDir(), 'p.db'));
    const id = (await v('new', 'Called')).out;
    expect(json<{ title: string }>(await v('call', 'getDecision', `{"decisionId": ${id}}`)).title).toBe('Called');
    expect(json<unknown[]>(await v('call', 'listTemplates', '{}')).length).toBeGreaterThan(0);
    expect(await v('call', 'dropTables', '{}')).toMatchObject({ code: 1, err: 'verdict: Verdict has no method called "dropTables".' });
    expect(await v('call', 'getDecision', '{decisionId: 1}')).toMatchObject({ code: 1, err: expect.stringMatching(/not JSON/) });
    expect(await v('call', 'getDecision', '{"decisionId": "one"}')).toMatchObject({ code: 1, err: expect.stringMatching(/decisionId/) });
  });

  it('shows an example in the help of every command', () => {
    const { program } = buildProgram({ out: () => {}, err: () => {}, env: {} });
    const leaves = leafCommands(program).map(commandPath);
    expect(leaves.filter((p) => !examples[p])).toEqual([]);
    expect(Object.keys(examples).filter((p) => !leaves.includes(p))).toEqual([]);
  });
});
