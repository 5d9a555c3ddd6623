import { useEffect, useState } from 'react';
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { draftReason } from '../../../shared/adr/reason.ts';
import { api } from '../api.ts';
import { useStore } from '../store/index.ts';
import { adrProfiles, recordNamesModes, type AdrExport, type AdrProfile, type DecisionDetail, type ExportPlan, type ExportResult, type RecordNames, type RepoScan } from '../types.ts';
import { listOf } from '../../../shared/scoring/index.ts';
import { ErrorNote, SavedText, useAction, useFieldSaver } from './common.tsx';
import { CopyButton } from './CopyButton.tsx';

export function DecideStep() {
  const decision = useStore((s) => s.decision)!;
  return (
    <div className="decide">
      <Decide decision={decision} />
      <Consequences decision={decision} />
      <ExportPanel decision={decision} />
    </div>
  );
}

export function Decide({ decision }: { decision: DecisionDetail }) {
  const results = useStore((s) => s.results);
  const { run, error } = useAction();
  const top = results?.options.filter((o) => o.rank === 1).map((o) => o.optionId) ?? [];
  const [optionId, setOptionId] = useState<number | ''>(decision.outcome.optionId ?? top[0] ?? '');
  const [status, setStatus] = useState<'proposed' | 'accepted' | 'rejected'>(decision.status === 'accepted' || decision.status === 'rejected' ? decision.status : 'accepted');
  // The record's "because" is the team's sentence: offered as a draft from what carried the result, always asked for.
  const [why, setWhy] = useState(() => decision.outcome.rationale || draftReason(decision, results, decision.outcome.optionId ?? top[0] ?? null));
  const draft = draftReason(decision, results, optionId === '' ? null : optionId);
  // Another than the top one, or one of several tied for first: the scores did not choose it, the team did.
  const tied = top.length > 1;
  const needsWhy = optionId !== '' && (!top.includes(optionId) || tied);
  const topNames = listOf(top.map((id) => decision.options.find((o) => o.id === id)?.name ?? ''));
  const chosen = decision.options.find((o) => o.id === decision.outcome.optionId);
  const submit = () => optionId !== '' && void run('decide', { decisionId: decision.id, optionId, status, why: why.trim() || undefined });
  return (
    <section className="panel" aria-labelledby="decide-title">
      <h3 id="decide-title">Decide</h3>
      {chosen && (
        <p className="decided" role="status">
          Decided: <strong>{chosen.name}</strong> ({decision.status})
        </p>
      )}
      <div className="settings">
        <label className="field">
          <span className="field-label">Chosen option</span>
          <select aria-label="Chosen option" value={optionId} onChange={(e) => setOptionId(e.target.value === '' ? '' : Number(e.target.value))}>
            <option value="">Choose…</option>
            {decision.options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
                {top.includes(o.id) ? (tied ? ' (tied for first)' : ' (top ranked)') : ''}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Status</span>
          <select aria-label="Status" value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            <option value="proposed">proposed</option>
            <option value="accepted">accepted</option>
            <option value="rejected">rejected</option>
          </select>
        </label>
      </div>
      <label className="field">
        <span className="field-label">
          {tied && needsWhy
            ? `Why this option (required: ${topNames} are tied for first place)`
            : needsWhy || top.length === 0
              ? 'Why this option (required: it is not the top-ranked one)'
              : 'Because… (the record says it in these words)'}
        </span>
        <textarea rows={3} value={why} onChange={(e) => setWhy(e.target.value)} aria-required />
      </label>
      {draft && why.trim() !== draft && (
        <p className="muted draft">
          Draft from the results: “{draft}”{' '}
          <button type="button" onClick={() => setWhy(draft)}>
            Use the draft
          </button>
        </p>
      )}
      <button className="primary" onClick={submit} disabled={optionId === '' || why.trim() === ''}>
        Record the decision
      </button>
      <ErrorNote error={error} />
    </section>
  );
}

function Consequences({ decision }: { decision: DecisionDetail }) {
  const save = useFieldSaver(decision.id);
  return (
    <section className="panel">
      <h3>Consequences</h3>
      <SavedText label="Good (one per line)" value={decision.consequencesGood} onSave={save('consequencesGood')} multiline rows={3} />
      <SavedText label="Bad (one per line)" value={decision.consequencesBad} onSave={save('consequencesBad')} multiline rows={3} />
      <SavedText label="Confirmation: how we will know it works" value={decision.confirmation} onSave={save('confirmation')} multiline rows={2} />
    </section>
  );
}

const lastRepoKey = 'verdict.lastRepo';

export function ExportPanel({ decision }: { decision: DecisionDetail }) {
  const refresh = useStore((s) => s.refreshDecision);
  const [repo, setRepo] = useState(() => localStorage.getItem(lastRepoKey) ?? '');
  const [format, setFormat] = useState<AdrProfile | ''>('');
  const [scan, setScan] = useState<RepoScan | null>(null);
  const [plan, setPlan] = useState<ExportPlan | null>(null);
  const [done, setDone] = useState<ExportResult | null>(null);
  const [raw, setRaw] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [exports, setExports] = useState<AdrExport[]>([]);
  const [onBranch, setOnBranch] = useState(false);
  const [branchName, setBranchName] = useState('');

  useEffect(() => {
    void api.listExports({ decisionId: decision.id }).then((r) => r.ok && setExports(r.value));
  }, [decision.id, done]);

  const where = (folder = repo) => ({ decisionId: decision.id, repo: folder.trim(), format: format || undefined });
  const preview = async (folder = repo) => {
    setDone(null);
    const [s, p] = await Promise.all([api.scanRepo({ repo: folder.trim(), format: format || undefined }), api.previewExport(where(folder))]);
    if (!s.ok) return setError(s.error.message), setScan(null), setPlan(null);
    setScan(s.value);
    if (!p.ok) return setError(p.error.message), setPlan(null);
    localStorage.setItem(lastRepoKey, folder.trim());
    setPlan(p.value);
    setError(null);
  };
  const write = async (onConflict: 'refuse' | 'new-file' | 'overwrite') => {
    const branch = onBranch && plan?.branch.available ? branchName.trim() || true : undefined;
    const reply = await api.exportAdr({ ...where(), onConflict, branch });
    if (!reply.ok) return setError(reply.error.message);
    await refresh();
    await preview();
    setDone(reply.value);
  };
  const supersede = async (file: string) => {
    const reply = file ? await api.linkSupersedesRecord({ decisionId: decision.id, repo: repo.trim(), file }) : null;
    if (reply && !reply.ok) return setError(reply.error.message);
    await preview();
  };
  // The desktop app offers its native folder dialog; web mode has the path field alone.
  const choose = async () => {
    try {
      const folder = await api.desktop?.pickFolder({ title: 'Choose the repository for the ADR', defaultPath: repo.trim() || undefined });
      if (!folder) return;
      setRepo(folder);
      await preview(folder);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <section className="panel export" aria-labelledby="export-title">
      <h3 id="export-title">Export the ADR</h3>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void preview();
        }}
      >
        <label className="field grow">
          <span className="field-label">Repository folder</span>
          <input value={repo} onChange={(e) => setRepo(e.target.value)} placeholder="/home/you/src/billing" required spellCheck={false} />
        </label>
        {api.desktop && (
          <button type="button" onClick={() => void choose()}>
            Choose folder…
          </button>
        )}
        <label className="field">
          <span className="field-label">Format</span>
          <select aria-label="Format" value={format} onChange={(e) => setFormat(e.target.value as AdrProfile | '')}>
            <option value="">The repository’s own</option>
            {adrProfiles.map((p) => (
              <option key={p} value={p}>
                {p === 'madr' ? 'MADR 4' : p === 'nygard' ? 'Nygard / adr-tools' : 'log4brains'}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Preview</button>
      </form>
      <ErrorNote error={error} />
      {scan && plan && (
        <div className="plan">
          <p>
            <strong>{plan.folder.adrDir}</strong> — {plan.folder.profile === 'madr' ? 'MADR 4' : plan.folder.profile === 'nygard' ? 'Nygard / adr-tools' : 'log4brains'}
            {plan.folder.source !== 'none' ? ` (found by ${plan.folder.source})` : ''}, {scan.records.length} records there.
          </p>
          <RecordNamesChoice decision={decision} onSaved={() => void preview()} />
          <div className="branch-choice">
            <label>
              <input type="checkbox" checked={onBranch && plan.branch.available} disabled={!plan.branch.available} onChange={(e) => setOnBranch(e.target.checked)} /> Commit on a new branch
            </label>
            {!plan.branch.available && <span className="muted"> — {plan.branch.reason}</span>}
            {plan.branch.available && onBranch && (
              <label className="field">
                <span className="field-label">Branch</span>
                <input aria-label="Branch name" value={branchName} placeholder={plan.branch.name} onChange={(e) => setBranchName(e.target.value)} spellCheck={false} />
              </label>
            )}
          </div>
          <p className="target">
            {onBranch && plan.branch.available && plan.action !== 'conflict' ? (
              <>
                Will commit <code>{plan.branch.file}</code> on a new branch, <code>{branchName.trim() || plan.branch.name}</code>
                {plan.branch.current ? `, from ${plan.branch.current}` : ''}; your working tree, index and current branch stay as they are.
              </>
            ) : null}
            {!(onBranch && plan.branch.available) && plan.action === 'create' && (
              <>
                Will write <code>{plan.file}</code>
                {plan.number !== null ? ` as number ${plan.number}` : ''}.
              </>
            )}
            {!(onBranch && plan.branch.available) && plan.action === 'update' && (
              <>
                Will update Verdict’s own <code>{plan.file}</code>.
              </>
            )}
            {!(onBranch && plan.branch.available) && plan.action === 'unchanged' && (
              <>
                <code>{plan.file}</code> is up to date.
              </>
            )}
            {plan.action === 'conflict' && (
              <>
                <code>{plan.file}</code> was edited in the repository since Verdict wrote it.
              </>
            )}
          </p>
          {plan.notes.map((n) => (
            <p key={n} className="muted">
              {n}
            </p>
          ))}
          {scan.records.length > 0 && (
            <label className="field">
              <span className="field-label">This decision supersedes</span>
              <select aria-label="This decision supersedes" value="" onChange={(e) => void supersede(e.target.value)}>
                <option value="">{plan.supersedes.length ? plan.supersedes.map((s) => s.title).join(', ') : 'No earlier record'}</option>
                {scan.records
                  .filter((r) => r.error === null && r.file !== plan.file && !plan.supersedes.some((s) => s.file === r.file))
                  .map((r) => (
                    <option key={r.file} value={r.file}>
                      {r.number !== null ? `${r.number}. ` : ''}
                      {r.title}
                    </option>
                  ))}
              </select>
            </label>
          )}
          <div className="actions">
            {plan.action === 'conflict' ? (
              <>
                <button className="primary" onClick={() => void write('new-file')}>
                  Write a new record
                </button>
                <button className="danger" onClick={() => void write('overwrite')}>
                  Overwrite (their edits are lost)
                </button>
              </>
            ) : (
              <button className="primary big" onClick={() => void write('refuse')} disabled={plan.action === 'unchanged' && !(onBranch && plan.branch.available)}>
                {onBranch && plan.branch.available ? 'Commit on a new branch' : 'Export'}
              </button>
            )}
            <CopyButton text={plan.markdown} label="Copy markdown" />
            <button onClick={() => setRaw(!raw)} aria-pressed={raw}>
              {raw ? 'Show rendered' : 'Show markdown'}
            </button>
          </div>
          {done?.branch && (
            <p className="done" role="status">
              Committed <code>{done.branch.files[0]}</code> on the new branch <code>{done.branch.name}</code>
              {done.superseded.length ? ` — marked superseded: ${done.superseded.join(', ')}` : ''}. Push it with <code>{done.branch.push}</code>{' '}
              <CopyButton text={done.branch.push} label="Copy the push command" />
            </p>
          )}
          {done && !done.branch && (
            <p className="done" role="status">
              {done.action === 'unchanged' ? 'Already up to date: ' : 'Written: '}
              <code>{done.path}</code>
              {done.superseded.length ? ` — marked superseded: ${done.superseded.join(', ')}` : ''}
            </p>
          )}
          {raw ? (
            <pre className="markdown-raw" aria-label="ADR markdown" tabIndex={0}>
              {plan.markdown}
            </pre>
          ) : (
            <article className="markdown-preview" aria-label="ADR preview" tabIndex={0}>
              <Markdown remarkPlugins={[remarkGfm]}>{plan.markdown.replace(/^---\n[\s\S]*?\n---\n/, '')}</Markdown>
            </article>
          )}
        </div>
      )}
      {exports.length > 0 && (
        <>
          <h4>Written before</h4>
          <ul className="exports">
            {exports.map((x) => (
              <li key={x.path}>
                <code>{x.path}</code> <span className="muted">({x.profile}, {x.exportedAt.slice(0, 16).replace('T', ' ')})</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

const recordNamesLabels: Record<RecordNames, string> = { names: 'By name', roles: 'By role only', nobody: 'Nobody' };

/** Who voted what, as the record says it: the decision's choice; anonymous votes are always "nobody". */
function RecordNamesChoice({ decision, onSaved }: { decision: DecisionDetail; onSaved: () => void }) {
  const { run, error } = useAction();
  const change = async (value: RecordNames) => {
    const reply = await run('updateDecision', { decisionId: decision.id, patch: { recordNames: value } });
    if (reply.ok) onSaved();
  };
  return (
    <label className="field">
      <span className="field-label">Who voted what, in the record{decision.anonymous ? ' (the votes are anonymous: nobody)' : ''}</span>
      <select aria-label="Who voted what, in the record" value={decision.anonymous ? 'nobody' : decision.recordNames} disabled={decision.anonymous} onChange={(e) => void change(e.target.value as RecordNames)}>
        {recordNamesModes.map((m) => (
          <option key={m} value={m}>
            {recordNamesLabels[m]}
          </option>
        ))}
      </select>
      <ErrorNote error={error} />
    </label>
  );
}
