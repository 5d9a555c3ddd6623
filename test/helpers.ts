// Test helpers: real SQLite files in temp folders, and the handlers through dispatch.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { Method, Output } from '../shared/api.ts';
import type { Reply } from '../shared/reply.ts';
import { openService, type Service } from '../electron/service.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'verdict-test-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function openTestService(file = join(tempDir(), 'verdict.db')): Service & { file: string } {
  let tick = Date.parse('2026-11-23T09:00:00.000Z');
  const service = openService(file, { actor: 'test', clock: () => new Date((tick += 1000)), onInternal: () => {} });
  cleanups.push(() => service.close());
  return Object.assign(service, { file });
}

/** Calls a method and returns its value, failing the test with the error message otherwise. */
export function ok<M extends Method>(service: Service, name: M, input: unknown): Output<M> {
  const reply = service.call(name, input) as Reply<Output<M>>;
  if (!reply.ok) throw new Error(`${name} failed: ${reply.error.code}: ${reply.error.message}`);
  return reply.value;
}

/** A decision with options, criteria and voters, ready for a round. */
export function workshop(service: Service, { options = ['Django', 'Flask'], criteria = ['Productivity', 'Flexibility', 'Ecosystem'], weights = [4, 3, 3], members = ['Ana', 'Bo'] } = {}) {
  const d = ok(service, 'createDecision', { title: 'Pick a web framework' });
  const optionIds = options.map((name) => ok(service, 'addOption', { decisionId: d.id, name }).id);
  const criterionIds = criteria.map((name, i) => ok(service, 'addCriterion', { decisionId: d.id, name, weight: weights[i] ?? 1 }).id);
  const memberIds = members.map((name) => ok(service, 'addParticipant', { decisionId: d.id, name }).personId);
  return { decisionId: d.id, optionIds, criterionIds, memberIds };
}

export function tableCounts(service: Service): Record<string, number> {
  const tables = service.ctx.db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
  return Object.fromEntries(tables.map(({ name }) => [name, (service.ctx.db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n]));
}

type TurnMethod = 'castScore' | 'clearScore' | 'castImportance' | 'clearImportance' | 'finishBallot' | 'ballot';
const heldTurns = new WeakMap<Service, Map<string, string>>();

/** The turn this test's "screen" holds for a member, taken on first use (or anew with `fresh`). */
export function turnOf(service: Service, decisionId: unknown, memberId: unknown, fresh = false): string {
  const turns = heldTurns.get(service) ?? new Map<string, string>();
  heldTurns.set(service, turns);
  const key = `${String(decisionId)}:${String(memberId)}`;
  let turn = turns.get(key);
  if (turn === undefined || fresh) {
    turn = ok(service, 'takeTurn', { decisionId, memberId, release: turn }).turn;
    turns.set(key, turn);
  }
  return turn;
}

/**
 * Calls a ballot method the way one screen does: in the member's turn, taken on first use and again after
 * a finish or a lapse ended it. Returns the value, failing the test with the error message otherwise.
 */
export function inTurn<M extends TurnMethod>(service: Service, name: M, input: Record<string, unknown>): Output<M> {
  let reply = service.call(name, { ...input, turn: turnOf(service, input.decisionId, input.memberId) }) as Reply<Output<M>>;
  if (!reply.ok && reply.error.code === 'no_turn') reply = service.call(name, { ...input, turn: turnOf(service, input.decisionId, input.memberId, true) }) as Reply<Output<M>>;
  if (!reply.ok) throw new Error(`${name} failed: ${reply.error.code}: ${reply.error.message}`);
  return reply.value;
}
