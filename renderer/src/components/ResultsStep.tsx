import { Fragment, useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { cellReasons, revotedCells, revotedSpan } from '../../../shared/reasons.ts';
import { describeFlip, normaliseWeights, rankOptions, sensitivity, weightedTotals } from '../../../shared/scoring/index.ts';
import { useStore } from '../store/index.ts';
import type { DecisionDetail, Results } from '../types.ts';
import { fixed, percent } from '../format.ts';
import { Empty, ErrorNote, OptionColumns, useAction } from './common.tsx';
import { Ranking } from './Ranking.tsx';

export function ResultsStep() {
  const { decision, results, openRound } = useStore();
  if (!decision) return null;
  if (openRound) return <Empty>Round {openRound.seq} is open: the results appear when its votes are revealed.</Empty>;
  if (!results || results.votes.length === 0) return <Empty>No revealed votes yet. Open a round on the Vote step, vote, and reveal.</Empty>;
  return <ResultsView decision={decision} results={results} />;
}

export function ResultsView({ decision, results }: { decision: DecisionDetail; results: Results }) {
  return (
    <div className="results">
      <Ranking results={results} robustness={results.robustness === null && !results.robustnessPending} />
      <RobustnessChart results={results} />
      <ContributionChart decision={decision} results={results} />
      <Disagreements decision={decision} results={results} />
      <Matrix decision={decision} results={results} />
      <MemberTotals decision={decision} results={results} />
      <WhatIf decision={decision} results={results} />
    </div>
  );
}

const palette = ['#2f5fd0', '#d9822b', '#2e9e6b', '#b83280', '#7c5cd6', '#c0392b', '#16a2b8', '#8d6e63', '#e0b000', '#5d6d7e', '#ff6f61', '#3d9970'];

/** How often each option comes first over plausible weightings and resampled members: the figure and how it was made. */
export function RobustnessChart({ results }: { results: Results }) {
  const r = results.robustness;
  // While the figure is computed the heading and a polite live region stand in; the sentence then replaces the
  // note in the same element, so a screen reader hears it.
  if (!r && results.robustnessPending) {
    return (
      <section className="panel chart robustness" aria-labelledby="robustness-title">
        <h3 id="robustness-title">How sure is the winner?</h3>
        <p className="robustness" aria-live="polite">
          Working out how sure the winner is…
        </p>
      </section>
    );
  }
  if (!r) return null;
  const name = (id: number) => results.options.find((o) => o.optionId === id)?.name ?? '';
  const data = r.wins.map((w) => ({ option: name(w.optionId), share: Math.round(w.share * 1000) / 10 }));
  const weights =
    r.width === 'votes'
      ? `around the team’s, as widely as the ${r.weightVoters} members’ own weight votes differ`
      : 'around the team’s with the default width, since nobody voted weights (a 25 % weight then varies by about ±8 points)';
  const scores = r.members > 1 ? `one of ${r.resamples.toLocaleString('en')} resamples of the ${r.members} members (drawn with replacement)` : 'the one member’s scores';
  return (
    <section className="panel chart robustness" aria-labelledby="robustness-title">
      <h3 id="robustness-title">How sure is the winner?</h3>
      <p className="robustness" aria-live="polite">
        {results.sentences.robustness}
      </p>
      <div className="chart-box" role="img" aria-label={`How often each option comes first: ${data.map((d) => `${d.option} ${d.share} %`).join(', ')}`}>
        <ResponsiveContainer width="100%" height={40 + 34 * data.length}>
          <BarChart data={data} layout="vertical" margin={{ left: 20, right: 70 }}>
            <XAxis type="number" domain={[0, 100]} unit=" %" />
            <YAxis type="category" dataKey="option" width={110} />
            <Tooltip formatter={(v: unknown) => `${String(v)} %`} />
            <Bar dataKey="share" name="comes first" fill={palette[0]} isAnimationActive={false} barSize={18} label={{ position: 'right', formatter: (v: unknown) => `${String(v)} %` }} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <p className="muted">
        Each of {r.samples.toLocaleString('en')} samples draws weights {weights}, and scores the options with {scores}. The same votes always give the same figure (docs/ROBUSTNESS.md).
      </p>
    </section>
  );
}

function ContributionChart({ decision, results }: { decision: DecisionDetail; results: Results }) {
  const weight = new Map(results.weights.map((w) => [w.criterionId, w.weight]));
  const data = results.options.map((o) => {
    const row: Record<string, number | string> = { option: o.name };
    for (const c of decision.criteria) {
      const cell = results.cells.find((x) => x.optionId === o.optionId && x.criterionId === c.id);
      row[c.name] = Number(((cell?.value ?? 0) * (weight.get(c.id) ?? 0)).toFixed(3));
    }
    return row;
  });
  return (
    <section className="panel chart" aria-labelledby="chart-title">
      <h3 id="chart-title">Where each score comes from</h3>
      <p className="muted">Each bar is an option’s weighted score, split by how much every criterion contributes.</p>
      <div className="chart-box" role="img" aria-label={`Stacked bars of ${results.options.map((o) => `${o.name} ${fixed(o.score)}`).join(', ')}`}>
        <ResponsiveContainer width="100%" height={Math.max(180, 70 * data.length)}>
          <BarChart data={data} layout="vertical" margin={{ left: 20, right: 20 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" domain={[0, results.scale.max]} />
            <YAxis type="category" dataKey="option" width={110} />
            <Tooltip formatter={(v: unknown) => fixed(Number(v))} />
            <Legend />
            {decision.criteria.map((c, i) => (
              <Bar key={c.id} dataKey={c.name} stackId="score" fill={palette[i % palette.length]} isAnimationActive={false} barSize={36} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </section>
  );
}

function Disagreements({ decision, results }: { decision: DecisionDetail; results: Results }) {
  const flagged = results.cells.filter((c) => c.flagged).sort((a, b) => (b.range ?? 0) - (a.range ?? 0) || (b.sd ?? 0) - (a.sd ?? 0));
  const name = (list: { id: number; name: string }[], id: number) => list.find((x) => x.id === id)?.name ?? '';
  return (
    <section className="panel" aria-labelledby="talk-title">
      <h3 id="talk-title">Talk about these</h3>
      {flagged.length === 0 ? (
        <p>The team broadly agrees: no cell’s scores span half the scale or more.</p>
      ) : (
        <ul className="flagged">
          {flagged.map((c) => {
            const votes = results.votes.filter((v) => v.optionId === c.optionId && v.criterionId === c.criterionId && v.score !== null);
            const hi = votes.reduce((a, b) => (b.score! > a.score! ? b : a), votes[0]!);
            const lo = votes.reduce((a, b) => (b.score! < a.score! ? b : a), votes[0]!);
            return (
              <li key={`${c.optionId}-${c.criterionId}`}>
                <strong>
                  {name(decision.options, c.optionId)} × {name(decision.criteria, c.criterionId)}
                </strong>{' '}
                — scores from {c.range !== null && lo ? lo.score : '?'} to {hi?.score ?? '?'} (σ {fixed(c.sd)}). Ask {results.members[hi!.member]?.label} and {results.members[lo!.member]?.label} to explain, then re-vote if needed.
                {/* What people already wrote, so the discussion starts from it. */}
                <Reasons results={results} optionId={c.optionId} criterionId={c.criterionId} label={`Reasons given for ${name(decision.options, c.optionId)} × ${name(decision.criteria, c.criterionId)}`} />
              </li>
            );
          })}
        </ul>
      )}
      <Settled decision={decision} results={results} />
    </section>
  );
}

/** Disagreements a re-vote settled, or left open (someone who scored them then did not again), compactly: the range then and now, the reasons folded. */
function Settled({ decision, results }: { decision: DecisionDetail; results: Results }) {
  const revoted = revotedCells(results);
  const name = (list: { id: number; name: string }[], id: number) => list.find((x) => x.id === id)?.name ?? '';
  return (
    <>
      {([true, false] as const).map((settled) => {
        const these = revoted.filter((x) => x.settled === settled);
        if (these.length === 0) return null;
        const id = settled ? 'settled-title' : 'left-open-title';
        return (
          <Fragment key={id}>
            <h4 id={id}>{settled ? 'Settled after a re-vote' : 'Left open after a re-vote'}</h4>
            <ul className="settled" aria-labelledby={id}>
              {these.map((x) => {
                const cell = `${name(decision.options, x.optionId)} × ${name(decision.criteria, x.criterionId)}`;
                return (
                  <li key={`${x.optionId}-${x.criterionId}`}>
                    <strong>{cell}</strong> — {revotedSpan(x)}.
                    <CellReasons results={results} optionId={x.optionId} criterionId={x.criterionId} label={`Reasons given for ${cell}, ${settled ? 'settled' : 'left open'}`} />
                  </li>
                );
              })}
            </ul>
          </Fragment>
        );
      })}
    </>
  );
}

/**
 * What members wrote on one cell, highest score first (so an anonymous decision's order follows no roster), each
 * under the label the results give (names, or "Member N"); a re-vote without a new reason shows the earlier one
 * with its round. Text shows as typed: React escapes it, and the list keeps its line breaks (CSS pre-wrap).
 */
export function Reasons({ results, optionId, criterionId, label }: { results: Results; optionId: number; criterionId: number; label: string }) {
  const said = cellReasons(results, optionId, criterionId);
  if (said.length === 0) return null;
  return (
    <ul className="reasons" aria-label={label}>
      {said.map(({ member, score, text, round }) => (
        <li key={member}>
          <span className="person">{results.members[member]?.label}</span> ({score ?? 'abstained'}){round !== null && <span className="earlier"> — earlier, round {round}</span>}: “{text.trim()}”
        </li>
      ))}
    </ul>
  );
}

function heat(sd: number | null, scale: Results['scale']): string {
  if (sd === null) return 'transparent';
  const strength = Math.min(1, sd / ((scale.max - scale.min) / 2));
  return `hsla(12, 85%, 55%, ${(strength * 0.55).toFixed(2)})`;
}

function Matrix({ decision, results }: { decision: DecisionDetail; results: Results }) {
  const weight = new Map(results.weights.map((w) => [w.criterionId, w]));
  return (
    <section className="panel" aria-labelledby="matrix-title">
      <h3 id="matrix-title">Decision matrix</h3>
      <p className="muted">
        Team {results.aggregation} per cell with the spread of the votes (σ). The redder the cell, the more the team disagrees; ⚠ marks a range of at least half the scale.
      </p>
      <div className="table-scroll">
        <table className="matrix">
          <OptionColumns first={['Criterion', 'Weight']} options={decision.options} />
          <tbody>
            {decision.criteria.map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.name}</th>
                <td className="num">
                  {percent(weight.get(c.id)?.weight ?? 0)}
                  {weight.get(c.id)?.source === 'voted' ? ' (voted)' : ''}
                </td>
                {decision.options.map((o) => {
                  const cell = results.cells.find((x) => x.optionId === o.id && x.criterionId === c.id);
                  return (
                    <td key={o.id} className={`num${cell?.flagged ? ' flagged' : ''}`} style={{ background: heat(cell?.sd ?? null, results.scale) }}>
                      {cell?.value === null || !cell ? 'no scores' : `${fixed(cell.value)} ± ${fixed(cell.sd)}${cell.flagged ? ' ⚠' : ''}`}
                      {cell?.flagged && <CellReasons results={results} optionId={o.id} criterionId={c.id} label={`Reasons in the matrix for ${o.name} × ${c.name}`} />}
                    </td>
                  );
                })}
              </tr>
            ))}
            <tr className="total">
              <th scope="row">Weighted score</th>
              <td className="num">100 %</td>
              {decision.options.map((o) => {
                const r = results.options.find((x) => x.optionId === o.id);
                return (
                  <td key={o.id} className="num">
                    {r?.incomplete ? 'incomplete' : fixed(r?.score)}
                  </td>
                );
              })}
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** A cell's reasons folded, so the matrix and the settled list stay readable; `label` names the list. */
function CellReasons({ results, optionId, criterionId, label }: { results: Results; optionId: number; criterionId: number; label: string }) {
  const n = cellReasons(results, optionId, criterionId).length;
  if (n === 0) return null;
  return (
    <details className="cell-reasons">
      <summary>
        {n} {n === 1 ? 'reason' : 'reasons'}
      </summary>
      <Reasons results={results} optionId={optionId} criterionId={criterionId} label={label} />
    </details>
  );
}

function MemberTotals({ decision, results }: { decision: DecisionDetail; results: Results }) {
  return (
    <section className="panel" aria-labelledby="members-title">
      <h3 id="members-title">Each member’s totals</h3>
      <table className="members">
        <OptionColumns first={['Member']} options={decision.options} />
        <tbody>
          {results.members.map((m) => (
            <tr key={m.label}>
              <th scope="row">{m.label}</th>
              {m.totals.map((t) => (
                <td key={t.optionId} className="num">
                  {t.total === null ? <span title="abstained on a criterion">—</span> : fixed(t.total)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Recomputes the ranking from the revealed cells for weights the facilitator drags; nothing is saved until applied. */
export function whatIf(decision: DecisionDetail, results: Results, raw: Record<string, number>) {
  const options = decision.options.map((o) => String(o.id));
  const criteria = decision.criteria.map((c) => String(c.id));
  const weights = normaliseWeights(criteria, raw);
  const value = (o: string, k: string) => results.cells.find((c) => String(c.optionId) === o && String(c.criterionId) === k)?.value ?? null;
  const totals = weightedTotals(options, criteria, weights, value);
  const ranking = rankOptions(options, totals);
  const { minimalFlip: flip } = sensitivity(ranking, criteria, weights, totals, value);
  return { weights, totals, ranking, flip, value, criteria };
}

function WhatIf({ decision, results }: { decision: DecisionDetail; results: Results }) {
  // Exact, not rounded: the what-if ranking must start equal to the ranking above it.
  const initial = useMemo(() => Object.fromEntries(results.weights.map((w) => [String(w.criterionId), w.weight * 100])), [results]);
  const [raw, setRaw] = useState<Record<string, number>>(initial);
  const { run, error } = useAction();
  const changed = Object.keys(raw).some((k) => raw[k] !== initial[k]);
  const view = whatIf(decision, results, raw);
  const optionName = (id: string) => decision.options.find((o) => String(o.id) === id)?.name ?? '';
  const names = { option: optionName, criterion: (id: string) => decision.criteria.find((c) => String(c.id) === id)?.name ?? '' };
  const apply = async () => {
    for (const c of decision.criteria) {
      const reply = await run('updateCriterion', { criterionId: c.id, weight: Math.round((view.weights[String(c.id)] ?? 0) * 1000) / 10 });
      if (!reply.ok) return;
    }
  };
  return (
    <section className="panel what-if" aria-labelledby="whatif-title">
      <h3 id="whatif-title">What if the weights were different?</h3>
      <p className="muted">Drag a weight: the ranking below follows live. Nothing is saved until you apply it.</p>
      <ul className="weights">
        {decision.criteria.map((c) => (
          <li key={c.id}>
            <label htmlFor={`whatif-${c.id}`}>{c.name}</label>
            <input
              id={`whatif-${c.id}`}
              type="range"
              min={0}
              max={100}
              step={0.5}
              value={raw[String(c.id)] ?? 0}
              aria-valuetext={percent(view.weights[String(c.id)] ?? 0)}
              onChange={(e) => setRaw({ ...raw, [String(c.id)]: Number(e.target.value) })}
            />
            <span className="num">{percent(view.weights[String(c.id)] ?? 0)}</span>
          </li>
        ))}
      </ul>
      <ol className="ranking compact" aria-label="What-if ranking">
        {view.ranking.map((o, i) => (
          <li key={o} className={i === 0 ? 'winner' : undefined}>
            <span className="rank">{i + 1}</span>
            <span className="option-name">{optionName(o)}</span>
            <span className="num">{fixed(view.totals[o]?.score)}</span>
          </li>
        ))}
      </ol>
      <p className={`flip${view.flip?.fragile ? ' fragile' : ''}`}>{describeFlip(view.flip, view.ranking.length, names, view.value, view.criteria)}</p>
      <div className="actions">
        <button onClick={() => setRaw(initial)} disabled={!changed}>
          Reset
        </button>
        <button className="primary" onClick={() => void apply()} disabled={!changed || decision.weighting === 'voted'} title={decision.weighting === 'voted' ? 'The team voted these weights' : undefined}>
          Apply these weights
        </button>
      </div>
      {decision.weighting === 'voted' && <p className="muted">The weights were voted by the team; open a weights round to change them.</p>}
      <ErrorNote error={error} />
    </section>
  );
}
