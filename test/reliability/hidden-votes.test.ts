// 6. Hidden votes cannot leak. Two worlds are built alike, except that one member (Bo) casts different hidden
// values in each. Before the reveal, every read method, every event, every history entry, every export attempt
// and every answer of every door (dispatch, IPC, HTTP, the participant door) must be the same in both worlds:
// then none of them can carry those values. The curious person in the room asks for Bo's own ballot too,
// without a turn, with a made-up one, with Ana's, and with a fresh turn of Bo's own taken at the screen.
import { afterEach, describe, expect, it } from 'vitest';
import { registerIpc, channelOf, trustedPage, type InvokeEventLike, type IpcMainLike } from '../../electron/ipc.ts';
import { Doors } from '../../electron/participants/doors.ts';
import { startWebServer } from '../../electron/web/server.ts';
import { methods, methodNames, type Method } from '../../shared/api.ts';
import type { ChangeEvent } from '../../shared/api.ts';
import type { DoorsState, Seat } from '../../shared/participant.ts';
import type { Reply } from '../../shared/reply.ts';
import { inTurn, ok, turnOf } from '../helpers.ts';
import { setup } from '../inputs.ts';
import { send } from '../web/http.ts';
import { report } from './report.ts';

const reads = methodNames.filter((m) => !methods[m].writes);

type Kind = 'scores' | 'weights';

/** How Bo left his ballot: finished (sealed), or closed with Esc before finishing. */
type Left = 'finished' | 'escaped';

const opened: Doors[] = [];
afterEach(async () => {
  for (const d of opened.splice(0)) await d.closeAll();
});

function world(kind: Kind, secret: { score: number | 'abstain'; why: string }, left: Left = 'finished') {
  const { s, valid } = setup();
  const decisionId = valid.getDecision.decisionId as number;
  const d = ok(s, 'getDecision', { decisionId });
  const [ana, bo] = d.participants.map((p) => p.personId) as [number, number];
  const events: ChangeEvent[] = [];
  s.feed.subscribe((e) => events.push(e));
  if (kind === 'weights') ok(s, 'updateDecision', { decisionId, patch: { weighting: 'voted' } });
  ok(s, 'openRound', { decisionId, kind });
  for (const c of d.criteria) {
    if (kind === 'scores') {
      for (const o of d.options) {
        inTurn(s, 'castScore', { decisionId, memberId: ana, optionId: o.id, criterionId: c.id, score: 3, why: 'Ana says so' });
        inTurn(s, 'castScore', { decisionId, memberId: bo, optionId: o.id, criterionId: c.id, score: secret.score, why: secret.why });
      }
    } else {
      inTurn(s, 'castImportance', { decisionId, memberId: ana, criterionId: c.id, importance: 3, why: 'Ana says so' });
      // Only the first criterion's importance differs, so the revealed weights differ too.
      inTurn(s, 'castImportance', { decisionId, memberId: bo, criterionId: c.id, importance: c.id === d.criteria[0]!.id ? secret.score : 2, why: secret.why });
    }
  }
  if (left === 'finished') inTurn(s, 'finishBallot', { decisionId, memberId: bo, done: true });
  else ok(s, 'endTurn', { decisionId, turn: turnOf(s, decisionId, bo) });
  // Ana is still at the screen: her turn stays held.
  s.feed.poll();
  return { s, valid, kind, ana, bo, decisionId, events, repo: valid.scanRepo.repo as string };
}

type World = ReturnType<typeof world>;
/** A door: one call in, one reply out. */
type Door = (name: string, input: unknown) => Promise<unknown>;

/** Random tokens differ between worlds by design; nothing else may. */
const tokens = (text: string) => text.replace(/"[A-Za-z0-9_-]{22}"/g, '"<token>"');

/**
 * What a curious person at the screen (or at a keyboard driving any door) tries, for each member: the
 * ballot bare, with a made-up turn, with another member's turn, with a fresh turn of the member's own, a
 * second screen's try at the same turn, and votes and a finish without the right turn. The turns are
 * given back at the end, so the next door starts from the same state.
 */
async function attack(w: World, door: Door): Promise<string[]> {
  const said: string[] = [];
  const ask = async (name: string, input: Record<string, unknown>) => {
    const reply = (await door(name, { decisionId: w.decisionId, ...input })) as Reply<{ turn?: string }>;
    said.push(`${name} ${tokens(JSON.stringify(reply))}`);
    return reply;
  };
  const fake = 'F'.repeat(22);
  const anaTurn = turnOf(w.s, w.decisionId, w.ana);
  for (const memberId of [w.ana, w.bo]) {
    const [cast, clear, cell] =
      w.kind === 'scores'
        ? (['castScore', 'clearScore', { memberId, optionId: w.valid.castScore.optionId, criterionId: w.valid.castScore.criterionId, score: 1 }] as const)
        : (['castImportance', 'clearImportance', { memberId, criterionId: w.valid.castImportance.criterionId, importance: 1 }] as const);
    await ask('ballot', { memberId });
    await ask('ballot', { memberId, turn: fake });
    if (memberId !== w.ana) await ask('ballot', { memberId, turn: anaTurn });
    await ask(cast, cell);
    await ask(cast, { ...cell, turn: fake });
    await ask('finishBallot', { memberId, turn: fake });
    const { score: _s, importance: _i, ...where } = cell as Record<string, unknown>;
    await ask(clear, { ...where, turn: memberId === w.ana ? fake : anaTurn });
    const taken = await ask('takeTurn', { memberId });
    if (taken.ok) {
      const turn = taken.value.turn!;
      const seen = await ask('ballot', { memberId, turn });
      expect(JSON.stringify(seen)).not.toMatch(/SECRET|"why"|"sealed":false/);
      expect(JSON.stringify(seen)).toMatch(/"sealed":true/);
      await ask('takeTurn', { memberId });
      await ask('endTurn', { turn });
    }
  }
  return said;
}

async function ipcDoor(w: World): Promise<Door> {
  const handlers = new Map<string, (event: InvokeEventLike, raw: unknown) => unknown>();
  const ipcMain: IpcMainLike = { handle: (channel, listener) => void handlers.set(channel, listener), removeHandler: (channel) => void handlers.delete(channel) };
  const page = 'file:///opt/Verdict/out/renderer/index.html';
  registerIpc(ipcMain, w.s, trustedPage(page));
  return async (name, input) => handlers.get(channelOf(name))!({ senderFrame: { url: page } }, input);
}

const ADDRESS = '127.0.0.2';

/** The participant door: whoever has the join code takes Ana's seat and Bo's, and asks and casts as them. */
async function phones(w: World): Promise<string[]> {
  const doors = new Doors(w.s, { addresses: () => [{ address: ADDRESS, label: 'test' }], ratePerSecond: 1000 });
  opened.push(doors);
  const state = (await doors.call('openDoors', { decisionId: w.decisionId, host: ADDRESS, showResults: false })) as Reply<DoorsState>;
  if (!state.ok) throw new Error(state.error.message);
  const code = new URL(state.value.joinUrl).hash.slice(3);
  const said: string[] = [];
  const p = async (method: string, body: unknown, token?: string) => {
    const a = await send(state.value.port, { address: ADDRESS, path: `/p/api/${method}`, body: JSON.stringify(body), headers: token ? { authorization: `Bearer ${token}` } : {} });
    said.push(`${method} ${a.status} ${tokens(a.body)}`);
    return JSON.parse(a.body) as Reply<unknown>;
  };
  for (const memberId of [w.ana, w.bo]) {
    const claimed = (await p('claim', { workshop: code, memberId })) as Reply<Seat>;
    if (!claimed.ok) continue;
    const seat = claimed.value.seat;
    await p('frame', {}, seat);
    const b = await p('ballot', {}, seat);
    expect(JSON.stringify(b)).not.toMatch(/SECRET/);
    await p('results', {}, seat);
    await p('finish', { done: false }, seat);
    await p('ballot', {}, seat);
    await p('finish', { done: true }, seat);
    await p('ballot', {}, seat);
  }
  await doors.closeAll();
  return said;
}

/** The same call in both worlds; temp paths differ by design, so they are written alike. */
const normal = (text: string, repo: string) => text.split(repo).join('<repo>');

describe('hidden votes cannot leak', () => {
  const cases = (['scores', 'weights'] as const).flatMap((kind) => (['finished', 'escaped'] as const).map((left) => [kind, left] as const));
  it.each(cases)('%s round, Bo %s: nothing any door says before the reveal depends on the hidden values', async (kind, left) => {
    const a = world(kind, { score: 5, why: 'SECRET-A only Bo knows' }, left);
    const b = world(kind, { score: kind === 'scores' ? 'abstain' : 1, why: 'SECRET-B a different reason' }, left);
    let compared = 0;

    // Every read as the valid inputs put it (`ballot`: Ana's, without a turn); the attacks on ballots follow.
    const inputFor = (w: typeof a, m: Method) => w.valid[m];
    for (const m of reads) {
      const [ra, rb] = [a, b].map((w) => normal(JSON.stringify(w.s.call(m, inputFor(w, m))), w.repo));
      expect(ra, m).toBe(rb);
      expect(ra, m).not.toMatch(/SECRET/);
      compared++;
    }
    // Writes that would publish values are refused alike: results-based decisions and exports.
    for (const m of ['decide', 'exportAdr', 'previewExport'] as const) {
      const ra = a.s.call(m, a.valid[m]);
      const rb = b.s.call(m, b.valid[m]);
      expect(ra.ok, m).toBe(false);
      expect(JSON.stringify(ra), m).toBe(JSON.stringify(rb));
      compared++;
    }
    // Every member's ballot, Bo's own included, asked for through every door with and without a turn.
    const servers = await Promise.all([a, b].map((w) => startWebServer({ service: w.s, port: 0 })));
    try {
      const doors: [string, (w: World, i: number) => Promise<Door>][] = [
        ['dispatch', async (w) => async (name, input) => w.s.call(name, input)],
        ['IPC', ipcDoor],
        ['HTTP', async (_w, i) => async (name, input) => JSON.parse((await send(servers[i]!.port, { path: `/api/${name}`, body: JSON.stringify(input) })).body)],
      ];
      for (const [label, make] of doors) {
        const [sa, sb] = (await Promise.all([a, b].map(async (w, i) => attack(w, await make(w, i))))) as [string[], string[]];
        expect(sa.length, label).toBeGreaterThan(15);
        for (const [i, line] of sa.entries()) expect(line, `${label}: ${line}`).toBe(sb[i]);
        expect(sa.join('\n'), label).not.toMatch(/SECRET/);
        // The attacker was refused where it matters: no turn, someone else's turn, a second screen.
        expect(sa.filter((l) => l.includes('"no_turn"')).length, label).toBeGreaterThanOrEqual(8);
        expect(sa.some((l) => l.startsWith('takeTurn') && l.includes('"turn_taken"')), label).toBe(true);
        compared += sa.length;
      }
    } finally {
      await Promise.all(servers.map((srv) => srv.close()));
    }
    const [pa, pb] = [await phones(a), await phones(b)];
    expect(pa).toEqual(pb);
    expect(pa.join('\n')).not.toMatch(/SECRET/);
    compared += pa.length;

    // Every change event and history entry.
    expect(a.events.length).toBeGreaterThan(5);
    for (const [i, e] of a.events.entries()) expect(JSON.stringify(e)).toBe(JSON.stringify(b.events[i]));
    expect(a.events.length).toBe(b.events.length);
    expect(JSON.stringify(a.events)).not.toMatch(/SECRET/);
    compared += a.events.length;

    // And every read over HTTP.
    const web = await Promise.all([a, b].map((w) => startWebServer({ service: w.s, port: 0 })));
    try {
      for (const m of reads) {
        const answers = await Promise.all([a, b].map((w, i) => send(web[i]!.port, { path: `/api/${m}`, body: JSON.stringify(inputFor(w, m)) })));
        expect(normal(answers[0]!.body, a.repo), `HTTP ${m}`).toBe(normal(answers[1]!.body, b.repo));
        expect(answers[0]!.status).toBe(answers[1]!.status);
        compared++;
      }
    } finally {
      await Promise.all(web.map((srv) => srv.close()));
    }

    // After the reveal the values show, so the comparison above had something to find.
    for (const w of [a, b]) ok(w.s, 'revealRound', { decisionId: w.valid.results.decisionId });
    expect(JSON.stringify(a.s.call('results', a.valid.results))).not.toBe(JSON.stringify(b.s.call('results', b.valid.results)));
    report(`hidden ${kind}, Bo ${left}`, { comparisons: compared, leaks: 0 });
  });
});
