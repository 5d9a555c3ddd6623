import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { useStore } from '../store/index.ts';
import type { Person, Role } from '../types.ts';
import { Empty, ErrorNote, RoleOptions, useAction } from './common.tsx';

const roleHelp: Record<Role, string> = {
  facilitator: 'runs the workshop; may vote',
  'decision-maker': 'votes and decides',
  consulted: 'votes; their view is sought',
  informed: 'told of the outcome; does not vote',
};

export function TeamStep() {
  const decision = useStore((s) => s.decision)!;
  const { run, error } = useAction();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('decision-maker');
  const [people, setPeople] = useState<Person[]>([]);
  useEffect(() => {
    void api.listPeople({}).then((r) => r.ok && setPeople(r.value));
  }, [decision.participants.length]);
  const add = async (e: FormEvent) => {
    e.preventDefault();
    const reply = await run('addParticipant', { decisionId: decision.id, name, role });
    if (reply.ok) setName('');
  };
  const known = people.filter((p) => !decision.participants.some((x) => x.personId === p.id));
  return (
    <section className="panel team">
      <h3>Who is in the room</h3>
      {/* The form first: people arrive during the workshop, and in presenter mode a long list would push it off screen. */}
      <form className="inline-form" onSubmit={(e) => void add(e)}>
        <label className="field">
          <span className="field-label">Name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} list="known-people" maxLength={120} required placeholder="Pick someone from before, or type a new name" />
          <datalist id="known-people">
            {known.map((p) => (
              <option key={p.id} value={p.name} />
            ))}
          </datalist>
        </label>
        <label className="field">
          <span className="field-label">Role</span>
          <select aria-label="Role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            <RoleOptions />
          </select>
        </label>
        <button type="submit">Add person</button>
      </form>
      <ErrorNote error={error} />
      {decision.participants.length === 0 ? <Empty>Nobody yet: add the people taking part.</Empty> : null}
      <ul className="participants">
        {decision.participants.map((p) => (
          <li key={p.personId}>
            <span className="person">{p.name}</span>
            <label>
              <span className="sr-only">Role of {p.name}</span>
              <select value={p.role} onChange={(e) => void run('setParticipantRole', { decisionId: decision.id, personId: p.personId, role: e.target.value as Role })}>
                <RoleOptions />
              </select>
            </label>
            <span className="muted small">{roleHelp[p.role]}</span>
            <button className="danger" onClick={() => void run('removeParticipant', { decisionId: decision.id, personId: p.personId })} aria-label={`Remove ${p.name}`}>
              Remove
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
