// Small pieces every screen uses: running an action with its error shown in place, and text that saves on blur.
import { useEffect, useState, type ReactNode } from 'react';
import type { Input, Method, Output } from '../../../shared/api.ts';
import type { Reply } from '../../../shared/reply.ts';
import { useStore } from '../store/index.ts';
import { roles } from '../types.ts';

/** Runs store actions; keeps the last error for this spot on the screen. */
export function useAction() {
  const act = useStore((s) => s.act);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function run<M extends Method>(name: M, input: Input<M>): Promise<Reply<Output<M>>> {
    setBusy(true);
    const reply = await act(name, input);
    setBusy(false);
    setError(reply.ok ? null : reply.error.message);
    return reply;
  }
  return { run, error, setError, busy };
}

type TextField = 'title' | 'context' | 'drivers' | 'consequencesGood' | 'consequencesBad' | 'confirmation';

/** A SavedText `onSave` for one of the decision's text fields: null when saved, else the reason. */
export function useFieldSaver(decisionId: number) {
  const { run } = useAction();
  return (field: TextField) => async (text: string) => {
    const reply = await run('updateDecision', { decisionId, patch: { [field]: text } });
    return reply.ok ? null : reply.error.message;
  };
}

export function ErrorNote({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p className="error-note" role="alert">
      {error}
    </p>
  );
}

/**
 * A text field that keeps what the user typed while it saves on blur; a refused save
 * leaves the text in place with the reason beside it.
 */
export function SavedText({
  label,
  value,
  onSave,
  multiline = false,
  placeholder,
  rows = 4,
}: {
  label: string;
  value: string;
  onSave: (text: string) => Promise<string | null>;
  multiline?: boolean;
  placeholder?: string;
  rows?: number;
}) {
  const [text, setText] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    if (!dirty) setText(value);
  }, [value, dirty]);
  const save = async () => {
    if (!dirty || text === value) return setDirty(false);
    const problem = await onSave(text);
    setError(problem);
    if (problem === null) setDirty(false);
  };
  const props = {
    value: text,
    placeholder,
    'aria-invalid': error !== null,
    onChange: (e: { target: { value: string } }) => {
      setText(e.target.value);
      setDirty(true);
    },
    onBlur: () => void save(),
  };
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      {multiline ? <textarea rows={rows} {...props} /> : <input {...props} onKeyDown={(e) => e.key === 'Enter' && void save()} />}
      <ErrorNote error={error} />
    </label>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}


/** The header row of a table with one column per option, after the given leading columns. */
export function OptionColumns({ first, options }: { first: string[]; options: { id: number; name: string }[] }) {
  return (
    <thead>
      <tr>
        {first.map((f) => (
          <th scope="col" key={f}>
            {f}
          </th>
        ))}
        {options.map((o) => (
          <th scope="col" key={o.id}>
            {o.name}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** The four roles as options of a select. */
export function RoleOptions() {
  return (
    <>
      {roles.map((r) => (
        <option key={r} value={r}>
          {r}
        </option>
      ))}
    </>
  );
}
