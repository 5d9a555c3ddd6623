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

export const historyKinds = ['votes', 'edits', 'rounds', 'exports', 'other'] as const;
export type HistoryKind = (typeof historyKinds)[number];
export const historyKindLabels: Record<HistoryKind, string> = { votes: 'Votes', edits: 'Edits', rounds: 'Rounds and outcome', exports: 'Records', other: 'Other' };

export function kindOf(type: string): HistoryKind {
  if (/^(score|importance)_(cast|cleared)$|^ballot_/.test(type)) return 'votes';
  if (/^round_|^decided$|^status_changed$/.test(type)) return 'rounds';
  if (/^adr_|^supersedes_record/.test(type)) return 'exports';
  if (/_(added|updated|moved|removed|renamed|role_changed)$|^decision_updated$|^supersedes_/.test(type)) return 'edits';
  return 'other';
}

/** Which door an action came through, in words (the actor a door writes into the history). */
export function doorOf(actor: string): string {
  // Web mode is the same facilitator's screen, in a browser instead of the desktop window.
  if (actor === 'desktop' || actor === 'web') return 'at the shared screen';
  if (actor === 'cli') return 'on the command line';
  // The participant door writes as "participant" (electron/participants/doors.ts).
  if (actor === 'participant') return 'on their own device';
  return actor;
}

export interface HistoryGroup {
  kind: HistoryKind;
  actor: string;
  /** First and last event's time. */
  from: string;
  to: string;
  /** One sentence for the whole group. */
  summary: string;
  events: HistoryEvent[];
}

/** Edits more than this apart are separate bursts. */
const BURST_MS = 5 * 60_000;

const votingMember = (e: HistoryEvent): unknown => (kindOf(e.type) === 'votes' ? e.data.memberId : undefined);

/**
 * The history as people read it: one line per member's ballot in a round, per burst of edits, per round
 * event, instead of a line per cell. Each group keeps its events for those who open it.
 */
export function groupHistory(events: readonly HistoryEvent[], d: DecisionDetail): HistoryGroup[] {
  const groups: HistoryGroup[] = [];
  for (const e of events) {
    const kind = kindOf(e.type);
    const last = groups.at(-1);
    const lastEvent = last?.events.at(-1);
    const joins =
      last !== undefined &&
      lastEvent !== undefined &&
      last.kind === kind &&
      last.actor === e.actor &&
      ((kind === 'votes' && votingMember(lastEvent) === votingMember(e) && lastEvent.data.roundId === e.data.roundId) ||
        (kind === 'edits' && Date.parse(e.at) - Date.parse(lastEvent.at) <= BURST_MS));
    if (joins) {
      last.events.push(e);
      last.to = e.at;
    } else groups.push({ kind, actor: e.actor, from: e.at, to: e.at, summary: '', events: [e] });
  }
  for (const g of groups) g.summary = summarise(g, d);
  return groups;
}

function summarise(g: HistoryGroup, d: DecisionDetail): string {
  if (g.events.length === 1) return describeEvent(g.events[0]!, d);
  if (g.kind === 'votes') {
    const member = g.events[0]!.data.memberId;
    const who = d.participants.find((p) => p.personId === member)?.name ?? 'someone';
    const cast = g.events.filter((e) => e.type.endsWith('_cast')).length;
    const finished = g.events.some((e) => e.type === 'ballot_finished');
    const parts = [cast ? `${cast} vote${cast === 1 ? '' : 's'} cast` : '', finished ? 'ballot finished' : ''].filter(Boolean);
    return `${who}: ${parts.join(', ') || `${g.events.length} changes to their ballot`}`;
  }
  return `${g.events.length} edits: ${[...new Set(g.events.map((e) => describeEvent(e, d)))].slice(0, 3).join('; ')}${g.events.length > 3 ? '; …' : ''}`;
}
