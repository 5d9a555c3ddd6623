// Plain-text views for the terminal.
import { describeEvent, doorOf, groupHistory, historyTime, type HistoryKind } from '../../shared/history.ts';
import { cellReasons, revotedCells, revotedSpan, type CellReason } from '../../shared/reasons.ts';
import { withoutControls } from '../../shared/text.ts';
import type { DecisionDetail, DecisionSummary, HistoryEvent, RepoScan, Results } from '../../shared/types.ts';

const pct = (w: number) => `${(w * 100).toFixed(1)} %`;
const num = (n: number | null) => (n === null ? '—' : n.toFixed(2));

export function decisionList(rows: DecisionSummary[]): string {
  if (rows.length === 0) return 'No decisions yet. Create one with: verdict new "TITLE" --template django-vs-flask';
  const width = Math.max(...rows.map((r) => String(r.id).length));
  return rows
    .map((r) => `${String(r.id).padStart(width)}  ${r.status.padEnd(10)}  ${r.title}${r.chosenOption ? `  → ${r.chosenOption}` : ''}  (updated ${r.updatedAt.slice(0, 10)})`)
    .join('\n');
}

/** Typed text of several lines, its continuation lines indented under its start: no line of it passes for one of ours. */
const under = (text: string, indent: string): string => text.replace(/\r\n?/g, '\n').split('\n').join(`\n${indent}`);

export function decisionView(d: DecisionDetail): string {
  const weightSum = d.criteria.reduce((s, c) => s + c.weight, 0);
  const lines = [`#${d.id} ${d.title}`, `status: ${d.status}   scale: ${d.scale.min}–${d.scale.max}   aggregation: ${d.aggregation}   weights: ${d.weighting}${d.anonymous ? '   anonymous votes' : ''}`];
  if (d.tags.length) lines.push(`tags: ${d.tags.join(', ')}`);
  if (d.context) lines.push('', 'Context:', `  ${under(d.context, '  ')}`);
  lines.push('', `Options (${d.options.length}):`, ...d.options.map((o) => `  ${o.id}. ${o.name}${o.description ? ` — ${under(o.description, '     ')}` : ''}`));
  lines.push(
    '',
    `Criteria (${d.criteria.length}):`,
    ...d.criteria.map((c) => `  ${c.id}. ${c.name}  weight ${c.weight} (${weightSum > 0 ? pct(c.weight / weightSum) : '—'})`),
  );
  lines.push('', `Participants (${d.participants.length}):`, ...d.participants.map((p) => `  ${p.name} (${p.role})`));
  if (d.rounds.length) {
    lines.push('', 'Rounds:');
    for (const r of d.rounds) {
      const done = r.progress.filter((m) => m.done).length;
      lines.push(`  ${r.seq}. ${r.kind}${r.criterionId ? ` (re-vote of criterion ${r.criterionId})` : ''}: ${r.status}, ${done}/${r.progress.length} finished`);
    }
  }
  const chosen = d.options.find((o) => o.id === d.outcome.optionId);
  if (chosen) lines.push('', `Chosen: ${chosen.name}${d.outcome.rationale ? ` — ${under(d.outcome.rationale, '  ')}` : ''}`);
  return lines.join('\n');
}

export function resultsView(r: Results, d: DecisionDetail): string {
  const name = (id: number, list: { id: number; name: string }[]) => list.find((x) => x.id === id)?.name ?? String(id);
  if (r.roundIds.length === 0) return 'No revealed votes yet: open a round, vote, and reveal it.';
  const lines = ['Ranking:'];
  for (const o of r.options) lines.push(`  ${o.rank === null ? '-' : `${o.rank}.`} ${o.name}  ${o.incomplete ? 'incomplete (a criterion has no scores)' : num(o.score)}`);
  lines.push('', 'Weights:', ...r.weights.map((w) => `  ${w.name}  ${pct(w.weight)}${w.source === 'voted' ? ' (voted)' : ''}`));
  const flagged = r.cells.filter((c) => c.flagged);
  if (flagged.length) {
    lines.push('', 'Talk about these (the team disagrees):');
    for (const c of flagged) {
      lines.push(`  ${name(c.optionId, d.options)} × ${name(c.criterionId, d.criteria)}: range ${c.range}, σ ${num(c.sd)}`);
      lines.push(...reasonLines(r, cellReasons(r, c.optionId, c.criterionId)));
    }
  }
  const revoted = revotedCells(r);
  for (const [settled, heading] of [[true, 'Settled after a re-vote:'], [false, 'Left open after a re-vote:']] as const) {
    const these = revoted.filter((x) => x.settled === settled);
    if (these.length) lines.push('', heading);
    for (const x of these) {
      lines.push(`  ${name(x.optionId, d.options)} × ${name(x.criterionId, d.criteria)}: ${revotedSpan(x)}`);
      lines.push(...reasonLines(r, x.reasons));
    }
  }
  lines.push('', ...r.sentences.leftOut, r.sentences.flip);
  if (r.sentences.robustness) lines.push(r.sentences.robustness);
  return lines.join('\n');
}

/** A cell's reasons under it, each under its member's label (names, or "Member N" in an anonymous decision). */
function reasonLines(r: Results, said: readonly CellReason[]): string[] {
  return said.map((x) => {
    const who = `${r.members[x.member]?.label ?? 'a member'} (${x.score ?? 'abstained'}${x.round === null ? '' : `, earlier, round ${x.round}`}): `;
    // A reason is typed text: no control character reaches the terminal, and its lines stay under its start.
    const text = withoutControls(x.text.trim().replace(/\r\n?/g, '\n'), '\n');
    return `    ${who}${text.split('\n').join(`\n    ${' '.repeat(who.length)}`)}`;
  });
}

export function scanView(scan: RepoScan): string {
  const head = `${scan.adrDir} (${scan.profile}, found by ${scan.source === 'none' ? 'default' : scan.source})${scan.exists ? '' : ' — does not exist yet'}`;
  const rows = scan.records.map((r) =>
    r.error !== null
      ? `  ${r.file}: ${r.error}`
      : `  ${r.number === null ? '    ' : String(r.number).padStart(4)}  ${(r.status ?? '—').padEnd(10)}  ${(r.date ?? '—').padEnd(10)}  ${r.title}  (${r.file})`,
  );
  const next = scan.profile === 'log4brains' ? 'new records are named by date' : `next number: ${scan.nextNumber}`;
  return [head, ...scan.notes.map((n) => `  note: ${n}`), ...(rows.length ? rows : ['  no records yet']), `  ${next}`].join('\n');
}


/** The History step's lines, oldest first: one per ballot, round or burst of edits, with its door; `all` adds each line's events. */
export function historyView(events: HistoryEvent[], d: DecisionDetail, o: { kind?: HistoryKind; all?: boolean } = {}): string {
  if (events.length === 0) return 'Nothing has happened yet.';
  const groups = groupHistory(events, d).filter((g) => o.kind === undefined || g.kind === o.kind);
  if (groups.length === 0) return 'Nothing of this kind yet.';
  const width = Math.max(...groups.map((g) => doorOf(g.actor).length));
  return groups
    .flatMap((g) => [
      `${historyTime(g.to)}  ${doorOf(g.actor).padEnd(width)}  ${g.summary}`,
      ...(o.all && g.events.length > 1 ? g.events.map((e) => `    ${historyTime(e.at)}  ${describeEvent(e, d)}`) : []),
    ])
    .join('\n');
}
