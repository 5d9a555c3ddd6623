// The participant door: a narrow HTTP API on the address the facilitator offered. Each call carries a seat
// token bound to one decision and one member; the member and decision always come from the token, never the input.
import { Hono } from 'hono';
import { participantInputs, seatless, type ParticipantFrame, type ParticipantMethod, type ParticipantOutputs } from '../../shared/participant.ts';
import { fail, invalidInput, UserError, type Reply } from '../../shared/reply.ts';
import type { Ballot, Turn } from '../../shared/types.ts';
import { dispatch } from '../dispatch.ts';
import type { Service } from '../service.ts';
import { answer, harden, hostGuard, limitBody, readJson, refuse, servePage } from '../web/guard.ts';
import { sameSecret, type Doors, type Workshop } from './doors.ts';
import { TooManyTries, type tryLimiter } from './tries.ts';

export const MAX_PARTICIPANT_BODY = 16 * 1024;

/**
 * A token bucket per key: `rate` requests a second on average, bursts of twice that. Answers 0 when the request
 * may go ahead, else the milliseconds until it may (a refused request spends nothing, so that wait is kept).
 */
export function rateLimiter(rate: number, now: () => number = Date.now) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return (key: string): number => {
    const t = now();
    const b = buckets.get(key) ?? { tokens: rate * 2, at: t };
    b.tokens = Math.min(rate * 2, b.tokens + ((t - b.at) / 1000) * rate);
    b.at = t;
    buckets.set(key, b);
    if (b.tokens < 1) return ((1 - b.tokens) / rate) * 1000;
    b.tokens -= 1;
    return 0;
  };
}

const isParticipantMethod = (name: string): name is ParticipantMethod => Object.hasOwn(participantInputs, name);

export interface ParticipantAppOptions {
  doors: Doors;
  workshop: Workshop;
  service: Service;
  staticDir?: string;
  ratePerSecond: number;
  /** Wrong join codes, counted per address and overall. */
  tries: ReturnType<typeof tryLimiter>;
  /** The clock of the request limits (tests pass a fake one). */
  now?: () => number;
}

export function createParticipantApp({ doors, workshop: w, service, staticDir, ratePerSecond, tries, now }: ParticipantAppOptions): Hono {
  const app = new Hono();
  app.use('*', hostGuard(() => new Set([`${w.host}:${w.port}`])));
  harden(app);
  const tooSoon = rateLimiter(ratePerSecond, now);

  /** A facilitator method, run as the participant: the member and decision are the seat's. */
  const call = <T>(name: string, input: Record<string, unknown>): T => {
    const reply = dispatch(w.ctx, name, { decisionId: w.decisionId, ...input }, { afterWrite: () => service.feed.poll() });
    if (!reply.ok) throw new UserError(reply.error.code, reply.error.message, reply.error.field);
    return reply.value as T;
  };
  const checkCode = (code: string) => {
    if (!sameSecret(code, w.code)) fail('unauthorized', 'This join link is not for an open workshop; ask the facilitator for the current one.');
  };
  /**
   * On a phone the seat token is the turn: the seat takes its member's turn on first use and again when it
   * lapsed or the round changed. If the shared screen holds that ballot, the phone is told so.
   */
  const turnOf = (memberId: number, fresh: boolean): string => {
    const held = w.turns.get(memberId);
    if (held !== undefined && !fresh) return held;
    const t = call<Turn>('takeTurn', { memberId, release: held }).turn;
    w.turns.set(memberId, t);
    return t;
  };
  const withTurn = <T>(name: string, memberId: number, input: Record<string, unknown> = {}): T => {
    try {
      return call<T>(name, { memberId, turn: turnOf(memberId, false), ...input });
    } catch (e) {
      if (!(e instanceof UserError) || e.code !== 'no_turn') throw e;
      return call<T>(name, { memberId, turn: turnOf(memberId, true), ...input });
    }
  };
  /** The open round, else the latest one. */
  const currentRound = (d = doors.decision(w.decisionId)) => d.rounds.find((r) => r.status === 'open') ?? d.rounds.at(-1) ?? null;

  const handlers: { [M in ParticipantMethod]: (input: never, memberId: number, address: string) => ParticipantOutputs[M] } = {
    // The code typed from the screen gives what the join link gives: the names and a free seat to pick, never a seat.
    enter: ({ code }: { code: string }, _memberId: number, address: string) => {
      if (!tries.attempt(address, () => doors.workshop(w.decisionId) === w && sameSecret(code, w.joinCode))) fail('unauthorized', 'No workshop with that code is open here; check the screen.');
      return { workshop: w.code };
    },
    roster: ({ workshop }: { workshop: string }) => {
      checkCode(workshop);
      return doors.voters(w.decisionId).map((v) => ({ ...v, taken: w.seats.has(v.memberId), invited: doors.invited(w, v.memberId) }));
    },
    claim: (input: { workshop: string; memberId: number } | { invite: string }) => {
      let memberId: number;
      if ('invite' in input) {
        memberId = w.invites.get(input.invite) ?? fail('unauthorized', 'This personal link was used already or withdrawn; ask the facilitator for a new one.');
      } else {
        checkCode(input.workshop);
        memberId = input.memberId;
      }
      const seat = doors.claim(w, memberId, 'invite' in input);
      // A personal link is spent once it has given its seat.
      if ('invite' in input) w.invites.delete(input.invite);
      return { seat, memberId, name: doors.voters(w.decisionId).find((v) => v.memberId === memberId)!.name };
    },
    frame: (_input: object, memberId: number): ParticipantFrame => {
      const d = doors.decision(w.decisionId);
      const round = currentRound(d);
      return {
        title: d.title,
        context: d.context,
        me: { memberId, name: d.participants.find((p) => p.personId === memberId)?.name ?? '' },
        scale: d.scale,
        options: d.options.map((o) => ({ id: o.id, name: o.name, description: o.description })),
        criteria: d.criteria.map((c) => ({ id: c.id, name: c.name, description: c.description })),
        evidence: d.evidence.map((e) => ({ optionId: e.optionId, criterionId: e.criterionId, text: e.text, source: e.source })),
        round: round && { seq: round.seq, kind: round.kind, criterionId: round.criterionId, status: round.status },
        resultsShown: w.showResults,
      };
    },
    ballot: (_input: object, memberId: number) => {
      // A finished ballot is sealed: reading it takes no turn, so the shared screen stays free.
      const progress = call<Ballot>('ballot', { memberId });
      const b = progress.done && !w.turns.has(memberId) ? progress : withTurn<Ballot>('ballot', memberId);
      return { kind: b.kind, done: b.done, filled: b.filled, total: b.total, cells: b.cells, earlier: b.earlier };
    },
    cast: ({ optionId, criterionId, value, why }: { optionId: number | null; criterionId: number; value: number | 'abstain'; why?: string }, memberId: number) =>
      optionId === null
        ? withTurn('castImportance', memberId, { criterionId, importance: value, why })
        : withTurn('castScore', memberId, { optionId, criterionId, score: value, why }),
    clear: ({ optionId, criterionId }: { optionId: number | null; criterionId: number }, memberId: number) =>
      optionId === null ? withTurn('clearImportance', memberId, { criterionId }) : withTurn('clearScore', memberId, { optionId, criterionId }),
    finish: ({ done }: { done: boolean }, memberId: number) => {
      const b = withTurn<Ballot>('finishBallot', memberId, { done });
      // Finishing ended the turn on the server; the seat takes a new one if it reopens.
      if (done) w.turns.delete(memberId);
      return { done: b.done };
    },
    results: () => {
      const round = currentRound();
      if (!round || round.status !== 'revealed') fail('votes_hidden', 'The votes are not revealed yet.');
      if (!w.showResults) fail('forbidden', 'The facilitator shows the results on the shared screen only.');
      return call('results', {});
    },
  };

  app.post('/p/api/:method', async (c, next) => {
    const name = c.req.param('method');
    if (!isParticipantMethod(name)) return refuse(c, 'not_found', `There is no participant method "${name}".`);
    let memberId = 0;
    const address = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress ?? '';
    let key = `address:${address}`;
    if (!seatless.includes(name)) {
      const token = /^Bearer ([A-Za-z0-9_-]{1,64})$/.exec(c.req.header('authorization') ?? '')?.[1];
      const holder = token === undefined ? undefined : w.holders.get(token);
      if (token === undefined || holder === undefined || doors.workshop(w.decisionId) !== w) return refuse(c, 'unauthorized', 'This device holds no seat in an open workshop: open the join link again.');
      memberId = holder;
      key = `seat:${token}`;
    }
    const wait = Math.ceil(tooSoon(key) / 1000);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return refuse(c, 'rate_limited', `Too many requests from this device; wait ${wait} second${wait === 1 ? '' : 's'}.`);
    }
    c.set('memberId' as never, memberId as never);
    c.set('address' as never, address as never);
    await next();
  });
  app.post('/p/api/:method', limitBody(MAX_PARTICIPANT_BODY), async (c) => {
    const name = c.req.param('method') as ParticipantMethod;
    const body = await readJson(c);
    if (body instanceof Response) return body;
    const parsed = participantInputs[name].safeParse(body.input);
    if (!parsed.success) return answer(c, { ok: false, error: invalidInput(parsed.error) });
    let reply: Reply<unknown>;
    try {
      reply = { ok: true, value: (handlers[name] as (input: unknown, memberId: number, address: string) => unknown)(parsed.data, c.get('memberId' as never) as number, c.get('address' as never) as string) };
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      if (e instanceof TooManyTries) c.header('Retry-After', String(e.waitSeconds));
      reply = { ok: false, error: e.toJSON() };
    }
    return answer(c, reply);
  });
  app.all('/p/api/*', (c) => refuse(c, 'not_found', 'Participant methods are POST /p/api/<method>.'));
  app.all('/api/*', (c) => refuse(c, 'not_found', 'This address serves participants only.'));
  // The plain address typed from the screen leads to the page that asks for the short code.
  app.get('/', (c) => c.redirect('/join'));
  servePage(app, staticDir);
  return app;
}
