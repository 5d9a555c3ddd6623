// The history for people, for the History step and `verdict history`: a sentence per event, a line per
// ballot, round or burst of edits, and the door each came through.
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

/** How the window and the CLI print an event's time. */
export const historyTime = (at: string) => at.slice(0, 19).replace('T', ' ');

/** A pause longer than this ends a ballot's line or a burst of edits: someone who comes back later gets a new line. */
const PAUSE_MS = 10 * 60_000;

/**
 * Which open line an event may join: a member's ballot in one round through one door, or one door's edits.
 * Only fields every vote event carries (member and round, never the cell, which anonymous decisions leave out).
 */
function lineKey(e: HistoryEvent, kind: HistoryKind): string | undefined {
  if (kind === 'votes') return `votes ${e.actor} ${String(e.data.memberId)} ${String(e.data.roundId)}`;
  if (kind === 'edits') return `edits ${e.actor}`;
  return undefined;
}

/**
 * The history as people read it: one line per member's ballot in a round (per door), per burst of edits
 * (per door), per round event, instead of a line per cell. Phones vote at the same time, so a line collects
 * its events even when others' events fall between them. A ballot's line ends when it is finished (or after a
 * pause); a status change or an undone delete mid-round does not split it. Any kind of event other than votes
 * and edits ends the open edit bursts. Lines are in the order of their last event; each keeps its events.
 */
export function groupHistory(events: readonly HistoryEvent[], d: DecisionDetail): HistoryGroup[] {
  const lines: { group: HistoryGroup; last: number }[] = [];
  const open = new Map<string, { group: HistoryGroup; last: number }>();
  events.forEach((e, i) => {
    const kind = kindOf(e.type);
    const key = lineKey(e, kind);
    // Another kind of event (a status, an export, a trash and undo) ends the open edit bursts, so edits read in
    // order around it; ballots are keyed by their round, so they run on until finished or paused.
    if (key === undefined) for (const k of [...open.keys()]) if (k.startsWith('edits ')) open.delete(k);
    let line = key === undefined ? undefined : open.get(key);
    if (line && Date.parse(e.at) - Date.parse(line.group.to) > PAUSE_MS) line = undefined;
    if (line) {
      line.group.events.push(e);
      line.group.to = e.at;
      line.last = i;
    } else {
      line = { group: { kind, actor: e.actor, from: e.at, to: e.at, summary: '', events: [e] }, last: i };
      lines.push(line);
    }
    if (key !== undefined) open.set(key, line);
    if (e.type === 'ballot_finished' && key !== undefined) open.delete(key);
  });
  // Every event is in one line only, so the last events' places are distinct: a total, deterministic order.
  lines.sort((a, b) => a.last - b.last);
  return lines.map(({ group }) => ({ ...group, summary: summarise(group, d) }));
}

const count = (n: number, one: string, many: string) => (n ? `${n} ${n === 1 ? one : many}` : '');

function summarise(g: HistoryGroup, d: DecisionDetail): string {
  if (g.events.length === 1) return describeEvent(g.events[0]!, d);
  if (g.kind === 'votes') {
    const member = g.events[0]!.data.memberId;
    const who = d.participants.find((p) => p.personId === member)?.name ?? 'someone';
    const of = (suffix: string) => g.events.filter((e) => e.type.endsWith(suffix)).length;
    const parts = [
      of('_reopened') ? 'ballot reopened' : '',
      count(of('_cast'), 'vote cast', 'votes cast'),
      count(of('_cleared'), 'vote cleared', 'votes cleared'),
      of('_finished') ? 'ballot finished' : '',
    ].filter(Boolean);
    return `${who}: ${parts.join(', ')}`;
  }
  return `${g.events.length} edits: ${[...new Set(g.events.map((e) => describeEvent(e, d)))].slice(0, 3).join('; ')}${g.events.length > 3 ? '; …' : ''}`;
}
