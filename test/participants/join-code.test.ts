// The short join code on the shared screen, attacked as a curious person in the room would: it gives what the join
// link gives (the names, then a free seat by name) and nothing more, only while the doors are open, and guessing it
// is slowed per address and for everyone. The clock of the limits is a fake one: no test waits a minute.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Doors } from '../../electron/participants/doors.ts';
import { formatJoinCode, JOIN_CODE_ALPHABET, JoinCode, spellJoinCode, type DoorsState, type Seat } from '../../shared/participant.ts';
import { ok, openTestService, workshop } from '../helpers.ts';
import { send, type Answer } from '../web/http.ts';

const ADDRESS = '127.0.0.2';
const opened: Doors[] = [];
afterEach(async () => {
  for (const d of opened.splice(0)) await d.closeAll();
  vi.restoreAllMocks();
});

type Json = { ok: boolean; value?: unknown; error?: { code: string; message: string; field?: string } };

async function room({ perAddress = 5, overall = 30, members = ['Ana', 'Bo', 'Cy'] } = {}) {
  const s = openTestService();
  const w = workshop(s, { members });
  ok(s, 'openRound', { decisionId: w.decisionId });
  const clock = { t: Date.parse('2026-12-01T09:00:00Z') };
  const doors = new Doors(s, { addresses: () => [{ address: ADDRESS, label: 'test' }], ratePerSecond: 1000, joinTries: { perAddress, overall }, now: () => clock.t });
  opened.push(doors);
  const open = async (decisionId = w.decisionId): Promise<DoorsState> => {
    const r = await doors.call('openDoors', { decisionId, host: ADDRESS });
    if (!r.ok) throw new Error(r.error.message);
    return r.value as DoorsState;
  };
  let state = await open();
  const p = (method: string, body: unknown = {}, { from, port = state.port, token }: { from?: string; port?: number; token?: string } = {}): Promise<Answer & { json: Json }> =>
    send(port, { address: ADDRESS, from, path: `/p/api/${method}`, body: JSON.stringify(body), headers: token ? { authorization: `Bearer ${token}` } : {} }).then((a) => ({ ...a, json: JSON.parse(a.body) as Json }));
  const enter = (code: string, from?: string, port?: number) => p('enter', { code }, { from, port });
  /** A code of the right shape that is not this workshop's. */
  const wrong = () => [...state.joinCode].map((ch) => JOIN_CODE_ALPHABET[(JOIN_CODE_ALPHABET.indexOf(ch) + 1) % JOIN_CODE_ALPHABET.length]).join('');
  return { s, w, doors, clock, p, enter, wrong, open, state: () => state, reopen: async () => (state = await open()) };
}

const minutes = (n: number) => n * 60_000;

describe('the join code typed from the screen', () => {
  it('is 6 characters of an alphabet without 0/O or 1/I/L, new each time the doors open, and shown as K7P-3QX', async () => {
    expect(JOIN_CODE_ALPHABET).toHaveLength(31);
    expect(JOIN_CODE_ALPHABET).not.toMatch(/[01ILO]/);
    const r = await room();
    const first = r.state().joinCode;
    expect(first).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/);
    expect(formatJoinCode('K7P3QX')).toBe('K7P-3QX');
    expect(spellJoinCode('K7P3QX')).toBe('K 7 P, 3 Q X');
    expect(r.state().address).toBe(`http://${ADDRESS}:${r.state().port}/`);
    await r.doors.call('closeDoors', { decisionId: r.w.decisionId });
    const codes = new Set([first]);
    for (let i = 0; i < 5; i++) {
      codes.add((await r.reopen()).joinCode);
      await r.doors.call('closeDoors', { decisionId: r.w.decisionId });
    }
    expect(codes.size).toBe(6);
  });

  it('gives the join link’s workshop code, typed in any case and with spaces or dashes; then the names, then a free seat', async () => {
    const r = await room();
    const code = r.state().joinCode;
    const link = new URL(r.state().joinUrl).hash.slice(3);
    for (const typed of [code, code.toLowerCase(), formatJoinCode(code), ` ${code.slice(0, 2)} ${code.slice(2, 4)}-${code.slice(4).toLowerCase()} `]) {
      const a = await r.enter(typed);
      expect(a.status, typed).toBe(200);
      expect(a.json).toEqual({ ok: true, value: { workshop: link } });
    }
    const roster = await r.p('roster', { workshop: link });
    expect(roster.json.value).toEqual(['Ana', 'Bo', 'Cy'].map((name, i) => ({ memberId: r.w.memberIds[i], name, taken: false, invited: false })));
    const seat = await r.p('claim', { workshop: link, memberId: r.w.memberIds[0] });
    expect(seat.json.value).toMatchObject({ memberId: r.w.memberIds[0], name: 'Ana' });
    expect((await r.p('frame', {}, { token: (seat.json.value as Seat).seat })).status).toBe(200);
  });

  it('is never a seat by itself: not with a seat token’s place, not a taken seat, not an invitation', async () => {
    const r = await room();
    const [ana, bo] = r.w.memberIds as [number, number];
    const link = new URL(r.state().joinUrl).hash.slice(3);
    const entered = await r.enter(r.state().joinCode);
    expect(Object.keys(entered.json.value as object)).toEqual(['workshop']);
    // The short code is not a workshop code, a seat token or an invitation anywhere else.
    expect((await r.p('roster', { workshop: r.state().joinCode })).json.error).toMatchObject({ code: 'invalid_input', field: 'workshop' });
    expect((await r.p('claim', { invite: r.state().joinCode })).json.error).toMatchObject({ code: 'invalid_input' });
    expect((await r.p('frame', {}, { token: r.state().joinCode })).status).toBe(401);
    // Extra fields ask for more than the code gives, and are refused.
    for (const extra of [{ memberId: ana }, { invite: link }, { seat: link }]) expect((await r.p('enter', { code: r.state().joinCode, ...extra })).json.error!.code).toBe('invalid_input');
    // A taken seat stays taken.
    await r.p('claim', { workshop: link, memberId: ana });
    const again = await r.p('claim', { workshop: (entered.json.value as { workshop: string }).workshop, memberId: ana });
    expect(again.status).toBe(409);
    // An invitation sent to Bo is not reachable with the code; Bo's seat stays free for his link: the code cannot take it.
    const invite = new URL(((await r.doors.call('inviteLink', { decisionId: r.w.decisionId, memberId: bo })) as { ok: true; value: { url: string } }).value.url).hash.slice(3);
    expect(JSON.stringify(entered.json)).not.toContain(invite);
    expect((await r.p('claim', { workshop: (entered.json.value as { workshop: string }).workshop, memberId: bo })).status).toBe(409);
    expect((await r.p('claim', { invite })).json.value).toMatchObject({ memberId: bo });
  });

  it('refuses a wrong code with a clear message that hints at nothing', async () => {
    const r = await room();
    const code = r.state().joinCode;
    const near = `${code.slice(0, 5)}${r.wrong().slice(5)}`;
    const answers = [await r.enter(r.wrong()), await r.enter(near)];
    for (const a of answers) {
      expect(a.status).toBe(401);
      expect(a.json).toEqual({ ok: false, error: { code: 'unauthorized', message: 'No workshop with that code is open here; check the screen.' } });
    }
    expect(answers[0]!.body).toBe(answers[1]!.body);
  });

  it('validates what is typed: specific errors for too long, too short, empty, and characters no code has', async () => {
    const r = await room();
    const cases: [unknown, RegExp][] = [
      ['K7P-3QX-K7P-3QX-K7P-3QX-K7P-3QX-K7P-3QX-K7P', /code: is too long: the code on the screen has 6 characters/],
      ['K7P-3QXZ', /code: has 7 characters; the code on the screen has 6, like K7P-3QX/],
      ['K7P', /code: has 3 characters/],
      [' - ', /code: is empty/],
      ['K7P-3Q0', /code: has “0”, which join codes never use \(no 0, 1, I, L or O/],
      ['k7p-3qo', /has “O”, which join codes never use/],
      ['K7P-1QX', /has “1”/],
      ['K7P-3QL', /has “L”/],
      ['K7P-3Q?', /code: has “\?”: join codes are letters and digits only/],
      [123456, /code: /],
    ];
    for (const [code, message] of cases) {
      const a = await r.enter(code as string);
      expect(a.status, String(code)).toBe(400);
      expect(a.json.error, String(code)).toMatchObject({ code: 'invalid_input', field: 'code', message: expect.stringMatching(message) });
    }
    expect((await r.p('enter', {})).json.error).toMatchObject({ field: 'code' });
    // Bad input is not a guess: it costs no try.
    expect((await r.enter(r.state().joinCode)).status).toBe(200);
    expect(JoinCode.parse(' k7p 3qx ')).toBe('K7P3QX');
  });

  it('ignores what a person cannot see in a pasted code: zero-width characters, BOM, soft hyphens, direction marks; and reads full-width and other dashes', async () => {
    const r = await room();
    const code = r.state().joinCode;
    const fullWidth = [...code].map((ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).join('');
    for (const invisible of ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u200e', '\u202a', '\u0000', '\ufe0f']) {
      const pasted = `${invisible}${code.slice(0, 3)}${invisible}${code.slice(3)}${invisible}`;
      expect(JoinCode.parse(pasted), JSON.stringify(pasted)).toBe(code);
      expect((await r.enter(pasted)).status, JSON.stringify(pasted)).toBe(200);
    }
    for (const typed of [fullWidth, `${code.slice(0, 3)}\u2013${code.slice(3)}`, `${code.slice(0, 3)}\u00a0${code.slice(3)}`]) expect((await r.enter(typed)).status, JSON.stringify(typed)).toBe(200);
    // What stays visible still counts: a seventh character is still one too many.
    expect((await r.enter(`${code}\u200bZ`)).json.error!.message).toMatch(/has 7 characters/);
  });

  it('works only on this workshop’s server, and only while its doors are open: closing or reopening makes the old code worthless', async () => {
    const r = await room();
    const other = workshop(r.s, { members: ['Zed'] });
    ok(r.s, 'openRound', { decisionId: other.decisionId });
    const elsewhere = await r.open(other.decisionId);
    const mine = r.state();
    expect((await r.enter(mine.joinCode, undefined, elsewhere.port)).status).toBe(401);
    expect((await r.enter(elsewhere.joinCode)).status).toBe(401);
    expect((await r.enter(mine.joinCode)).status).toBe(200);

    await r.doors.call('closeDoors', { decisionId: r.w.decisionId });
    await expect(r.enter(mine.joinCode, undefined, mine.port)).rejects.toThrow(/ECONNREFUSED/);
    const reopened = await r.reopen();
    expect(reopened.joinCode).not.toBe(mine.joinCode);
    const old = await r.enter(mine.joinCode);
    expect(old.status).toBe(401);
    expect(old.json.error!.message).toBe('No workshop with that code is open here; check the screen.');
    expect((await r.enter(reopened.joinCode)).json.value).toEqual({ workshop: new URL(reopened.joinUrl).hash.slice(3) });
  });

  it('after a handful of wrong codes from one address: “Too many tries: wait N seconds” (429, Retry-After), even for the right code, until the wait is over', async () => {
    const r = await room({ perAddress: 5 });
    const code = r.state().joinCode;
    for (let i = 0; i < 5; i++) expect((await r.enter(r.wrong())).status).toBe(401);
    const stopped = await r.enter(code);
    expect(stopped.status).toBe(429);
    expect(stopped.headers['retry-after']).toBe('12');
    expect(stopped.json.error).toEqual({ code: 'rate_limited', message: 'Too many tries: wait 12 seconds, then type the code again.' });
    // Waiting part of it is not enough; the answer says how much is left.
    r.clock.t += 5_000;
    const still = await r.enter(code);
    expect(still.status).toBe(429);
    expect(still.headers['retry-after']).toBe('7');
    expect(still.json.error!.message).toBe('Too many tries: wait 7 seconds, then type the code again.');
    // Another address is not held up by this one.
    expect((await r.enter(code, '127.0.0.9')).status).toBe(200);
    r.clock.t += 7_000;
    expect((await r.enter(code)).json).toEqual({ ok: true, value: { workshop: new URL(r.state().joinUrl).hash.slice(3) } });
    // One try came back: one more wrong code, and it waits again.
    expect((await r.enter(r.wrong())).status).toBe(401);
    expect((await r.enter(code)).status).toBe(429);
    r.clock.t += minutes(1);
    expect((await r.enter(code)).status).toBe(200);
  });

  it('many addresses that guessed wrong share the room’s budget; a fresh address always gets its try, and a stated wait is kept', async () => {
    const r = await room({ perAddress: 5, overall: 30 });
    const code = r.state().joinCode;
    // 40 addresses, each under its own limit, two guesses each: every first guess is let through (and drains the
    // room's budget), the second ones only while the budget of 30 lasts.
    const statuses: number[] = [];
    const refused: (Answer & { json: Json })[] = [];
    for (let i = 0; i < 40; i++)
      for (let k = 0; k < 2; k++) {
        const a = await r.enter(r.wrong(), `127.0.1.${i + 10}`);
        statuses.push(a.status);
        if (a.status === 429) refused.push(a);
      }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.filter((s, i) => i % 2 === 0 && s === 401)).toHaveLength(40);
    expect(statuses.filter((s) => s === 401)).toHaveLength(30 + 25);
    expect(statuses.filter((s) => s === 429)).toHaveLength(25);
    // The right code from a phone that has not guessed is let in at once, guessers or not.
    expect((await r.enter(code, '127.0.2.1')).status).toBe(200);
    // Those told to wait had their places booked one after another, each 2 s after the try before it (a fresh
    // address's first guess takes a place too): the first waits 4 s, the last 100 s.
    const waits = refused.map((a) => Number(a.headers['retry-after']));
    expect(waits).toEqual(Array.from({ length: 25 }, (_, i) => 4 * (i + 1)));
    expect(refused[0]!.json.error!.message).toBe('Too many tries: too many wrong codes were typed in this room. Wait 4 seconds, or scan the QR code on the screen.');
    // Asking again early does not lose the place; the answer says how much is left.
    r.clock.t += 2_000;
    const early = await r.enter(code, '127.0.1.25');
    expect(early.headers['retry-after']).toBe('2');
    // Others polling meanwhile do not take the place: after the stated wait, the address gets its try.
    r.clock.t += 2_000;
    for (let i = 0; i < 40; i++) if (i !== 15) expect((await r.enter(r.wrong(), `127.0.1.${i + 10}`)).status).toBe(429);
    expect((await r.enter(code, '127.0.1.25')).status).toBe(200);
    r.clock.t += 96_000;
    expect((await r.enter(code, '127.0.1.49')).status).toBe(200);
  });

  it('never appears in a log line, a printed URL, or a redirect', async () => {
    const printed: string[] = [];
    for (const stream of [process.stdout, process.stderr]) vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => (printed.push(String(chunk)), true));
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(' ')));
    const r = await room({ perAddress: 2, overall: 3 });
    const code = r.state().joinCode;
    await r.enter(code.toLowerCase());
    await r.enter(r.wrong());
    await r.enter(r.wrong());
    await r.enter(code);
    await r.enter(`${code}Z`);
    const bare = await send(r.state().port, { method: 'GET', address: ADDRESS, path: '/' });
    expect(bare.status).toBe(302);
    expect(bare.headers.location).toBe('/join');
    vi.restoreAllMocks();
    const seen = [...printed, r.state().joinUrl, r.state().address, bare.body].join('\n').toUpperCase();
    expect(seen).not.toContain(code);
    expect(seen).not.toContain(formatJoinCode(code));
  });
});
