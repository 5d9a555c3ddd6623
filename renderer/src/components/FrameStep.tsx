import { useState, type FormEvent } from 'react';
import { useStore } from '../store/index.ts';
import type { DecisionDetail } from '../types.ts';
import { Empty, ErrorNote, OptionColumns, SavedText, useAction, useFieldSaver } from './common.tsx';

export function FrameStep() {
  const decision = useStore((s) => s.decision)!;
  const save = useFieldSaver(decision.id);
  return (
    <div className="frame">
      <section className="panel">
        <h3>The question</h3>
        <SavedText label="Title" value={decision.title} onSave={save('title')} />
        <SavedText label="Context and problem statement" value={decision.context} onSave={save('context')} multiline rows={5} placeholder="What forces us to decide, and what must the answer satisfy?" />
        <SavedText label="Decision drivers" value={decision.drivers} onSave={save('drivers')} multiline rows={6} placeholder="One per line: “- We need an admin panel from day one”" />
      </section>
      <Options decision={decision} />
      <EvidenceTable decision={decision} />
    </div>
  );
}

/** Options or criteria: add, rename, describe, reorder, remove. */
export function ItemList({ kind, decision }: { kind: 'option' | 'criterion'; decision: DecisionDetail }) {
  const items = kind === 'option' ? decision.options : decision.criteria;
  const { run, error } = useAction();
  const [name, setName] = useState('');
  const add = async (e: FormEvent) => {
    e.preventDefault();
    const reply = kind === 'option' ? await run('addOption', { decisionId: decision.id, name }) : await run('addCriterion', { decisionId: decision.id, name, weight: 3 });
    if (reply.ok) setName('');
  };
  const idKey = kind === 'option' ? 'optionId' : 'criterionId';
  const update = async (id: number, patch: { name?: string; description?: string }) => {
    const reply = kind === 'option' ? await run('updateOption', { optionId: id, ...patch }) : await run('updateCriterion', { criterionId: id, ...patch });
    return reply.ok ? null : reply.error.message;
  };
  const move = (id: number, position: number) => (kind === 'option' ? run('moveOption', { optionId: id, position }) : run('moveCriterion', { criterionId: id, position }));
  const remove = (id: number) => (kind === 'option' ? run('removeOption', { optionId: id }) : run('removeCriterion', { criterionId: id }));
  const noun = kind === 'option' ? 'option' : 'criterion';
  return (
    <>
      {items.length === 0 ? <Empty>No {kind === 'option' ? 'options' : 'criteria'} yet.</Empty> : null}
      <ol className="items">
        {items.map((item, i) => (
          <li key={item.id} className="item-row" data-id={`${idKey}-${item.id}`}>
            <SavedText label={`${kind === 'option' ? 'Option' : 'Criterion'} ${i + 1}`} value={item.name} onSave={(text) => update(item.id, { name: text })} />
            <SavedText label="Description" value={item.description} onSave={(text) => update(item.id, { description: text })} />
            <span className="row-actions">
              <button onClick={() => void move(item.id, i - 1)} disabled={i === 0} aria-label={`Move ${item.name} up`}>
                ↑
              </button>
              <button onClick={() => void move(item.id, i + 1)} disabled={i === items.length - 1} aria-label={`Move ${item.name} down`}>
                ↓
              </button>
              <button className="danger" onClick={() => void remove(item.id)} aria-label={`Remove ${item.name}`}>
                Remove
              </button>
            </span>
          </li>
        ))}
      </ol>
      <form className="inline-form" onSubmit={(e) => void add(e)}>
        <label className="field">
          <span className="field-label">New {noun}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={120} required />
        </label>
        <button type="submit">Add {noun}</button>
      </form>
      <ErrorNote error={error} />
    </>
  );
}

function Options({ decision }: { decision: DecisionDetail }) {
  return (
    <section className="panel">
      <h3>Options</h3>
      <ItemList kind="option" decision={decision} />
    </section>
  );
}

function EvidenceTable({ decision }: { decision: DecisionDetail }) {
  const { run, error } = useAction();
  const [draft, setDraft] = useState<{ optionId: number; criterionId: number; text: string; source: string } | null>(null);
  if (decision.options.length === 0 || decision.criteria.length === 0) return null;
  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    const reply = await run('addEvidence', draft);
    if (reply.ok) setDraft(null);
  };
  return (
    <section className="panel">
      <h3>Evidence</h3>
      <p className="muted">What we know about each option on each criterion, and where it comes from.</p>
      <div className="table-scroll">
        <table className="evidence">
          <OptionColumns first={['Criterion']} options={decision.options} />
          <tbody>
            {decision.criteria.map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.name}</th>
                {decision.options.map((o) => (
                  <td key={o.id}>
                    {decision.evidence
                      .filter((e) => e.optionId === o.id && e.criterionId === c.id)
                      .map((e) => (
                        <div key={e.id} className="note">
                          <p>{e.text}</p>
                          {e.source && <p className="source">— {e.source}</p>}
                          <button className="link small" onClick={() => void run('removeEvidence', { evidenceId: e.id })} aria-label={`Remove note on ${o.name}, ${c.name}`}>
                            remove
                          </button>
                        </div>
                      ))}
                    <button className="link small" onClick={() => setDraft({ optionId: o.id, criterionId: c.id, text: '', source: '' })} aria-label={`Add a note on ${o.name}, ${c.name}`}>
                      + note
                    </button>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {draft && (
        <form className="inline-form" onSubmit={(e) => void add(e)} aria-label="New evidence note">
          <label className="field grow">
            <span className="field-label">
              Note on {decision.options.find((o) => o.id === draft.optionId)?.name} × {decision.criteria.find((c) => c.id === draft.criterionId)?.name}
            </span>
            <input value={draft.text} onChange={(e) => setDraft({ ...draft, text: e.target.value })} autoFocus required />
          </label>
          <label className="field">
            <span className="field-label">Source</span>
            <input value={draft.source} onChange={(e) => setDraft({ ...draft, source: e.target.value })} />
          </label>
          <button type="submit">Save note</button>
          <button type="button" onClick={() => setDraft(null)}>
            Cancel
          </button>
        </form>
      )}
      <ErrorNote error={error} />
    </section>
  );
}
