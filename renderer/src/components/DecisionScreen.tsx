import { useEffect, useState } from 'react';
import { useStore } from '../store/index.ts';
import { steps, stepLabels, type Step } from '../store/ui.ts';
import { CriteriaStep } from './CriteriaStep.tsx';
import { DecideStep } from './DecideStep.tsx';
import { DoorsBar } from './DoorsPanel.tsx';
import { FrameStep } from './FrameStep.tsx';
import { HistoryStep } from './HistoryStep.tsx';
import { ResultsStep } from './ResultsStep.tsx';
import { TeamStep } from './TeamStep.tsx';
import { ViewControls } from './ViewControls.tsx';
import { VoteStep } from './VoteStep.tsx';

const screens: Record<Step, () => React.JSX.Element | null> = {
  frame: FrameStep,
  criteria: CriteriaStep,
  team: TeamStep,
  vote: VoteStep,
  results: ResultsStep,
  decide: DecideStep,
  history: HistoryStep,
};

export function DecisionScreen() {
  const { decision, decisionLoading, decisionError, step, setStep, moveStep, presenter, closeDecision, openRound } = useStore();
  if (decision === null) {
    return (
      <section className="decision" aria-busy={decisionLoading}>
        {decisionError ? (
          <p className="error-note" role="alert">
            {decisionError}
          </p>
        ) : (
          <p className="muted">Loading the decision…</p>
        )}
      </section>
    );
  }
  const Screen = screens[step];
  const stepIndex = steps.indexOf(step);
  return (
    <section className="decision" aria-label={decision.title}>
      <header className="decision-head">
        <div>
          <h2 className="decision-name">{decision.title}</h2>
          <p className="muted">
            <span className={`status ${decision.status}`}>{decision.status}</span>
            {openRound && <span className="badge live">Round {openRound.seq} open — votes hidden</span>}
          </p>
        </div>
        <span className="spacer" />
        <Timer />
        {presenter ? <ViewControls /> : <button onClick={closeDecision}>Close</button>}
      </header>
      {presenter ? (
        <nav className="steps presenter-steps" aria-label="Steps">
          <button onClick={() => moveStep(-1)} disabled={stepIndex === 0} aria-label="Previous step" title="Previous step ([)">
            ‹
          </button>
          <span aria-current="step">
            {stepIndex + 1} / {steps.length} · {stepLabels[step]}
          </span>
          <button onClick={() => moveStep(1)} disabled={stepIndex === steps.length - 1} aria-label="Next step" title="Next step (])">
            ›
          </button>
        </nav>
      ) : (
        <nav className="steps" aria-label="Steps">
          {steps.map((s, i) => (
            <button key={s} className={s === step ? 'step current' : 'step'} aria-current={s === step ? 'step' : undefined} onClick={() => setStep(s)} title={`Alt+${i + 1}`}>
              <span className="step-number">{i + 1}</span> {stepLabels[s]}
            </button>
          ))}
        </nav>
      )}
      {decisionError && (
        <p className="error-note" role="alert">
          {decisionError}
        </p>
      )}
      {/* The Vote step has the doors' own panel; everywhere else, an open door stays visible and closable. */}
      {step !== 'vote' && decision && <DoorsBar decisionId={decision.id} />}
      <div className="step-body">
        <Screen />
      </div>
    </section>
  );
}

/** An optional countdown per step: it turns red when time is up, and never blocks anything. */
function Timer() {
  const { timer, step, startTimer, presenter } = useStore();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!timer) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [timer]);
  if (!timer || timer.step !== step) {
    if (presenter) return null;
    return (
      <label className="timer-start">
        <span className="sr-only">Timer for this step</span>
        <select value="" onChange={(e) => startTimer(Number(e.target.value))} aria-label="Start a timer for this step">
          <option value="">Timer</option>
          {[2, 5, 10, 15, 20].map((m) => (
            <option key={m} value={m}>
              {m} min
            </option>
          ))}
        </select>
      </label>
    );
  }
  const left = Math.round((timer.endsAt - now) / 1000);
  const over = left < 0;
  const abs = Math.abs(left);
  const text = `${over ? '+' : ''}${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, '0')}`;
  return (
    <span className={`timer${over ? ' over' : left < 60 ? ' soon' : ''}`} role="timer" aria-label={over ? `Time is up by ${text}` : `${text} left`}>
      {over ? `Time is up ${text}` : text}
      <button className="link" onClick={() => startTimer(null)} aria-label="Stop the timer">
        ✕
      </button>
    </span>
  );
}
