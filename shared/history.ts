// One plain sentence per history event, for the History step and `verdict history`.
import type { DecisionDetail, HistoryEvent } from './types.ts';

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
      return `${person(data.memberId)} scored ${option(data.optionId)} on ${criterion(data.criterionId)}`;
    case 'score_cleared':
      return `${person(data.memberId)} cleared a score`;
    case 'importance_cast':
      return `${person(data.memberId)} rated the importance of ${criterion(data.criterionId)}`;
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
