import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useStore } from '../store/index.ts';
import { statuses, type DecisionSummary, type Status } from '../types.ts';
import { Empty, ErrorNote } from './common.tsx';
import { OpenRecord } from './OpenRecord.tsx';

export function DecisionList({ compact }: { compact: boolean }) {
  const { decisions, templates, search, statusFilter, listLoading, listError, setFilter, openDecision, decisionId, createDecision, duplicateDecision, trashDecision, newDecision, trash, showTrash } = useStore();
  /** The decision whose Delete asked "voting is open: delete anyway?". */
  const [confirming, setConfirming] = useState<number | null>(null);
  const [title, setTitle] = useState('');
  const [template, setTemplate] = useState('django-vs-flask');
  const titleField = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!newDecision) return;
    setTemplate(newDecision.template);
    titleField.current?.focus();
  }, [newDecision]);
  const [createError, setCreateError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = await createDecision(title, template);
    setCreateError(problem);
    if (problem === null) setTitle('');
  };
  return (
    <nav className={`decisions${compact ? ' compact' : ''}`} aria-label="Decisions">
      <form className="new-decision" onSubmit={(e) => void submit(e)}>
        <h2>New decision</h2>
        <label className="field">
          <span className="field-label">Title</span>
          <input ref={titleField} value={title} onChange={(e) => setTitle(e.target.value)} placeholder="e.g. Use Django or Flask for billing" required maxLength={200} />
        </label>
        <label className="field">
          <span className="field-label">Start from</span>
          <select aria-label="Start from" value={template} onChange={(e) => setTemplate(e.target.value)}>
            {templates.map((t) => (
              <option key={t.id} value={t.id} title={t.description}>
                {t.title}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary">
          Create
        </button>
        <ErrorNote error={createError} />
      </form>
      <OpenRecord />
      <div className="filters">
        <input type="search" value={search} onChange={(e) => void setFilter({ search: e.target.value })} placeholder="Search decisions" aria-label="Search decisions" />
        <select value={statusFilter} onChange={(e) => void setFilter({ statusFilter: e.target.value as Status | '' })} aria-label="Status filter">
          <option value="">All statuses</option>
          {statuses.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </div>
      <ErrorNote error={listError} />
      {listLoading ? (
        <p className="muted" aria-busy="true">
          Loading decisions…
        </p>
      ) : decisions.length === 0 ? (
        <Empty>{search || statusFilter ? 'No decision matches this search.' : 'No decisions yet. Create the first one above — Django vs Flask is a good start.'}</Empty>
      ) : (
        <ul className="decision-list">
          {decisions.map((d) => (
            <li key={d.id} className={decisionId === d.id ? 'active' : undefined}>
              <button className="decision-item" onClick={() => void openDecision(d.id)} aria-current={decisionId === d.id ? 'true' : undefined}>
                <span className={`status ${d.status}`}>{d.status}</span>
                <span className="decision-title">{d.title}</span>
                <span className="muted small">
                  {d.optionCount} options · {d.criterionCount} criteria · {d.participantCount} people{d.chosenOption ? ` · → ${d.chosenOption}` : ''}
                </span>
                {d.adrFile && (
                  <span className="muted small">
                    {d.adrNumber !== null ? `ADR ${d.adrNumber} · ` : ''}
                    <code>{d.adrFile}</code>
                  </span>
                )}
              </button>
              {!compact && (
                <span className="row-actions">
                  <button onClick={() => void duplicateDecision(d.id)} aria-label={`Duplicate ${d.title}`}>
                    Duplicate
                  </button>
                  <button onClick={() => (d.votingOpen ? setConfirming(d.id) : void trashDecision(d.id))} aria-label={`Delete ${d.title}`} className="danger">
                    Delete
                  </button>
                </span>
              )}
              {confirming === d.id && (
                <div className="confirm" role="alertdialog" aria-label={`Delete ${d.title} while voting is open?`}>
                  <p>Voting is open in this decision: deleting it now ends the vote for everyone. Delete it anyway? It goes to the trash.</p>
                  <button
                    className="danger"
                    onClick={() => {
                      setConfirming(null);
                      void trashDecision(d.id);
                    }}
                  >
                    Delete anyway
                  </button>{' '}
                  <button autoFocus onClick={() => setConfirming(null)}>
                    Keep it
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {!compact && (
        <button className="link trash-toggle" aria-expanded={trash !== null} onClick={() => void showTrash(trash === null)}>
          {trash === null ? 'Show the trash' : 'Hide the trash'}
        </button>
      )}
      {!compact && trash !== null && <TrashView items={trash} />}
    </nav>
  );
}

/** Deleted decisions: restore one, or delete it forever after a second click. */
function TrashView({ items }: { items: DecisionSummary[] }) {
  const { restoreFromTrash, purgeFromTrash } = useStore();
  const [purging, setPurging] = useState<number | null>(null);
  return (
    <section className="trash" aria-labelledby="trash-title">
      <h2 id="trash-title">Trash</h2>
      {items.length === 0 ? (
        <Empty>The trash is empty.</Empty>
      ) : (
        <ul className="decision-list">
          {items.map((d) => (
            <li key={d.id}>
              <span className="decision-title">{d.title}</span>
              <span className="muted small">deleted {d.deletedAt?.slice(0, 10)}</span>
              <span className="row-actions">
                <button onClick={() => void restoreFromTrash(d.id)} aria-label={`Restore ${d.title}`}>
                  Restore
                </button>
                {purging === d.id ? (
                  <>
                    <button className="danger" onClick={() => void purgeFromTrash(d.id).then(() => setPurging(null))} aria-label={`Yes, delete forever: ${d.title}`}>
                      Yes, delete forever
                    </button>
                    <button onClick={() => setPurging(null)}>Keep</button>
                  </>
                ) : (
                  <button className="danger" onClick={() => setPurging(d.id)} aria-label={`Delete forever: ${d.title}`}>
                    Delete forever
                  </button>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
