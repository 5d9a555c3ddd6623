// The participant door's security model, one test per rule (README, "Votes from people's own devices").
// The participant server is offered on 127.0.0.2, a second loopback address — never a real network address.
import { afterEach, describe, expect, it } from 'vitest';
import { rateLimiter } from '../../electron/participants/app.ts';
import { Doors, machineAddresses } from '../../electron/participants/doors.ts';
import { startWebServer } from '../../electron/web/server.ts';
import { doorOf, groupHistory, kindOf } from '../../shared/history.ts';
import type { DoorsState, Seat } from '../../shared/participant.ts';
import { inTurn, ok, openTestService, turnOf, workshop } from '../helpers.ts';
import { send, type Answer } from '../web/http.ts';

const ADDRESS = '127.0.0.2';
const opened: Doors[] = [];
afterEach(async () => {
  for (const d of opened.splice(0)) await d.closeAll();
});

async function room({ showResults = false, ratePerSecond = 1000 } = {}) {
  const s = openTestService();
  const w = workshop(s, { members: ['Ana', 'Bo', 'Cy'] });
  ok(s, 'openRound', { decisionId: w.decisionId });
  const doors = new Doors(s, { addresses: () => [{ address: ADDRESS, label: 'test' }], ratePerSecond });
  opened.push(doors);
  const open = async (show = showResults) => {
    const r = await doors.call('openDoors', { decisionId: w.decisionId, host: ADDRESS, showResults: show });
    if (!r.ok) throw new Error(r.error.message);
    return r.value as DoorsState;
  };
  let state = await open();
  const code = () => new URL(state.joinUrl).hash.slice(3);
  const p = (method: string, body: unknown = {}, token?: string, headers: Record<string, string> = {}): Promise<Answer & { json: { ok: boolean; value?: unknown; error?: { code: string; message: string; field?: string } } }> =>
    send(state.port, { address: ADDRESS, path: `/p/api/${method}`, body: JSON.stringify(body), headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } }).then((a) => ({ ...a, json: JSON.parse(a.body) }));
  const seat = async (memberId: number) => {
    const r = await p('claim', { workshop: code(), memberId });
    expect(r.status, r.body).toBe(200);
    return (r.json.value as Seat).seat;
  };
  return { s, w, doors, p, seat, code, reopen: async (show?: boolean) => (state = await open(show)), state: () => state };
}

describe('the participant door', () => {
  it('answers nothing without a valid seat token: none, garbage, or one from a closed workshop → 401', async () => {
    const r = await room();
    const ana = await r.seat(r.w.memberIds[0]!);
    for (const m of ['frame', 'ballot', 'cast', 'clear', 'finish', 'results']) {
      expect((await r.p(m, {})).status, m).toBe(401);
      expect((await r.p(m, {}, 'x'.repeat(22))).status, m).toBe(401);
    }
    expect((await r.p('frame', {}, ana)).status).toBe(200);
    await r.doors.call('closeDoors', { decisionId: r.w.decisionId });
    await r.reopen();
    const again = await r.p('frame', {}, ana);
    expect(again.status).toBe(401);
    expect(again.json.error!.message).toMatch(/no seat in an open workshop/);
  });

  it('seat tokens and workshop codes are 128 random bits, unique each time', async () => {
    const r = await room();
    const tokens = await Promise.all(r.w.memberIds.map((m) => r.seat(m)));
    for (const t of [...tokens, r.code()]) expect(Buffer.from(t, 'base64url')).toHaveLength(16);
    expect(new Set([...tokens, r.code()]).size).toBe(4);
  });

  it('lists the names and takes a seat only with the join link’s code', async () => {
    const r = await room();
    expect((await r.p('roster', { workshop: 'A'.repeat(22) })).status).toBe(401);
    const roster = await r.p('roster', { workshop: r.code() });
    expect(roster.json.value).toEqual([
      { memberId: r.w.memberIds[0], name: 'Ana', taken: false, invited: false },
      { memberId: r.w.memberIds[1], name: 'Bo', taken: false, invited: false },
      { memberId: r.w.memberIds[2], name: 'Cy', taken: false, invited: false },
    ]);
    expect((await r.p('claim', { workshop: 'A'.repeat(22), memberId: r.w.memberIds[0] })).status).toBe(401);
  });

  it('a seat is held by one device until the facilitator resets it; the old device is then shut out', async () => {
    const r = await room();
    const bo = r.w.memberIds[1]!;
    const first = await r.seat(bo);
    const second = await r.p('claim', { workshop: r.code(), memberId: bo });
    expect(second.status).toBe(409);
    expect(second.json.error!.message).toMatch(/Bo’s seat is already taken/);
    const state = await r.doors.call('resetSeat', { decisionId: r.w.decisionId, memberId: bo });
    expect(state).toMatchObject({ ok: true, value: { seats: expect.arrayContaining([{ memberId: bo, name: 'Bo', taken: false }]) } });
    expect((await r.p('frame', {}, first)).status).toBe(401);
    const fresh = await r.seat(bo);
    expect((await r.p('frame', {}, fresh)).status).toBe(200);
  });

  it('a personal link takes its member’s seat once', async () => {
    const r = await room();
    const link = await r.doors.call('inviteLink', { decisionId: r.w.decisionId, memberId: r.w.memberIds[2] });
    const invite = new URL((link as { ok: true; value: { url: string } }).value.url).hash.slice(3);
    const claimed = await r.p('claim', { invite });
    expect(claimed.json.value).toMatchObject({ memberId: r.w.memberIds[2], name: 'Cy' });
    expect((await r.p('claim', { invite })).status).toBe(401);
  });

  it('a seat a personal link was sent for is kept for that link: shown as invited, not taken by picking the name, until the facilitator resets it', async () => {
    const r = await room();
    const bo = r.w.memberIds[1]!;
    const url = await r.doors.call('inviteLink', { decisionId: r.w.decisionId, memberId: bo });
    const invite = new URL((url as { ok: true; value: { url: string } }).value.url).hash.slice(3);
    expect((await r.p('roster', { workshop: r.code() })).json.value).toContainEqual({ memberId: bo, name: 'Bo', taken: false, invited: true });
    const picked = await r.p('claim', { workshop: r.code(), memberId: bo });
    expect(picked.status).toBe(409);
    expect(picked.json.error).toEqual({ code: 'conflict', field: 'memberId', message: 'Bo’s seat is kept for the personal link the facilitator sent: Bo, open that link. If it is lost, ask the facilitator to reset the seat.' });
    expect((await r.p('claim', { invite })).json.value).toMatchObject({ memberId: bo, name: 'Bo' });
    expect((await r.p('roster', { workshop: r.code() })).json.value).toContainEqual({ memberId: bo, name: 'Bo', taken: true, invited: false });

    // A link that went astray: resetting the seat withdraws it, and the name can be picked again.
    const cy = r.w.memberIds[2]!;
    const lost = new URL(((await r.doors.call('inviteLink', { decisionId: r.w.decisionId, memberId: cy })) as { ok: true; value: { url: string } }).value.url).hash.slice(3);
    expect((await r.p('claim', { workshop: r.code(), memberId: cy })).status).toBe(409);
    await r.doors.call('resetSeat', { decisionId: r.w.decisionId, memberId: cy });
    expect((await r.p('roster', { workshop: r.code() })).json.value).toContainEqual({ memberId: cy, name: 'Cy', taken: false, invited: false });
    expect((await r.p('claim', { workshop: r.code(), memberId: cy })).status).toBe(200);
    expect((await r.p('claim', { invite: lost })).status).toBe(401);
  });

  it('a token of member A casts and reads as A only; naming a member or a decision is refused', async () => {
    const r = await room();
    const [ana, bo] = r.w.memberIds as [number, number];
    const token = await r.seat(ana);
    const cell = { optionId: r.w.optionIds[0], criterionId: r.w.criterionIds[0] };
    expect((await r.p('cast', { ...cell, value: 4, memberId: bo }, token)).json).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'memberId' } });
    expect((await r.p('cast', { ...cell, value: 4, decisionId: 99 }, token)).json).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'decisionId' } });
    expect((await r.p('cast', { ...cell, value: 4 }, token)).json).toMatchObject({ ok: true, value: { memberId: ana, cell: { value: 4 } } });
    expect(ok(r.s, 'ballot', { decisionId: r.w.decisionId, memberId: ana }).filled).toBe(1);
    expect(ok(r.s, 'ballot', { decisionId: r.w.decisionId, memberId: bo }).filled).toBe(0);
    const own = await r.p('ballot', {}, token);
    expect(own.json.value).toMatchObject({ kind: 'scores', filled: 1, cells: [{ ...cell, value: 4 }] });
    expect((await r.p('cast', { ...cell, value: 9 }, token)).json).toMatchObject({ ok: false, error: { field: 'score' } });
  });

  it('the seat is the turn: a ballot open on a phone is refused at the screen, and the other way round', async () => {
    const r = await room();
    const [ana, bo] = r.w.memberIds as [number, number];
    const cell = { optionId: r.w.optionIds[0], criterionId: r.w.criterionIds[0] };
    const anaPhone = await r.seat(ana);
    expect((await r.p('cast', { ...cell, value: 4 }, anaPhone)).status).toBe(200);
    expect(r.s.call('takeTurn', { decisionId: r.w.decisionId, memberId: ana })).toMatchObject({ ok: false, error: { code: 'turn_taken', message: expect.stringMatching(/^Ana’s ballot is open on their own device\. Finish or close it there, or reset their seat/) } });
    // A screen never takes a phone's ballot over: only the phone or a seat reset gives it back.
    expect(r.s.call('takeTurn', { decisionId: r.w.decisionId, memberId: ana })).toMatchObject({ error: { field: 'memberId' } });
    expect(r.s.call('takeTurn', { decisionId: r.w.decisionId, memberId: ana, takeOver: true })).toMatchObject({ ok: false, error: { code: 'turn_taken', field: 'memberId' } });
    // Resetting the seat gives the ballot back to the screen, which sees Ana's value only as filled.
    await r.doors.call('resetSeat', { decisionId: r.w.decisionId, memberId: ana });
    expect(ok(r.s, 'takeTurn', { decisionId: r.w.decisionId, memberId: ana }).ballot.cells).toEqual([{ ...cell, sealed: true }]);

    const screen = turnOf(r.s, r.w.decisionId, bo);
    const boPhone = await r.seat(bo);
    const refused = await r.p('cast', { ...cell, value: 2 }, boPhone);
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({ code: 'turn_taken', message: expect.stringMatching(/^Bo’s ballot is open elsewhere/) });
    expect((await r.p('ballot', {}, boPhone)).json).toMatchObject({ ok: false, error: { code: 'turn_taken' } });
    ok(r.s, 'endTurn', { decisionId: r.w.decisionId, turn: screen });
    expect((await r.p('cast', { ...cell, value: 2 }, boPhone)).json).toMatchObject({ ok: true, value: { cell: { value: 2 } } });
  });

  it('phones voting at the same time read in the history as one line per ballot, each from the member’s own device', async () => {
    const r = await room();
    const seats = await Promise.all(r.w.memberIds.map((m) => r.seat(m)));
    // Cell by cell, phone after phone, as a room votes: every member's events fall between the others'.
    for (const optionId of r.w.optionIds)
      for (const criterionId of r.w.criterionIds)
        for (const seat of seats) expect((await r.p('cast', { optionId, criterionId, value: 3 }, seat)).json.ok).toBe(true);
    for (const seat of seats) expect((await r.p('finish', { done: true }, seat)).json.ok).toBe(true);
    const events = ok(r.s, 'history', { decisionId: r.w.decisionId });
    const lines = groupHistory(events, ok(r.s, 'getDecision', { decisionId: r.w.decisionId })).map((g) => `${doorOf(g.actor)} · ${g.summary}`);
    const cells = r.w.optionIds.length * r.w.criterionIds.length;
    expect(events.filter((e) => kindOf(e.type) === 'votes')).toHaveLength(3 * (cells + 1));
    expect(lines.slice(-4)).toEqual(['test · Round 1 opened', ...['Ana', 'Bo', 'Cy'].map((n) => `on their own device · ${n}: ${cells} votes cast, ballot finished`)]);
  });

  it('a submitted ballot is sealed: reading it takes no turn, and reopening it shows ● marks only', async () => {
    const r = await room();
    const [ana] = r.w.memberIds as [number];
    const cell = { optionId: r.w.optionIds[0], criterionId: r.w.criterionIds[0] };
    const phone = await r.seat(ana);
    await r.p('cast', { ...cell, value: 4, why: 'SECRET reason' }, phone);
    expect((await r.p('finish', { done: true }, phone)).json).toEqual({ ok: true, value: { done: true } });
    expect((await r.p('ballot', {}, phone)).json.value).toMatchObject({ done: true, filled: 1, cells: [] });
    // The screen may take the turn now: the phone holds none after submitting.
    const screen = ok(r.s, 'takeTurn', { decisionId: r.w.decisionId, memberId: ana });
    ok(r.s, 'endTurn', { decisionId: r.w.decisionId, turn: screen.turn });
    await r.p('finish', { done: false }, phone);
    const reopened = await r.p('ballot', {}, phone);
    expect(reopened.json.value).toMatchObject({ done: false, filled: 1, cells: [{ ...cell, sealed: true }] });
    expect(reopened.body).not.toMatch(/SECRET|"value":4/);
    expect((await r.p('cast', { ...cell, value: 2 }, phone)).json).toMatchObject({ ok: true, value: { filled: 1, cell: { value: 2, why: '' } } });
  });

  it('ids of another decision are only “not found”: none of its names reach a phone', async () => {
    const r = await room();
    const other = workshop(r.s, { options: ['Kubernetes secret plan', 'Nomad'], criteria: ['Hidden criterion'], members: ['Zed'] });
    const phone = await r.seat(r.w.memberIds[0]!);
    const mine = { optionId: r.w.optionIds[0], criterionId: r.w.criterionIds[0] };
    const answers = [
      await r.p('cast', { ...mine, optionId: other.optionIds[0], value: 3 }, phone),
      await r.p('cast', { ...mine, criterionId: other.criterionIds[0], value: 3 }, phone),
      await r.p('clear', { ...mine, optionId: other.optionIds[0] }, phone),
      await r.p('claim', { workshop: r.code(), memberId: other.memberIds[0] }),
    ];
    for (const a of answers) {
      expect(a.status, a.body).toBe(404);
      expect(a.json.error!.code).toBe('not_found');
      expect(a.body).not.toMatch(/Kubernetes|Nomad|Hidden criterion|Zed/);
    }
  });

  it('VERDICT_DOORS_ADDRESSES adds loopback addresses or this machine’s own, never a wildcard', () => {
    const warned: string[] = [];
    const list = machineAddresses({ VERDICT_DOORS_ADDRESSES: '0.0.0.0, ::, 127.0.0.2, ::1, 203.0.113.9' }, (m) => warned.push(m));
    const fromEnv = list.filter((a) => a.label.includes('VERDICT_DOORS_ADDRESSES')).map((a) => a.address);
    expect(fromEnv).toEqual(['127.0.0.2', '::1']);
    expect(warned).toEqual(['0.0.0.0', '::', '203.0.113.9'].map((a) => `VERDICT_DOORS_ADDRESSES: ${a} is not a loopback address or an address of this computer; ignored.`));
  });

  it('reads the frame — question, options, criteria, evidence, round — and nothing else', async () => {
    const r = await room();
    ok(r.s, 'addEvidence', { optionId: r.w.optionIds[0], criterionId: r.w.criterionIds[0], text: 'Batteries included', source: 'docs' });
    const token = await r.seat(r.w.memberIds[0]!);
    const frame = (await r.p('frame', {}, token)).json.value as Record<string, unknown>;
    expect(Object.keys(frame).sort()).toEqual(['context', 'criteria', 'evidence', 'me', 'options', 'resultsShown', 'round', 'scale', 'title']);
    expect(frame).toMatchObject({ me: { name: 'Ana' }, round: { seq: 1, kind: 'scores', status: 'open' }, evidence: [{ text: 'Batteries included' }] });
    // No other decision, no list of decisions, no facilitator method on this address.
    for (const path of ['/api/listDecisions', '/api/getDecision', '/api/doors/openDoors', '/p/api/listDecisions', '/p/api/getDecision']) {
      const a = await send(r.state().port, { address: ADDRESS, path, body: '{"decisionId":1}', headers: { authorization: `Bearer ${token}` } });
      expect(a.status, path).toBe(404);
    }
  });

  it('results: never before the reveal; after it only if the facilitator allows, otherwise the doors close', async () => {
    const hidden = await room({ showResults: false });
    const t1 = await hidden.seat(hidden.w.memberIds[0]!);
    expect((await hidden.p('results', {}, t1)).json).toMatchObject({ ok: false, error: { code: 'votes_hidden' } });
    ok(hidden.s, 'revealRound', { decisionId: hidden.w.decisionId });
    await expect(hidden.p('frame', {}, t1)).rejects.toThrow(/ECONNREFUSED/);

    const shown = await room({ showResults: true });
    const t2 = await shown.seat(shown.w.memberIds[0]!);
    expect((await shown.p('results', {}, t2)).status).toBe(403);
    inTurn(shown.s, 'castScore', { decisionId: shown.w.decisionId, memberId: shown.w.memberIds[1], optionId: shown.w.optionIds[0], criterionId: shown.w.criterionIds[0], score: 5 });
    ok(shown.s, 'revealRound', { decisionId: shown.w.decisionId });
    expect((await shown.p('results', {}, t2)).json).toMatchObject({ ok: true, value: { decisionId: shown.w.decisionId } });
    expect((await shown.p('cast', { optionId: shown.w.optionIds[0], criterionId: shown.w.criterionIds[0], value: 3 }, t2)).json).toMatchObject({ ok: false, error: { code: 'round_closed' } });
  });

  it('checks Host and Origin for the address actually offered, caps bodies, and limits each seat’s rate', async () => {
    const r = await room({ ratePerSecond: 5 });
    const token = await r.seat(r.w.memberIds[0]!);
    const port = r.state().port;
    const at = (headers: Record<string, string>) => send(port, { address: ADDRESS, path: '/p/api/frame', body: '{}', headers: { authorization: `Bearer ${token}`, ...headers } });
    expect((await at({ host: `127.0.0.1:${port}` })).status).toBe(403);
    expect((await at({ host: `evil.example:${port}` })).status).toBe(403);
    expect((await at({ origin: 'http://evil.example' })).status).toBe(403);
    expect((await at({ origin: `http://${ADDRESS}:${port}` })).status).toBe(200);
    const big = await send(port, { address: ADDRESS, path: '/p/api/cast', body: JSON.stringify({ why: 'x'.repeat(20_000) }), headers: { authorization: `Bearer ${token}` } });
    expect(big.status).toBe(413);
    const burst = await Promise.all(Array.from({ length: 30 }, () => r.p('frame', {}, token)));
    expect(burst.filter((a) => a.status === 429).length).toBeGreaterThan(10);
    const limited = burst.find((a) => a.status === 429)!;
    expect(limited.json.error).toEqual({ code: 'rate_limited', message: 'Too many requests from this device; wait 1 second.' });
    expect(limited.headers['retry-after']).toBe('1');
  });

  it('a device told to wait by the request limit may go ahead once that wait is over', () => {
    const clock = { t: 0 };
    const tooSoon = rateLimiter(5, () => clock.t);
    for (let i = 0; i < 10; i++) expect(tooSoon('seat:a')).toBe(0);
    const wait = tooSoon('seat:a');
    expect(wait).toBeGreaterThan(0);
    // Asking again while waiting spends nothing, so the wait stays what it was.
    expect(tooSoon('seat:a')).toBe(wait);
    expect(tooSoon('seat:b')).toBe(0);
    clock.t += Math.ceil(wait / 1000) * 1000;
    expect(tooSoon('seat:a')).toBe(0);
  });

  it('nothing listens once the doors close, or when the round is cancelled', async () => {
    const r = await room();
    const port = r.state().port;
    await r.doors.call('closeDoors', { decisionId: r.w.decisionId });
    await expect(send(port, { address: ADDRESS, path: '/p/api/roster', body: '{}' })).rejects.toThrow(/ECONNREFUSED/);
    const port2 = (await r.reopen()).port;
    ok(r.s, 'cancelRound', { decisionId: r.w.decisionId });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(send(port2, { address: ADDRESS, path: '/p/api/roster', body: '{}' })).rejects.toThrow(/ECONNREFUSED/);
    expect(await r.doors.call('doorsState', { decisionId: r.w.decisionId })).toEqual({ ok: true, value: null });
  });

  it('opens only on an address of this machine (or loopback), and only for an open round', async () => {
    const r = await room();
    expect(await r.doors.call('openDoors', { decisionId: r.w.decisionId, host: '8.8.8.8' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'host' } });
    expect(await r.doors.call('openDoors', { decisionId: r.w.decisionId, host: '' })).toMatchObject({ ok: false, error: { field: 'host' } });
    const d2 = ok(r.s, 'createDecision', { title: 'No round yet' });
    expect(await r.doors.call('openDoors', { decisionId: d2.id, host: ADDRESS })).toMatchObject({ ok: false, error: { code: 'round_closed' } });
    expect(await r.doors.call('doorsState', { decisionId: 'x' })).toMatchObject({ ok: false, error: { field: 'decisionId' } });
  });

  it('before the reveal, no participant response depends on another member’s values', async () => {
    const world = async (secret: number | 'abstain', why: string) => {
      const r = await room();
      const [ana, bo] = r.w.memberIds as [number, number];
      for (const o of r.w.optionIds) for (const c of r.w.criterionIds) inTurn(r.s, 'castScore', { decisionId: r.w.decisionId, memberId: bo, optionId: o, criterionId: c, score: secret, why });
      inTurn(r.s, 'finishBallot', { decisionId: r.w.decisionId, memberId: bo });
      const token = await r.seat(ana);
      const cell = { optionId: r.w.optionIds[0], criterionId: r.w.criterionIds[0] };
      const bodies: string[] = [];
      for (const [m, input] of [
        ['roster', { workshop: r.code() }],
        ['frame', {}],
        ['ballot', {}],
        ['cast', { ...cell, value: 2 }],
        ['clear', cell],
        ['finish', { done: true }],
        ['results', {}],
      ] as const) {
        const a = await r.p(m, input, token);
        bodies.push(`${m} ${a.status} ${a.body}`);
      }
      return bodies;
    };
    const a = await world(5, 'SECRET one');
    const b = await world('abstain', 'SECRET two');
    expect(a).toEqual(b);
    expect(a.join('\n')).not.toMatch(/SECRET/);
  });

  it('the facilitator’s API never listens beyond loopback; its doors controls answer there', async () => {
    const s = openTestService();
    await expect(startWebServer({ service: s, host: '0.0.0.0', port: 0 })).rejects.toThrow(/loopback only/);
    await expect(startWebServer({ service: s, host: ADDRESS === '127.0.0.2' ? '192.168.1.10' : ADDRESS, port: 0 })).rejects.toThrow(/loopback only/);
    const doors = new Doors(s);
    const server = await startWebServer({ service: s, port: 0, doors });
    try {
      const a = await send(server.port, { path: '/api/doors/networkAddresses', body: '{}' });
      expect(JSON.parse(a.body)).toMatchObject({ ok: true, value: expect.arrayContaining([{ address: '127.0.0.1', label: expect.any(String) }]) });
    } finally {
      await server.close();
    }
  });
});
