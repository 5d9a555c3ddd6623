import { criterionShares } from '../../../shared/scoring/shares.ts';
import { useStore } from '../store/index.ts';
import type { DecisionDetail } from '../types.ts';
import { percent } from '../format.ts';
import { ErrorNote, useAction } from './common.tsx';
import { ItemList } from './FrameStep.tsx';

export function CriteriaStep() {
  const decision = useStore((s) => s.decision)!;
  const results = useStore((s) => s.results);
  const { run, error } = useAction();
  const shares = criterionShares(decision.criteria, results);
  const voted = decision.weighting === 'voted';
  return (
    <div className="criteria-step">
      <section className="panel">
        <h3>Criteria</h3>
        <ItemList kind="criterion" decision={decision} />
      </section>
      <section className="panel weights-panel">
        <h3>Weights</h3>
        <fieldset className="choice">
          <legend>How weights are set</legend>
          <label>
            <input type="radio" name="weighting" checked={!voted} onChange={() => void run('updateDecision', { decisionId: decision.id, patch: { weighting: 'direct' } })} /> Set here by the facilitator
          </label>
          <label>
            <input type="radio" name="weighting" checked={voted} onChange={() => void run('updateDecision', { decisionId: decision.id, patch: { weighting: 'voted' } })} /> Voted by the members as importance (hidden, then revealed)
          </label>
        </fieldset>
        {voted && <p className="muted">Open a weights round on the Vote step. Until it is revealed, the weights below are used.</p>}
        <ul className="weights">
          {decision.criteria.map((c) => (
            <li key={c.id}>
              <label htmlFor={`weight-${c.id}`}>{c.name}</label>
              <input
                id={`weight-${c.id}`}
                type="range"
                min={0}
                max={10}
                step={1}
                value={c.weight}
                aria-valuetext={`${c.weight}, ${percent(shares.get(c.id) ?? 0)}`}
                onChange={(e) => void run('updateCriterion', { criterionId: c.id, weight: Number(e.target.value) })}
              />
              <span className="bar" aria-hidden="true">
                <span style={{ width: `${(shares.get(c.id) ?? 0) * 100}%` }} />
              </span>
              <span className="num">{percent(shares.get(c.id) ?? 0)}</span>
            </li>
          ))}
        </ul>
        <ErrorNote error={error} />
      </section>
      <Settings decision={decision} />
    </div>
  );
}

function Settings({ decision }: { decision: DecisionDetail }) {
  const { run, error } = useAction();
  const patch = (p: Parameters<typeof run<'updateDecision'>>[1]['patch']) => void run('updateDecision', { decisionId: decision.id, patch: p });
  return (
    <section className="panel">
      <h3>Scoring</h3>
      <div className="settings">
        <label className="field">
          <span className="field-label">Scale</span>
          <select aria-label="Scale" value={decision.scale.max} onChange={(e) => patch({ scaleMax: Number(e.target.value) })}>
            {[3, 4, 5, 7, 10].map((m) => (
              <option key={m} value={m}>
                1 to {m}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Team score per cell</span>
          <select aria-label="Team score per cell" value={decision.aggregation} onChange={(e) => patch({ aggregation: e.target.value as 'mean' | 'median' })}>
            <option value="mean">Mean</option>
            <option value="median">Median</option>
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={decision.anonymous} onChange={(e) => patch({ anonymous: e.target.checked })} /> Anonymous votes (members shown as “Member 1…”)
        </label>
      </div>
      <ErrorNote error={error} />
    </section>
  );
}
