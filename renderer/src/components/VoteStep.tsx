import { useState } from 'react';
import { useStore } from '../store/index.ts';
import { votingRoles, type DecisionDetail, type Round } from '../types.ts';
import { BallotGrid } from './BallotGrid.tsx';
import { Empty, ErrorNote, useAction } from './common.tsx';
import { DoorsPanel } from './DoorsPanel.tsx';

export function VoteStep() {
  const { decision, openRound, turn, turnError, heldElsewhere, openBallot, closeBallot, setStep, refreshDecision } = useStore();
  const { run, error } = useAction();
  if (!decision) return null;
  if (openRound && turn && turn.decisionId === decision.id && turn.ballot.roundId === openRound.id) {
    return (
      <BallotGrid
        key={turn.turn}
        decision={decision}
        round={openRound}
        held={turn}
        onClose={(finished) => {
          // The keyboard goes to the next member's tile in room order after Finish (the next voter presses Enter),
          // back to the same tile after Esc.
          const order = openRound.progress.map((m) => m.personId);
          const at = order.indexOf(turn.memberId);
          const member = finished ? order[(at + 1) % order.length] : turn.memberId;
          void closeBallot()
            .then(refreshDecision)
            .then(() => requestAnimationFrame(() => document.querySelector<HTMLButtonElement>(`.progress [data-member="${member}"]`)?.focus()));
        }}
      />
    );
  }
  if (!openRound) return <OpenRound decision={decision} />;
  const done = openRound.progress.filter((m) => m.done).length;
  const nameOf = (memberId: number) => {
    const name = openRound.progress.find((m) => m.personId === memberId)?.name;
    return name ? `${name}’s ballot` : 'the ballot';
  };
  const reveal = async () => {
    const reply = await run('revealRound', { decisionId: decision.id });
    if (reply.ok) setStep('results');
  };
  return (
    <>
    <section className="panel vote">
      <h3>
        Round {openRound.seq}: {describeRound(openRound, decision)}
      </h3>
      <p className="muted">Votes stay hidden until you reveal them all at once. Hand the keyboard over, then press the member’s name — or let people vote from their own devices.</p>
      {/* data-grid: between two voters too, a stray key (t, p, +) changes nothing on the shared screen. */}
      <ul className="progress" aria-label="Who has voted" data-grid>
        {openRound.progress.map((m) => (
          <li key={m.personId} className={m.done ? 'done' : undefined}>
            {/* The status sits outside the button, drawn over it, and describes it: a button's name must contain all of its visible words (WCAG 2.5.3). */}
            <button data-member={m.personId} onClick={() => void openBallot(m.personId)} aria-label={`Open ${m.name}’s ballot${m.done ? ' (finished)' : ''}`} aria-describedby={`progress-${m.personId}`}>
              <span className="check" aria-hidden="true">
                {m.done ? '✓' : '…'}
              </span>
              <span className="person">{m.name}</span>
            </button>
            <span id={`progress-${m.personId}`} className="tile-status muted small">
              {m.done ? 'finished' : m.filled > 0 ? `${m.filled}/${m.total}` : 'not started'}
            </span>
          </li>
        ))}
      </ul>
      <p className="tally" aria-live="polite">
        {done} of {openRound.progress.length} finished
      </p>
      <div className="actions">
        <button className="primary big" onClick={() => void reveal()}>
          Reveal all votes
        </button>
        <button className="danger" onClick={() => void run('cancelRound', { decisionId: decision.id })}>
          Cancel this round
        </button>
      </div>
      <ErrorNote error={turnError ?? error} />
      {heldElsewhere !== null && (
        // A tab closed mid-ballot holds it until it lapses; the server refuses this for a ballot open on a phone.
        <button onClick={() => void openBallot(heldElsewhere, true)}>Open {nameOf(heldElsewhere)} here anyway</button>
      )}
    </section>
    <DoorsPanel decision={decision} />
    </>
  );
}

export function describeRound(r: Round, d: DecisionDetail): string {
  if (r.kind === 'weights') return r.criterionId === null ? 'importance of the criteria' : `importance of ${d.criteria.find((c) => c.id === r.criterionId)?.name}`;
  return r.criterionId === null ? 'scores on every criterion' : `re-vote of ${d.criteria.find((c) => c.id === r.criterionId)?.name ?? 'a criterion'}`;
}

function OpenRound({ decision }: { decision: DecisionDetail }) {
  const { run, error } = useAction();
  const [criterionId, setCriterionId] = useState<number | ''>('');
  const voters = decision.participants.filter((p) => votingRoles.includes(p.role));
  const past = decision.rounds.filter((r) => r.status === 'revealed');
  const open = (kind: 'scores' | 'weights') => void run('openRound', { decisionId: decision.id, kind, criterionId: criterionId === '' ? undefined : criterionId });
  return (
    <section className="panel vote">
      <h3>Vote</h3>
      {voters.length === 0 ? <Empty>Add the people who vote on the Team step first.</Empty> : <p>{voters.length} people can vote: {voters.map((v) => v.name).join(', ')}.</p>}
      <div className="inline-form">
        <label className="field">
          <span className="field-label">Vote on</span>
          <select aria-label="Vote on" value={criterionId} onChange={(e) => setCriterionId(e.target.value === '' ? '' : Number(e.target.value))}>
            <option value="">Every criterion</option>
            {decision.criteria.map((c) => (
              <option key={c.id} value={c.id}>
                Only {c.name} (re-vote)
              </option>
            ))}
          </select>
        </label>
        <button className="primary" onClick={() => open('scores')}>
          Open a round of scores
        </button>
        {decision.weighting === 'voted' && <button onClick={() => open('weights')}>Open a round on the weights</button>}
      </div>
      <ErrorNote error={error} />
      {past.length > 0 && (
        <>
          <h4>Earlier rounds</h4>
          <ol className="rounds">
            {past.map((r) => (
              <li key={r.id}>
                Round {r.seq}: {describeRound(r, decision)} — {r.progress.filter((m) => m.filled > 0).length} ballots, revealed {r.revealedAt?.slice(0, 16).replace('T', ' ')}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
