// "Open a record…": an ADR from a repository becomes a new decision, ready to re-vote and supersede it.
import { useState, type FormEvent } from 'react';
import type { Reply } from '../../../shared/reply.ts';
import type { ImportedAdr } from '../types.ts';
import { api } from '../api.ts';
import { useStore } from '../store/index.ts';
import { ErrorNote } from './common.tsx';

export function OpenRecord() {
  const loadDecisions = useStore((s) => s.loadDecisions);
  const openDecision = useStore((s) => s.openDecision);
  const [open, setOpen] = useState(false);
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [read, setRead] = useState<ImportedAdr | null>(null);

  const done = async (reply: Reply<ImportedAdr>) => {
    if (!reply.ok) return setError(reply.error.message), setRead(null);
    setError(null);
    setRead(reply.value);
    setPath('');
    await loadDecisions();
    await openDecision(reply.value.decision.id, 'frame');
  };
  const byPath = async (e: FormEvent) => {
    e.preventDefault();
    await done(await api.importAdr({ path: path.trim() }));
  };
  // The browser gives the file's text, not where it lives: the export step links the record it supersedes.
  const byFile = async (file: File | undefined) => {
    if (file) await done(await api.importAdr({ text: await file.text(), name: file.name }));
  };

  if (!open) {
    return (
      <button type="button" className="open-record" onClick={() => setOpen(true)}>
        Open a record…
      </button>
    );
  }
  return (
    <form className="open-record" onSubmit={(e) => void byPath(e)} aria-label="Open a record">
      <h2>Open a record</h2>
      <label className="field">
        <span className="field-label">Path of the ADR file</span>
        <input value={path} onChange={(e) => setPath(e.target.value)} placeholder="/home/you/src/billing/docs/decisions/0007-use-django.md" spellCheck={false} />
      </label>
      <div className="actions">
        <button type="submit" className="primary" disabled={path.trim() === ''}>
          Open
        </button>
        <label className="file-pick">
          or choose a file <input type="file" accept=".md,text/markdown" aria-label="Choose an ADR file" onChange={(e) => void byFile(e.target.files?.[0])} />
        </label>
        <button type="button" onClick={() => setOpen(false)}>
          Close
        </button>
      </div>
      <ErrorNote error={error} />
      {read && (
        <p className="done" role="status">
          Read {read.file} ({read.profile}) into “{read.decision.title}”{read.supersedes ? `; exporting it into ${read.supersedes.adrDir} will supersede that record` : ''}.
          {read.notes.map((n) => ` ${n}`).join('')}
        </p>
      )}
    </form>
  );
}
