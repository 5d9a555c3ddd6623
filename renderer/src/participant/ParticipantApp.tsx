// The page a participant opens on their phone: type the code on the screen (or scan it), pick your name, vote
// one criterion at a time, submit. It knows only its own seat; the shared screen shows the room.
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { applyBallotUpdate } from '../../../shared/ballot.ts';
import type { ParticipantBallot, ParticipantFrame, RosterEntry } from '../../../shared/participant.ts';
import type { Results } from '../../../shared/types.ts';
import { Ranking } from '../components/Ranking.tsx';
import { call, linkOf, seatStore } from './client.ts';
import './theme.ts';

type Screen = { name: 'loading' } | { name: 'type' } | { name: 'pick'; roster: RosterEntry[] } | { name: 'vote' } | { name: 'gone'; message: string; stale?: boolean };

export function ParticipantApp() {
  const link = linkOf(location.hash);
  const [screen, setScreen] = useState<Screen>({ name: 'loading' });
  const [frame, setFrame] = useState<ParticipantFrame | null>(null);
  const [ballot, setBallot] = useState<ParticipantBallot | null>(null);
  const [results, setResults] = useState<Results | null>(null);
  const [error, setError] = useState<string | null>(null);

  const leave = (message: string, stale = false) => {
    seatStore.clear();
    setScreen({ name: 'gone', message, stale });
  };

  /** The page that asks for the code, at /join with no workshop code left in the address (a reload stays there). */
  const typeCode = () => {
    history.replaceState(null, '', '/join');
    setError(null);
    setScreen({ name: 'type' });
  };

  const refresh = useCallback(async () => {
    const f = await call('frame');
    if (!f.ok) return f.error.code === 'unauthorized' ? leave('Your seat was reset, or the facilitator closed the doors.') : setError(f.error.message);
    setFrame(f.value);
    if (f.value.round?.status === 'open') {
      const b = await call('ballot');
      if (b.ok) setBallot(b.value);
      else setError(b.error.message);
    } else if (f.value.round?.status === 'revealed' && f.value.resultsShown) {
      const r = await call('results');
      if (r.ok) setResults(r.value);
    }
    setScreen({ name: 'vote' });
  }, []);

  const showRoster = useCallback(
    async (workshop = link.workshop) => {
      if (!workshop) return setScreen({ name: 'type' });
      const r = await call('roster', { workshop });
      // A workshop code that opens nothing (the doors closed, and maybe opened again with a new code) is dropped,
      // so neither "Join again" nor a reload tries it again.
      if (!r.ok && r.error.code === 'unauthorized') {
        history.replaceState(null, '', '/join');
        return leave('This link is not for the workshop open now: the doors may have been closed and opened again. Type the new code from the screen, or scan the QR code again.', true);
      }
      if (!r.ok) return leave(r.error.message);
      setScreen({ name: 'pick', roster: r.value });
    },
    [link.workshop],
  );

  /** The typed code gave the workshop code: from here on it is as if the join link had been opened (a reload too). */
  const entered = (workshop: string) => {
    history.replaceState(null, '', `/join#w=${workshop}`);
    void showRoster(workshop);
  };

  // On arrival: a seat this tab holds already, else a personal invitation, else the list of names (or the code to type).
  useEffect(() => {
    void (async () => {
      if (seatStore.get() && (await call('frame')).ok) return void refresh();
      seatStore.clear();
      if (link.invite) {
        const r = await call('claim', { invite: link.invite });
        if (!r.ok) return leave(r.error.message);
        seatStore.set(r.value.seat);
        history.replaceState(null, '', location.pathname);
        return void refresh();
      }
      await showRoster();
    })();
  }, []);

  // Follow the room: the reveal, a re-vote, the doors closing.
  useEffect(() => {
    if (screen.name !== 'vote') return;
    const timer = setInterval(() => void refresh(), 3000);
    return () => clearInterval(timer);
  }, [screen.name, refresh]);

  const pick = async (memberId: number) => {
    const r = await call('claim', { workshop: link.workshop, memberId });
    if (!r.ok) {
      setError(r.error.message);
      return void showRoster();
    }
    seatStore.set(r.value.seat);
    setError(null);
    await refresh();
  };

  return (
    <main className="participant">
      {screen.name === 'loading' && <p className="muted">Joining the workshop…</p>}
      {screen.name === 'gone' && (
        <section className="panel">
          <h1>Not in the workshop</h1>
          <p>{screen.message}</p>
          <p className="actions">
            {link.workshop && <button onClick={() => void showRoster()}>Join again</button>}
            <button onClick={typeCode}>{link.workshop || screen.stale ? 'Type the new code from the screen' : 'Type the code on the screen'}</button>
          </p>
        </section>
      )}
      {screen.name === 'type' && <TypeCode onEntered={entered} />}
      {screen.name === 'pick' && (
        <section className="panel">
          <h1>Who are you?</h1>
          <p className="muted">Pick your name. Your votes stay hidden until the facilitator reveals everyone’s at once.</p>
          {error && (
            <p className="error-note" role="alert">
              {error}
            </p>
          )}
          <ul className="names">
            {screen.roster.map((m) => (
              <li key={m.memberId}>
                <button className="big" disabled={m.taken || m.invited} onClick={() => void pick(m.memberId)}>
                  {m.name}
                  {m.taken ? <span className="small"> — on another device</span> : m.invited && <span className="small"> — invited: use your personal link</span>}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {screen.name === 'vote' && frame && (
        <>
          <header className="participant-head">
            <h1>{frame.title}</h1>
            <p className="muted">
              {frame.round?.status === 'revealed' ? 'Voted as' : 'Voting as'} <strong>{frame.me.name}</strong>
            </p>
          </header>
          {error && (
            <p className="error-note" role="alert">
              {error}
            </p>
          )}
          {frame.round?.status === 'open' && ballot ? (
            <Ballot frame={frame} ballot={ballot} onBallot={setBallot} onError={setError} />
          ) : frame.round?.status === 'revealed' ? (
            results ? (
              <Ranking results={results} level={2} />
            ) : (
              <section className="panel">
                <h2>The votes are revealed</h2>
                <p>Look at the shared screen for the results.</p>
              </section>
            )
          ) : (
            <section className="panel">
              <p>Waiting for the facilitator to open a round…</p>
            </section>
          )}
        </>
      )}
    </main>
  );
}

/** The plain address leads here: the short code read off the shared screen, exchanged for the workshop's. */
function TypeCode({ onEntered }: { onEntered(workshop: string): void }) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const hint = useId();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await call('enter', { code });
    setBusy(false);
    if (r.ok) return onEntered(r.value.workshop);
    // "code: has 7 characters…" reads as "The code has 7 characters…".
    setError(r.error.field === 'code' ? r.error.message.replace(/^code: /, 'The code ') : r.error.message);
  };
  return (
    <section className="panel type-code">
      <h1>Join the workshop</h1>
      <form onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span className="field-label">Type the code on the screen</span>
          <input
            value={code}
            onChange={(e) => setCode(e.target.value)}
            aria-describedby={hint}
            aria-invalid={error !== null}
            autoComplete="off"
            autoCapitalize="characters"
            autoCorrect="off"
            spellCheck={false}
            maxLength={40}
          />
        </label>
        <p id={hint} className="muted small">
          Six letters and digits, like K7P-3QX. Capitals and the dash are optional.
        </p>
        {/* Always there, so a screen reader announces each new message. */}
        <div aria-live="assertive">{error && <p className="error-note">{error}</p>}</div>
        <button className="primary big" type="submit" disabled={busy}>
          Join
        </button>
      </form>
    </section>
  );
}

function Ballot({ frame, ballot, onBallot, onError }: { frame: ParticipantFrame; ballot: ParticipantBallot; onBallot(b: ParticipantBallot): void; onError(e: string | null): void }) {
  const round = frame.round!;
  const criteria = frame.criteria.filter((c) => round.criterionId === null || c.id === round.criterionId);
  const [at, setAt] = useState(0);
  const [whyOpen, setWhyOpen] = useState<string | null>(null);
  const criterion = criteria[Math.min(at, criteria.length - 1)];
  const { min, max } = frame.scale;
  const values = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  const rows: { optionId: number | null; label: string }[] = round.kind === 'scores' ? frame.options.map((o) => ({ optionId: o.id, label: o.name })) : [{ optionId: null, label: 'How important is this?' }];
  const found = (optionId: number | null) => ballot.cells.find((c) => c.optionId === optionId && c.criterionId === criterion?.id);
  // A cell filled before this turn (before "Submit") shows that it is filled, never its value.
  const earlierOf = (optionId: number | null) => ballot.earlier.find((e) => e.optionId === optionId && e.criterionId === criterion?.id);
  const cellOf = (optionId: number | null) => {
    const c = found(optionId);
    return c?.sealed === false ? c : undefined;
  };

  const cast = async (optionId: number | null, value: number | 'abstain', why?: string) => {
    if (!criterion) return;
    const r = await call('cast', { optionId, criterionId: criterion.id, value, why: why ?? cellOf(optionId)?.why ?? '' });
    if (!r.ok) return onError(r.error.message);
    onError(null);
    onBallot(applyBallotUpdate(ballot, r.value));
  };
  const finish = async (done: boolean) => {
    const r = await call('finish', { done });
    if (!r.ok) return onError(r.error.message);
    if (done) return onBallot({ ...ballot, done: r.value.done, cells: [] });
    // Reopened in a new turn: what was submitted comes back sealed.
    const b = await call('ballot');
    if (!b.ok) return onError(b.error.message);
    onBallot(b.value);
  };

  if (ballot.done) {
    return (
      <section className="panel submitted" aria-live="polite">
        <h2>✓ Submitted</h2>
        <p>
          {ballot.filled} of {ballot.total} filled. You can still change your mind until the reveal.
        </p>
        <button
          onClick={() => {
            setAt(0);
            void finish(false);
          }}
        >
          Change my votes
        </button>
      </section>
    );
  }
  if (!criterion) return <p className="muted">This round has nothing to vote on.</p>;
  const evidence = frame.evidence.filter((e) => e.criterionId === criterion.id);
  return (
    <section className="panel phone-ballot" aria-label={`Ballot: ${criterion.name}`}>
      <p className="muted small">
        Criterion {at + 1} of {criteria.length} · {ballot.filled} of {ballot.total} filled
      </p>
      <h2>{criterion.name}</h2>
      {criterion.description && <p className="muted">{criterion.description}</p>}
      <ul className="phone-rows">
        {rows.map((row) => {
          const cell = cellOf(row.optionId);
          const key = `${row.optionId ?? 'w'}`;
          const notes = evidence.filter((e) => e.optionId === row.optionId);
          return (
            <li key={key}>
              <p className="option-label">
                {row.label}
                {found(row.optionId)?.sealed && <span className="muted small" title="Filled before you submitted; choose again to change it"> ● filled</span>}
              </p>
              {notes.map((n) => (
                <p key={n.text} className="evidence small">
                  {n.text}
                </p>
              ))}
              <div className="scores" role="group" aria-label={`${row.label}: score`}>
                {values.map((v) => (
                  <button key={v} aria-pressed={cell?.value === v} onClick={() => void cast(row.optionId, v)}>
                    {v}
                  </button>
                ))}
                <button aria-pressed={cell !== undefined && cell.value === null} onClick={() => void cast(row.optionId, 'abstain')} aria-label="Don’t know">
                  ?
                </button>
              </div>
              {earlierOf(row.optionId) && (
                <p className="earlier-reason small">
                  <span className="muted">Earlier (round {earlierOf(row.optionId)!.round}), your reason:</span> “{earlierOf(row.optionId)!.why.trim()}”
                </p>
              )}
              {cell && whyOpen !== key && (
                <button className="link small why-text" onClick={() => setWhyOpen(key)}>
                  {cell.why ? `Why: ${cell.why}` : earlierOf(row.optionId) ? 'Write a new reason' : 'Add a reason'}
                </button>
              )}
              {cell && whyOpen === key && (
                <textarea
                  autoFocus
                  aria-label={`Why, for ${row.label}`}
                  defaultValue={cell.why}
                  maxLength={2000}
                  rows={3}
                  onBlur={(e) => {
                    setWhyOpen(null);
                    if (e.target.value !== cell.why) void cast(row.optionId, cell.value ?? 'abstain', e.target.value);
                  }}
                />
              )}
            </li>
          );
        })}
      </ul>
      <div className="actions phone-nav">
        <button disabled={at === 0} onClick={() => setAt(at - 1)}>
          ‹ Previous
        </button>
        {at < criteria.length - 1 ? (
          <button className="primary" onClick={() => setAt(at + 1)}>
            Next ›
          </button>
        ) : (
          <button className="primary" onClick={() => void finish(true)}>
            Submit my ballot
          </button>
        )}
      </div>
    </section>
  );
}
