// 7. Anonymous decisions are anonymous. Two worlds differ only in who cast which ballot: Ana's and Bo's are
// swapped (and in one world the roster lists them the other way round). After the reveal, every answer,
// event, history entry, exported record and phone screen must be the same in both worlds: then none of
// them ties a value or a reason to a person, and "Member 1" cannot be mapped back through the roster.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Doors } from '../../electron/participants/doors.ts';
import type { ChangeEvent } from '../../shared/api.ts';
import type { DoorsState, Seat } from '../../shared/participant.ts';
import type { Reply } from '../../shared/reply.ts';
import { inTurn, ok, openTestService, tempDir } from '../helpers.ts';
import { send } from '../web/http.ts';
import { report } from './report.ts';

const opened: Doors[] = [];
afterEach(async () => {
  for (const d of opened.splice(0)) await d.closeAll();
});

const ballots = {
  x: { scores: [5, 1, 4, 2], why: 'REASON-X the admin saves weeks' },
  y: { scores: [2, 4, 1, 5], why: 'REASON-Y we would fight the ORM' },
};

async function world(anaVotes: 'x' | 'y', roster: 'ana-first' | 'bo-first', beforeReveal: (s: ReturnType<typeof openTestService>, decisionId: number) => Promise<void> = async () => {}) {
  const s = openTestService();
  const d = ok(s, 'createDecision', { title: 'Pick a web framework' });
  ok(s, 'updateDecision', { decisionId: d.id, patch: { anonymous: true } });
  const options = ['Django', 'Flask'].map((name) => ok(s, 'addOption', { decisionId: d.id, name }).id);
  const criteria = ['Productivity', 'Flexibility'].map((name) => ok(s, 'addCriterion', { decisionId: d.id, name, weight: 1 }).id);
  const names = roster === 'ana-first' ? ['Ana', 'Bo'] : ['Bo', 'Ana'];
  const ids = Object.fromEntries(names.map((name) => [name, ok(s, 'addParticipant', { decisionId: d.id, name }).personId])) as Record<'Ana' | 'Bo', number>;
  const events: ChangeEvent[] = [];
  s.feed.subscribe((e) => events.push(e));
  ok(s, 'openRound', { decisionId: d.id });
  // The same casts in the same order in both worlds (Ana first); only whose values they are differs.
  for (const [who, b] of [['Ana', ballots[anaVotes]], ['Bo', ballots[anaVotes === 'x' ? 'y' : 'x']]] as const) {
    let k = 0;
    for (const optionId of options) for (const criterionId of criteria) inTurn(s, 'castScore', { decisionId: d.id, memberId: ids[who], optionId, criterionId, score: b.scores[k++], why: b.why });
    inTurn(s, 'finishBallot', { decisionId: d.id, memberId: ids[who] });
  }
  await beforeReveal(s, d.id);
  ok(s, 'revealRound', { decisionId: d.id });
  ok(s, 'decide', { decisionId: d.id, optionId: ok(s, 'results', { decisionId: d.id }).options[0]!.optionId, status: 'accepted', why: 'the room agreed' });
  s.feed.poll();

  const said: string[] = [];
  for (const [m, input] of [
    ['getDecision', { decisionId: d.id }],
    ['results', { decisionId: d.id }],
    ['progress', { decisionId: d.id }],
    ['listDecisions', {}],
  ] as const) said.push(`${m} ${JSON.stringify(s.call(m, input))}`);

  const repo = tempDir();
  execFileSync('git', ['init', '-q', repo]);
  const done = ok(s, 'exportAdr', { decisionId: d.id, repo, format: 'madr', onConflict: 'refuse' });
  const record = readFileSync(join(repo, done.path.startsWith(repo) ? done.path.slice(repo.length) : done.path), 'utf8');

  // Roster order differs between worlds on purpose; ids and names in the roster are not what is compared.
  const history = ok(s, 'history', { decisionId: d.id }).filter((e) => e.type !== 'participant_added');
  const who = (id: unknown) => (id === ids.Ana ? 'Ana' : id === ids.Bo ? 'Bo' : id);
  const namedEvents = (list: { type: string; data: Record<string, unknown> }[]) => list.map((e) => JSON.stringify({ type: e.type, data: { ...e.data, ...(e.data.memberId ? { memberId: who(e.data.memberId) } : {}) } }));
  return { s, d, ids, said, record, history: namedEvents(history), events: namedEvents(events.filter((e) => e.type !== 'participant_added')) };
}

/** Person ids differ when the roster order does; put names in their place. */
const byName = (w: Awaited<ReturnType<typeof world>>, text: string) => text.replaceAll(`"personId":${w.ids.Ana}`, '"personId":"Ana"').replaceAll(`"personId":${w.ids.Bo}`, '"personId":"Bo"');

describe('anonymous decisions', () => {
  it('no answer, event, history entry or record ties a value or a reason to a person, whoever the roster lists first', async () => {
    const [a, b, c] = [await world('x', 'ana-first'), await world('y', 'ana-first'), await world('y', 'bo-first')].map((w) => ({
      ...w,
      said: w.said.map((t) => byName(w, t).replace(/"(createdAt|updatedAt)":"[^"]+"/g, '')),
    }));
    // Ana's and Bo's ballots swapped: everything is the same.
    expect(a!.said).toEqual(b!.said);
    expect(a!.history).toEqual(b!.history);
    expect(a!.events).toEqual(b!.events);
    expect(a!.record).toBe(b!.record);
    // And with the roster the other way round too: the labels do not follow the roster. (The roster's own
    // listings, participants and progress, follow it by design and carry no values.)
    const valuesOnly = (t: string) => t.replace(/"participants":\[[^\]]*\]/, '').replace(/"progress":\[[^\]]*\]/g, '');
    expect(a!.said.map(valuesOnly)).toEqual(c!.said.map(valuesOnly));
    expect(a!.history).toEqual(c!.history);
    expect(a!.record.replace('Bo, Ana', 'Ana, Bo')).toBe(c!.record.replace('Bo, Ana', 'Ana, Bo'));
    // The comparison had values to find: the reasons are in the results, under member labels.
    const results = a!.said.find((t) => t.startsWith('results'))!;
    expect(results).toContain('REASON-X');
    expect(results).toMatch(/"label":"Member 1"/);
    expect(results).not.toMatch(/"personId":\d/);
    // The record lists who took part, and not who voted what (an anonymous decision's record names nobody
    // beside a vote); the comparison above had the vote's outcome to compare.
    expect(a!.record).toMatch(/Ana/);
    expect(a!.record).toMatch(/Weighted score/);
    expect(a!.record).not.toMatch(/REASON-X.*(Ana|Bo)|(Ana|Bo).*REASON-X/);
    report('anonymous', { worlds: 3, comparedAnswers: a!.said.length * 2, comparedEvents: a!.events.length * 2, comparedHistory: a!.history.length * 2, records: 3, ties: 0 });
  });

  it('a phone shows the same anonymous results whichever member holds it', async () => {
    let state: Reply<DoorsState> | undefined;
    const w = await world('x', 'ana-first', async (s, decisionId) => {
      const doors = new Doors(s, { addresses: () => [{ address: '127.0.0.2', label: 'test' }], ratePerSecond: 1000 });
      opened.push(doors);
      state = (await doors.call('openDoors', { decisionId, host: '127.0.0.2', showResults: true })) as Reply<DoorsState>;
    });
    if (!state?.ok) throw new Error('the doors did not open');
    const { port, joinUrl } = state.value;
    const code = new URL(joinUrl).hash.slice(3);
    const p = async (method: string, body: unknown, token?: string) =>
      (await send(port, { address: '127.0.0.2', path: `/p/api/${method}`, body: JSON.stringify(body), headers: token ? { authorization: `Bearer ${token}` } : {} })).body;
    const seen = [];
    for (const memberId of [w.ids.Ana, w.ids.Bo]) {
      const seat = (JSON.parse(await p('claim', { workshop: code, memberId })) as Reply<Seat>) as { ok: true; value: Seat };
      seen.push(await p('results', {}, seat.value.seat));
    }
    expect(seen[0]).toBe(seen[1]);
    expect(seen[0]).toContain('Member 2');
    expect(seen[0]).not.toMatch(/"personId":\d|Ana|"Bo"/);
  });
});
