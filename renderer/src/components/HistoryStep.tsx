import { useStore } from '../store/index.ts';
import type { DecisionDetail, HistoryEvent } from '../types.ts';
import { Empty } from './common.tsx';

/** One plain sentence per event; the data never holds a hidden vote's value. */
export function describeEvent(e: HistoryEvent, d: DecisionDetail): string {
  const data = e.data as Record<string, string | number | null | undefined>;
  const person = (id: unknown) => d.participants.find((p) => p.personId === id)?.name ?? 'someone';
  const option = (id: unknown) => d.options.find((o) => o.id === id)?.name ?? 'an option';
  const criterion = (id: unknown) => d.criteria.find((c) => c.id === id)?.name ?? 'a criterion';
  switch (e.type) {
    case 'decision_created':
      return data.template ? `Created from the ${data.template} template` : data.duplicatedFrom ? 'Created as a copy' : data.imported ? 'Imported' : 'Created';
    case 'decision_updated':
      return `Changed ${Object.keys(e.data).join(', ')}`;
    case 'status_changed':
      return `Status ${data.from} → ${data.to}`;
    case 'decided':
      return `Decided: ${data.option} (${data.status})`;
    case 'round_opened':
      return `Round ${data.seq} opened${data.criterion ? ` to re-vote ${data.criterion}` : data.kind === 'weights' ? ' on the weights' : ''}`;
    case 'round_revealed':
      return `Round ${data.seq} revealed (${data.finished} finished ballots)`;
    case 'round_cancelled':
      return `Round ${data.seq} cancelled`;
    case 'score_cast':
      // An anonymous decision's events do not say which cell.
      return data.optionId === undefined ? `${person(data.memberId)} cast a score` : `${person(data.memberId)} scored ${option(data.optionId)} on ${criterion(data.criterionId)}`;
    case 'score_cleared':
      return `${person(data.memberId)} cleared a score`;
    case 'importance_cast':
      return data.criterionId === undefined ? `${person(data.memberId)} rated an importance` : `${person(data.memberId)} rated the importance of ${criterion(data.criterionId)}`;
    case 'ballot_finished':
      return `${person(data.memberId)} finished their ballot`;
    case 'ballot_reopened':
      return `${person(data.memberId)} reopened their ballot`;
    case 'adr_exported':
      return `ADR ${data.action}: ${data.file}`;
    default:
      return `${e.type.replaceAll('_', ' ')}${data.name ? `: ${data.name}` : ''}`;
  }
}

export function HistoryStep() {
  const { decision, history } = useStore();
  if (!decision) return null;
  if (history.length === 0) return <Empty>Loading the history…</Empty>;
  return (
    <section className="panel">
      <h3>History</h3>
      <ol className="history">
        {[...history].reverse().map((e) => (
          <li key={e.id}>
            <time dateTime={e.at}>{e.at.slice(0, 19).replace('T', ' ')}</time> <span className="actor">{e.actor}</span> {describeEvent(e, decision)}
          </li>
        ))}
      </ol>
    </section>
  );
}
