// The ranking with each option's weighted score, the options left out, the minimal-flip and robustness sentences:
// on the shared screen and on phones.
import type { Results } from '../../../shared/types.ts';
import { fixed } from '../format.ts';

/**
 * `robustness`: false where the page shows the figure in its own panel, with its chart. `level`: the
 * heading's level, so the outline has no gap (h3 under the shared screen's steps, h2 under a phone's title).
 */
export function Ranking({ results, robustness = true, level = 3 }: { results: Results; robustness?: boolean; level?: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const max = results.scale.max;
  return (
    <section className="panel" aria-labelledby="ranking-title">
      <Heading id="ranking-title">Ranking</Heading>
      <ol className="ranking">
        {results.options.map((o) => (
          <li key={o.optionId} className={o.rank === 1 ? 'winner' : undefined}>
            <span className="rank">{o.rank === null ? '–' : o.rank}</span>
            <span className="option-name">{o.name}</span>
            <span className="bar" aria-hidden="true">
              <span style={{ width: `${((o.score ?? 0) / max) * 100}%` }} />
            </span>
            <span className="num">{o.incomplete ? 'incomplete' : `${fixed(o.score)} of ${max}`}</span>
          </li>
        ))}
      </ol>
      {results.sentences.leftOut.length > 0 && (
        <p className="muted left-out">
          {results.sentences.leftOut.join(' ')} An option with a cell nobody scored is left out of the ranking and the comparison rather than counted as zero.
        </p>
      )}
      <p className={`flip${results.minimalFlip?.fragile ? ' fragile' : ''}`}>{results.sentences.flip}</p>
      {robustness && results.sentences.robustness && <p className="robustness">{results.sentences.robustness}</p>}
    </section>
  );
}
