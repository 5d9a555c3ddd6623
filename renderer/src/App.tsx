import { useEffect, useState, type FormEvent } from 'react';
import { api } from './api.ts';
import { useStore, weightPercents } from './store.ts';
import { statuses, type DecisionDetail, type Status } from './types.ts';

export function App() {
  const { load, error, undo, restore } = useStore();
  useEffect(() => {
    void load();
    // Any change from any door (this window, another window, the CLI) refreshes the view.
    return api.onChange(() => void useStore.getState().load());
  }, [load]);
  return (
    <div className="app">
      <header className="bar">
        <h1>Verdict</h1>
        <span className="tagline">Architecture decisions, made together</span>
      </header>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {undo && (
        <p className="notice" role="status">
          “{undo.title}” moved to the trash. <button onClick={() => void restore()}>Undo</button>
        </p>
      )}
      <main className="layout">
        <DecisionList />
        <DecisionView />
      </main>
    </div>
  );
}

function DecisionList() {
  const { decisions, templates, search, status, loading, setFilter, open, create, current } = useStore();
  const [title, setTitle] = useState('');
  const [template, setTemplate] = useState('django-vs-flask');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await create(title, template)) setTitle('');
  };
  return (
    <nav className="list" aria-label="Decisions">
      <form className="new" onSubmit={(e) => void submit(e)}>
        <label>
          New decision
          <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder="e.g. Use Django or Flask for billing" required maxLength={200} />
        </label>
        <select value={template} onChange={(e) => setTemplate(e.target.value)} aria-label="Template">
          {templates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.title}
            </option>
          ))}
        </select>
        <button type="submit">Create</button>
      </form>
      <div className="filters">
        <input type="search" value={search} onChange={(e) => void setFilter({ search: e.target.value })} placeholder="Search" aria-label="Search decisions" />
        <select value={status} onChange={(e) => void setFilter({ status: e.target.value as Status | '' })} aria-label="Status filter">
          <option value="">All statuses</option>
          {statuses.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </div>
      {loading ? (
        <p className="muted">Loading…</p>
      ) : decisions.length === 0 ? (
        <p className="muted">{search || status ? 'No decision matches.' : 'No decisions yet: create the first one above.'}</p>
      ) : (
        <ul>
          {decisions.map((d) => (
            <li key={d.id}>
              <button className={current?.id === d.id ? 'item active' : 'item'} onClick={() => void open(d.id)}>
                <span className={`status ${d.status}`}>{d.status}</span> {d.title}
              </button>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}

function DecisionView() {
  const { current, remove } = useStore();
  if (!current) return <section className="detail muted">Choose a decision, or create one from the Django vs Flask template.</section>;
  return (
    <section className="detail" aria-label={current.title}>
      <h2>{current.title}</h2>
      <p>
        <span className={`status ${current.status}`}>{current.status}</span> · scale {current.scale.min}–{current.scale.max} · {current.aggregation} · weights{' '}
        {current.weighting}
      </p>
      {current.context && <p className="context">{current.context}</p>}
      <h3>Options</h3>
      <ul>
        {current.options.map((o) => (
          <li key={o.id}>
            <strong>{o.name}</strong> {o.description && <span className="muted">— {o.description}</span>}
          </li>
        ))}
      </ul>
      <Criteria decision={current} />
      <h3>Team</h3>
      {current.participants.length === 0 ? <p className="muted">Nobody yet.</p> : <p>{current.participants.map((p) => `${p.name} (${p.role})`).join(', ')}</p>}
      <button className="danger" onClick={() => void remove(current.id)}>
        Move to trash
      </button>
    </section>
  );
}

function Criteria({ decision }: { decision: DecisionDetail }) {
  const percents = weightPercents(decision);
  return (
    <>
      <h3>Criteria</h3>
      <ul className="criteria">
        {decision.criteria.map((c) => (
          <li key={c.id}>
            <span>{c.name}</span>
            <meter min={0} max={100} value={percents.get(c.id)} aria-label={`${c.name} weight`} />
            <span className="muted">{percents.get(c.id)!.toFixed(1)} %</span>
          </li>
        ))}
      </ul>
    </>
  );
}
