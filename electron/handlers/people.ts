// The roster of people (reused across decisions) and each decision's participants.
import type { Parsed } from '../../shared/api.ts';
import { fail } from '../../shared/reply.ts';
import type { Participant, Person } from '../../shared/types.ts';
import type { Ctx } from '../context.ts';
import { decisionRow, openRoundOf, touch } from './lookup.ts';

const personSql = 'SELECT id, name, created_at AS createdAt FROM people';

export function findOrCreatePerson(ctx: Ctx, name: string): Person {
  const found = ctx.sql<Person>(`${personSql} WHERE name = ?`).get(name);
  if (found !== undefined) return found;
  const { lastInsertRowid } = ctx.sql('INSERT INTO people (name, created_at) VALUES (?, ?)').run(name, ctx.now());
  ctx.record(null, 'person_added', { personId: Number(lastInsertRowid), name });
  return ctx.sql<Person>(`${personSql} WHERE id = ?`).get(lastInsertRowid)!;
}

function personRow(ctx: Ctx, id: number, field = 'personId'): Person {
  return ctx.sql<Person>(`${personSql} WHERE id = ?`).get(id) ?? fail('not_found', `There is no person ${id}.`, field);
}

export function listPeople(ctx: Ctx, input: Parsed<'listPeople'>): Person[] {
  const like = input.search ? `%${input.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return ctx.sql<Person>(`${personSql} WHERE $like IS NULL OR name LIKE $like ESCAPE '\\' ORDER BY name`).all({ like });
}

export function renamePerson(ctx: Ctx, input: Parsed<'renamePerson'>): Person {
  const p = personRow(ctx, input.personId);
  const other = ctx.sql<Person>(`${personSql} WHERE name = ? AND id <> ?`).get(input.name, p.id);
  if (other !== undefined) fail('conflict', `Someone is already called "${other.name}".`, 'name');
  ctx.sql('UPDATE people SET name = ? WHERE id = ?').run(input.name, p.id);
  ctx.record(null, 'person_renamed', { personId: p.id, from: p.name, to: input.name });
  return personRow(ctx, p.id);
}

function participant(ctx: Ctx, decisionId: number, personId: number): Participant | undefined {
  return ctx
    .sql<Participant>('SELECT p.person_id AS personId, pe.name, p.role FROM participants p JOIN people pe ON pe.id = p.person_id WHERE p.decision_id = ? AND p.person_id = ?')
    .get(decisionId, personId);
}

function hasVoted(ctx: Ctx, decisionId: number, personId: number): boolean {
  return (
    ctx
      .sql(
        `SELECT 1 FROM rounds r WHERE r.decision_id = ? AND (
           EXISTS (SELECT 1 FROM score_votes v WHERE v.round_id = r.id AND v.person_id = ?) OR
           EXISTS (SELECT 1 FROM importance_votes v WHERE v.round_id = r.id AND v.person_id = ?))`,
      )
      .get(decisionId, personId, personId) !== undefined
  );
}

export function addParticipant(ctx: Ctx, input: Parsed<'addParticipant'>): Participant {
  const d = decisionRow(ctx, input.decisionId);
  const person = input.personId !== undefined ? personRow(ctx, input.personId) : findOrCreatePerson(ctx, input.name!);
  const existing = participant(ctx, d.id, person.id);
  if (existing !== undefined) fail('conflict', `${existing.name} already takes part in this decision, as ${existing.role}.`, input.personId !== undefined ? 'personId' : 'name');
  const { position } = ctx.sql<{ position: number }>('SELECT coalesce(max(position), -1) + 1 AS position FROM participants WHERE decision_id = ?').get(d.id)!;
  ctx.sql('INSERT INTO participants (decision_id, person_id, role, position) VALUES (?, ?, ?, ?)').run(d.id, person.id, input.role, position);
  ctx.record(d.id, 'participant_added', { personId: person.id, name: person.name, role: input.role });
  touch(ctx, d.id);
  return participant(ctx, d.id, person.id)!;
}

export function setParticipantRole(ctx: Ctx, input: Parsed<'setParticipantRole'>): Participant {
  const d = decisionRow(ctx, input.decisionId);
  const p = participant(ctx, d.id, input.personId) ?? fail('not_found', `Person ${input.personId} does not take part in this decision.`, 'personId');
  if (p.role === input.role) return p;
  if (input.role === 'informed' && hasVoted(ctx, d.id, p.personId)) {
    fail('conflict', `${p.name} has voted in this decision, and informed people do not vote; keep a voting role.`, 'role');
  }
  ctx.sql('UPDATE participants SET role = ? WHERE decision_id = ? AND person_id = ?').run(input.role, d.id, p.personId);
  ctx.record(d.id, 'participant_role_changed', { personId: p.personId, name: p.name, from: p.role, to: input.role });
  touch(ctx, d.id);
  return { ...p, role: input.role };
}

export function removeParticipant(ctx: Ctx, input: Parsed<'removeParticipant'>): { personId: number } {
  const d = decisionRow(ctx, input.decisionId);
  const p = participant(ctx, d.id, input.personId) ?? fail('not_found', `Person ${input.personId} does not take part in this decision.`, 'personId');
  if (hasVoted(ctx, d.id, p.personId)) {
    const open = openRoundOf(ctx, d.id);
    fail(
      'conflict',
      `${p.name} has voted in this decision, so stays on its record` + (open ? '; clear their ballot in the open round first if they are leaving.' : '.'),
      'personId',
    );
  }
  ctx.sql('DELETE FROM ballots_done WHERE person_id = ? AND round_id IN (SELECT id FROM rounds WHERE decision_id = ?)').run(p.personId, d.id);
  ctx.sql('DELETE FROM participants WHERE decision_id = ? AND person_id = ?').run(d.id, p.personId);
  ctx.record(d.id, 'participant_removed', { personId: p.personId, name: p.name });
  touch(ctx, d.id);
  return { personId: p.personId };
}
