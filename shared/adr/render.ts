// One decision, three ADR profiles: MADR 4, Nygard / adr-tools, and log4brains (MADR 2 style).
// Each renderer is a pure function; the sections they share are written once below.
import { stringify } from 'yaml';
import { resultSentences } from '../scoring/sentences.ts';
import { listOf } from '../scoring/index.ts';
import { criterionShares } from '../scoring/shares.ts';
import { cellReasons, revotedCells, revotedSpan, type CellReason } from '../reasons.ts';
import { adrProfiles, type AdrProfile, type DecisionDetail, type RecordNames, type Results } from '../types.ts';
import { blocks, cell, document, headingText, inline, lines, linkDestination, linkText, table } from './markdown.ts';
import { afterBecause, draftReason, lowerFirst } from './reason.ts';

export type Profile = AdrProfile;
export const profiles = adrProfiles;

/** Another record in the same ADR folder. */
export interface RecordLink {
  title: string;
  file: string;
  number: number | null;
}

export interface AdrInput {
  decision: DecisionDetail;
  /** null when no round has been revealed. */
  results: Results | null;
  /** The record's date, YYYY-MM-DD. */
  date: string;
  /** The record's number; null in log4brains repositories, which name files by date. */
  number: number | null;
  supersedes: RecordLink[];
  supersededBy: RecordLink[];
}

interface Style {
  bullet: '*' | '-';
}

const fixed = (n: number) => n.toFixed(2);
const capital = (w: string) => w[0]!.toUpperCase() + w.slice(1);
const percent = (w: number) => `${Number((w * 100).toFixed(1))} %`;
const ordinals = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
const ordinal = (n: number) => ordinals[n - 1] ?? `number ${n}`;
export const padNumber = (n: number) => String(n).padStart(4, '0');
const adrId = (n: number | null) => (n === null ? '' : `ADR-${padNumber(n)}`);
const people = (d: DecisionDetail, role: string) => d.participants.filter((p) => p.role === role).map((p) => p.name);
const sentence = (text: string) => text.replace(/[.\s]+$/, '');
const stripBecause = (line: string, kind: string) => line.replace(new RegExp(`^${kind},?\\s+because\\s+`, 'i'), '');
const counted = (n: number, one: string, many: string) => `${n < 10 ? ['No', 'One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine'][n] : n} ${n === 1 ? one : many}`;

const weights = (d: DecisionDetail, r: Results | null) => criterionShares(d.criteria, r);

function context(d: DecisionDetail, s: Style): string {
  return blocks(d.context, s.bullet) || 'No context was recorded.';
}

function drivers(d: DecisionDetail, r: Results | null, s: Style): string | null {
  const w = weights(d, r);
  const criteria = [...d.criteria].sort((a, b) => w.get(b.id)! - w.get(a.id)!);
  const voted = r?.weights.some((x) => x.source === 'voted');
  const parts = [];
  if (r && r.votes.length > 0 && criteria.length > 3) {
    // The matrix lists every criterion and weight: here, only the heaviest, in a sentence.
    const top = criteria.filter((c) => Math.abs(w.get(c.id)! - w.get(criteria[0]!.id)!) < 1e-9);
    const heaviest =
      top.length > 1 && top.length <= 3
        ? `${listOf(top.map((c) => inline(c.name)))}, at ${percent(w.get(top[0]!.id)!)} each`
        : listOf(criteria.slice(0, 3).map((c) => `${inline(c.name)} (${percent(w.get(c.id)!)})`));
    parts.push(`The team weighed ${counted(criteria.length, 'criterion', 'criteria').toLowerCase()}${voted ? ' by vote' : ''} (all of them in the decision matrix below); the heaviest are ${heaviest}.`);
  } else if (criteria.length) {
    const list = criteria.map((c) => `${s.bullet} ${inline(c.name)} — ${percent(w.get(c.id)!)}${c.description ? `: ${inline(c.description)}` : ''}`);
    parts.push(`Criteria, ${voted ? 'weighed by the team’s votes' : 'weighed by the team'} (share of the total weight):`, list.join('\n'));
  }
  const own = blocks(d.drivers, s.bullet);
  // Two lists in a row would read as one: after the criteria list, the team's own drivers get a lead-in.
  if (own) parts.push(...(parts.length && !parts[0]!.startsWith('The team weighed') ? ['Other drivers:', own] : [own]));
  return parts.length ? parts.join('\n\n') : null;
}

function options(d: DecisionDetail, s: Style): string {
  if (d.options.length === 0) return 'No options were recorded.';
  return d.options.map((o) => `${s.bullet} ${inline(o.name)}${o.description.trim() ? ` — ${inline(o.description)}` : ''}`).join('\n');
}

function outcome(d: DecisionDetail, r: Results | null, lead = (name: string) => `Chosen option: "${name}"`): string {
  const chosen = d.options.find((o) => o.id === d.outcome.optionId);
  if (!chosen) return 'No option has been chosen yet.';
  const ranked = r?.options.filter((o) => o.rank !== null) ?? [];
  const mine = ranked.find((o) => o.optionId === chosen.id);
  const max = r?.scale.max ?? d.scale.max;
  // The team's reason as typed, its first word lower-cased after "because" unless it is a name (afterBecause).
  const typed = d.outcome.rationale.trim();
  const because = inline(sentence(typed ? afterBecause(typed, d) : lowerFirst(draftReason(d, r, chosen.id) || 'the team chose it')));
  const parts = [`${lead(inline(chosen.name))}, because ${because}.`];
  if (mine && r) {
    const position = ranked.indexOf(mine);
    let scores = `Weighted score ${fixed(mine.score!)} of ${max}, ${ordinal(mine.rank!)} of ${ranked.length}`;
    const shared = ranked.filter((o) => o !== mine && o.rank === mine.rank).map((o) => inline(o.name));
    if (shared.length) scores += ` (level with ${shared.join(', ')})`;
    else if (position === 0 && ranked[1]) scores += `; ${inline(ranked[1].name)} ${fixed(ranked[1].score!)} (margin ${fixed(mine.score! - ranked[1].score!)})`;
    else if (position > 0 && mine.rank !== 1) scores += `; ${inline(ranked[0]!.name)} ranked first with ${fixed(ranked[0]!.score!)}`;
    const said = resultSentences(r, inline);
    parts.push([`${scores}.`, ...said.leftOut, said.flip, said.robustness].filter(Boolean).join(' '));
  }
  return parts.join('\n\n');
}

function consequenceItems(d: DecisionDetail, s: Style): string | null {
  const item = (kind: 'Good' | 'Bad', line: string) => `${s.bullet} ${kind}, because ${inline(afterBecause(stripBecause(line, kind), d))}`;
  const items = [...lines(d.consequencesGood).map((l) => item('Good', l)), ...lines(d.consequencesBad).map((l) => item('Bad', l))];
  return items.length ? items.join('\n') : null;
}

type Kind = 'Good' | 'Neutral' | 'Bad';
function kindOf(value: number | null, r: Results | null): Kind {
  if (value === null || !r) return 'Neutral';
  const { min, max } = r.scale;
  if (value >= min + 0.625 * (max - min)) return 'Good';
  if (value <= min + 0.375 * (max - min)) return 'Bad';
  return 'Neutral';
}

/** Headings other sections use, which an option heading must not repeat (markdownlint MD024). */
const reservedHeadings = ['consequences', 'confirmation', 'decision matrix', 'votes', 'related records', 'decision drivers', 'considered options', 'positive consequences', 'negative consequences'];

/** Where a piece of evidence comes from: a link when the source holds an address, else the citation as written. */
function citation(source: string): string {
  const text = source.replace(/\s+/g, ' ').trim();
  if (text === '') return '';
  const url = /https?:\/\/[^\s<>"`|\\]+[^\s<>"`|\\.,;:!?)\]'*_]/.exec(text)?.[0];
  // An address URL cannot read ("http://a:99999", "http://[::1x") is cited as written, never a reason to fail the export.
  if (url === undefined || !URL.canParse(url)) return ` (${inline(text)})`;
  const label = text.replace(url, '').replace(/^[\s,;:–—-]+|[\s,;:(–—-]+$/g, '') || new URL(url).hostname;
  // Only what would end or break the destination is escaped; decodeURI is not used, since a stray % would throw.
  return ` ([${linkText(label)}](${url.replace(/[\s()<>]/g, (c) => encodeURIComponent(c))}))`;
}

const asSentence = (text: string) => {
  const t = text.replace(/\s+/g, ' ').trim();
  return /[.!?…]$/.test(t) ? t : `${t}.`;
};
const oneDecimal = (n: number) => n.toFixed(1);

/** How a member is named in the record: by name, by role ("Decision-maker 2"), or not at all. */
export function voteNames(d: DecisionDetail): RecordNames {
  return d.anonymous ? 'nobody' : d.recordNames;
}

function memberLabels(d: DecisionDetail, r: Results): string[] {
  const mode = voteNames(d);
  if (mode === 'names') return r.members.map((m) => m.label);
  if (mode === 'nobody') return r.members.map(() => 'a member');
  // By role, a role only one person holds would name them (the record lists who took part, with roles), and a
  // number would follow the roster's order: such a vote says "a member", the others only their role.
  const roleOf = (m: Results['members'][number]) => d.participants.find((p) => p.personId === m.personId)?.role ?? 'member';
  const count = new Map<string, number>();
  for (const m of r.members) count.set(roleOf(m), (count.get(roleOf(m)) ?? 0) + 1);
  return r.members.map((m) => {
    const role = roleOf(m);
    return count.get(role)! > 1 ? role[0]!.toUpperCase() + role.slice(1) : 'a member';
  });
}

/** The members in an order of their votes, not of the roster (by role, a row's place must not name it). */
function memberOrder(d: DecisionDetail, r: Results): number[] {
  const order = r.members.map((_, i) => i);
  if (voteNames(d) !== 'roles') return order;
  const totals = (i: number) => d.options.map((o) => r.members[i]!.totals.find((t) => t.optionId === o.id)?.total ?? -1);
  return order.sort((a, b) => {
    const [x, y] = [totals(a), totals(b)];
    for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return y[k]! - x[k]!;
    return 0;
  });
}

const MAX_PER_KIND = 3;

/**
 * Per option, the arguments that weigh most: the team's score on a criterion as a sentence, then the evidence the
 * team had, quoted with its source. The rest is in the decision matrix; what members wrote, under it.
 */
function prosAndCons(d: DecisionDetail, r: Results | null, s: Style): string | null {
  const valueOf = (o: number, c: number) => r?.cells.find((x) => x.optionId === o && x.criterionId === c)?.value ?? null;
  const shares = weights(d, r);
  const sections: string[] = [];
  const taken = new Set([...reservedHeadings, headingText(d.title).toLowerCase()]);
  let leftOut = false;
  for (const o of d.options) {
    const candidates = d.criteria
      .map((c, i) => {
        const v = valueOf(o.id, c.id);
        const evidence = d.evidence.filter((x) => x.optionId === o.id && x.criterionId === c.id);
        const mid = r ? (r.scale.min + r.scale.max) / 2 : 0;
        return { c, v, i, evidence, kind: kindOf(v, r), strength: (shares.get(c.id) ?? 0) * (v === null ? 0 : Math.abs(v - mid)) };
      })
      .filter((x) => x.evidence.length > 0 || x.v !== null);
    const picked = (['Good', 'Bad'] as const).flatMap((kind) =>
      candidates
        .filter((x) => x.kind === kind)
        .sort((a, b) => b.strength - a.strength || a.i - b.i)
        .slice(0, MAX_PER_KIND),
    );
    // Without votes there is no team score: the evidence alone, as neutral arguments.
    const chosen = r ? picked : candidates.filter((x) => x.evidence.length > 0);
    if (chosen.length < candidates.length) leftOut = true;
    const items = chosen
      .sort((a, b) => (a.kind === b.kind ? b.strength - a.strength || a.i - b.i : a.kind === 'Good' ? -1 : 1))
      .map((x) => {
        const said = x.v === null ? `because of its ${lowerFirst(x.c.name)}.` : `because its ${lowerFirst(x.c.name)} scores ${oneDecimal(x.v)} of ${r!.scale.max} with the team.`;
        const quotes = x.evidence.map((e) => ` ${inline(asSentence(e.text))}${citation(e.source)}`).join('');
        return `${s.bullet} ${x.kind}, ${inline(said)}${quotes}`;
      });
    if (items.length === 0) continue;
    let heading = headingText(o.name);
    if (taken.has(heading.toLowerCase())) heading = `${heading} (option)`;
    for (let i = 2; taken.has(heading.toLowerCase()); i++) heading = `${headingText(o.name)} (option ${i})`;
    taken.add(heading.toLowerCase());
    sections.push(`### ${heading}\n\n${items.join('\n')}`);
  }
  if (sections.length === 0) return null;
  const intro = leftOut && r ? 'The criteria that weigh most for and against each option, with the evidence the team had; every score is in the decision matrix.' : null;
  return [intro, ...sections].filter(Boolean).join('\n\n');
}

function matrix(d: DecisionDetail, r: Results | null): string | null {
  if (!r || r.votes.length === 0) return null;
  const w = weights(d, r);
  const rows = d.criteria.map((c) => [
    cell(c.name),
    percent(w.get(c.id)!),
    ...d.options.map((o) => {
      const x = r.cells.find((y) => y.optionId === o.id && y.criterionId === c.id);
      if (!x || x.value === null) return '—';
      return `${fixed(x.value)} ± ${fixed(x.sd!)}${x.flagged ? ' ⚠' : ''}`;
    }),
  ]);
  const total = (id: number) => {
    const o = r.options.find((x) => x.optionId === id);
    return o?.score == null ? 'incomplete' : `**${fixed(o.score)}**`;
  };
  rows.push(['**Weighted score**', '100 %', ...d.options.map((o) => total(o.id))]);
  const how = r.aggregation === 'median' ? 'Team median' : 'Team mean';
  return [
    '### Decision matrix',
    `${how} per cell (${r.scale.min}–${r.scale.max}) with the standard deviation of the votes.${r.cells.some((x) => x.flagged) ? ' Cells marked ⚠ had a range of at least half the scale.' : ''}`,
    table(['Criterion', 'Weight', ...d.options.map((o) => cell(o.name))], ['left', 'right', ...d.options.map(() => 'right' as const)], rows),
  ].join('\n\n');
}

/** A member's reason as a quote: each line escaped, the line breaks kept as hard breaks (indented to `indent`). */
function quote(text: string, indent: string): string {
  const kept = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map(inline)
    .filter((l) => l !== '');
  return `"${kept.join(`\\\n${indent}`)}"`;
}

/** A cell's reasons as quotes under its item, each member named as the decision chose; blank reasons left out. */
function quotedReasons(said: readonly CellReason[], labels: readonly string[], s: Style): string[] {
  return said
    .filter((x) => x.text.split('\n').some((l) => inline(l) !== ''))
    .map(({ member, score, text, round }) => {
      const label = labels[member] ?? 'a member';
      const who = label === 'a member' ? 'A member' : inline(label) || 'A member';
      const how = [score === null ? 'abstained' : String(score), round === null ? null : `reason from round ${round}`].filter(Boolean).join(', ');
      return `  ${s.bullet} ${who} (${how}): ${quote(text, '    ')}`;
    });
}

const cellName = (d: DecisionDetail, optionId: number, criterionId: number) =>
  `${inline(d.options.find((o) => o.id === optionId)?.name ?? '')} on ${inline(lowerFirst(d.criteria.find((c) => c.id === criterionId)?.name ?? ''))}`;

/**
 * What members wrote on the cells the results flag for discussion (`cellReasons`: an earlier round's reason kept,
 * marked with its round), named as the decision chose, never by name in an anonymous one. Other cells' reasons
 * stay out: the record stays short.
 */
function flaggedReasons(d: DecisionDetail, r: Results | null, s: Style): string | null {
  if (!r) return null;
  const labels = memberLabels(d, r);
  const items: string[] = [];
  for (const c of d.criteria) {
    for (const o of d.options) {
      if (!r.cells.find((x) => x.optionId === o.id && x.criterionId === c.id)?.flagged) continue;
      const lines = quotedReasons(cellReasons(r, o.id, c.id), labels, s);
      if (lines.length === 0) continue;
      const scores = r.votes.flatMap((v) => (v.optionId === o.id && v.criterionId === c.id && v.score !== null ? [v.score] : []));
      items.push(`${s.bullet} ${cellName(d, o.id, c.id)}, scores from ${Math.min(...scores)} to ${Math.max(...scores)}:\n${lines.join('\n')}`);
    }
  }
  return items.length ? `What the team wrote on the cells marked ⚠:\n\n${items.join('\n')}` : null;
}

/**
 * The disagreements a re-vote took out of the flagged cells (`revotedCells`): those it settled, and those it left
 * open because someone who scored them then did not score them again; with the range then and now and what was
 * written on them, named as the flagged cells' quotes are. A cell nobody explained still gets its line.
 */
function settledReasons(d: DecisionDetail, r: Results | null, s: Style): string | null {
  if (!r) return null;
  const labels = memberLabels(d, r);
  const cells = revotedCells(r);
  const part = (settled: boolean, heading: string) => {
    const items = cells
      .filter((x) => x.settled === settled)
      .map((x) => {
        const head = `${s.bullet} ${cellName(d, x.optionId, x.criterionId)}, ${revotedSpan(x)}`;
        const lines = quotedReasons(x.reasons, labels, s);
        return lines.length ? `${head}:\n${lines.join('\n')}` : `${head}; no reasons given.`;
      });
    return items.length ? `${heading}:\n\n${items.join('\n')}` : null;
  };
  const parts = [part(true, 'Disagreements settled after a re-vote'), part(false, 'Disagreements a re-vote left open')].filter(Boolean);
  return parts.length ? parts.join('\n\n') : null;
}

function rounds(d: DecisionDetail): string | null {
  const revealed = d.rounds.filter((x) => x.status === 'revealed');
  if (revealed.length === 0) return null;
  const name = (id: number | null) => inline(d.criteria.find((c) => c.id === id)?.name ?? 'a removed criterion');
  const describe = revealed.map((x) => {
    const ballots = x.progress.filter((m) => m.filled > 0).length;
    const what = x.kind === 'weights' ? 'on the weights' : x.criterionId === null ? 'on all criteria' : `a re-vote of ${name(x.criterionId)}`;
    return `round ${x.seq} ${what} (${ballots} ${ballots === 1 ? 'ballot' : 'ballots'}, revealed together)`;
  });
  const count = counted(revealed.length, 'voting round', 'voting rounds');
  return `${count}: ${describe.join('; ')}.`;
}

/** Each member's weighted totals, named as the decision chose; never who voted what when that is "nobody". */
function votes(d: DecisionDetail, r: Results | null, compact: boolean): string | null {
  if (!r || r.members.length === 0) return null;
  const mode = voteNames(d);
  const total = (m: Results['members'][number], optionId: number) => m.totals.find((x) => x.optionId === optionId)?.total ?? null;
  if (mode === 'nobody') {
    const n = r.members.length;
    const firsts = new Map<number, number>();
    for (const m of r.members) {
      const scored = d.options.map((o) => ({ id: o.id, t: total(m, o.id) })).filter((x) => x.t !== null);
      const best = scored.sort((a, b) => b.t! - a.t!)[0];
      if (best && !scored.some((x) => x !== best && x.t === best.t)) firsts.set(best.id, (firsts.get(best.id) ?? 0) + 1);
    }
    const lead = [...firsts.entries()].sort((a, b) => b[1] - a[1])[0];
    const who = lead ? ` ${lead[1] === n ? `Every member’s own scores put` : `${lead[1]} of ${n} members’ own scores put`} ${inline(d.options.find((o) => o.id === lead[0])!.name)} first.` : '';
    return `${counted(n, 'member', 'members')} voted; the record does not say who voted what.${who}`;
  }
  const labels = memberLabels(d, r);
  const cells = (m: Results['members'][number]) => d.options.map((o) => (total(m, o.id) === null ? '—' : fixed(total(m, o.id)!)));
  if (compact) {
    const each = memberOrder(d, r).map((i) => `${inline(labels[i]!)} ${cells(r.members[i]!).join(' / ')}`);
    return `Each member’s own weighted score (${d.options.map((o) => inline(o.name)).join(' / ')}): ${each.join(', ')}.`;
  }
  const withRole = mode === 'names';
  const role = (personId: number | null) => d.participants.find((p) => p.personId === personId)?.role ?? 'participant';
  const rows = memberOrder(d, r).map((i) => [cell(labels[i]!), ...(withRole ? [role(r.members[i]!.personId)] : []), ...cells(r.members[i]!)]);
  const header = ['Member', ...(withRole ? ['Role'] : []), ...d.options.map((o) => cell(o.name))];
  const align = ['left' as const, ...(withRole ? ['left' as const] : []), ...d.options.map(() => 'right' as const)];
  const abstained = rows.some((r) => r.includes('—'));
  return ['### Votes', `Each member’s weighted score per option${abstained ? ' (— where a member abstained on a criterion)' : ''}:`, table(header, align, rows)].join('\n\n');
}

const recordLink = (l: RecordLink, numbered: boolean) => {
  const prefix = numbered && l.number !== null ? `${adrId(l.number)}: ` : '';
  return `[${prefix}${linkText(l.title)}](${linkDestination(l.file)})`;
};

function related(input: AdrInput, s: Style, numbered: boolean): string | null {
  const items = [
    ...input.supersedes.map((l) => `${s.bullet} Supersedes ${recordLink(l, numbered)}`),
    ...input.supersededBy.map((l) => `${s.bullet} Superseded by ${recordLink(l, numbered)}`),
  ];
  return items.length ? items.join('\n') : null;
}

function moreInformation(input: AdrInput, s: Style, withRelated: boolean): string {
  const d = input.decision;
  const facilitators = people(d, 'facilitator');
  const links = withRelated ? related(input, s, true) : null;
  return document([
    matrix(d, input.results),
    flaggedReasons(d, input.results, s),
    settledReasons(d, input.results, s),
    votes(d, input.results, false),
    [rounds(d), d.tags.length && withRelated ? `Tags: ${d.tags.map(inline).join(', ')}.` : null, closing(input, facilitators)].filter(Boolean).join(' '),
    links && `### Related records\n\n${links}`,
    blocks(d.moreInfo, s.bullet),
  ]).trimEnd();
}

function closing(input: AdrInput, facilitators: string[]): string {
  return [facilitators.length ? `Facilitated by ${listOf(facilitators.map(inline))}.` : '', `Recorded with Verdict from a workshop on ${input.date}.`].filter(Boolean).join(' ');
}

/** The sections MADR 4 and log4brains (MADR 2) share, from the context to the outcome. */
function madrFrame(input: AdrInput, s: Style): (string | null)[] {
  const d = input.decision;
  const drv = drivers(d, input.results, s);
  return [
    '## Context and Problem Statement',
    context(d, s),
    drv && `## Decision Drivers\n\n${drv}`,
    '## Considered Options',
    options(d, s),
    '## Decision Outcome',
    outcome(d, input.results),
  ];
}

function madrStatus(input: AdrInput): string {
  const by = input.supersededBy[0];
  if (by) return `superseded by ${adrId(by.number) || by.file}`;
  return input.decision.status;
}

export function renderMadr(input: AdrInput): string {
  const d = input.decision;
  const s: Style = { bullet: '*' };
  const meta: Record<string, string> = { status: madrStatus(input), date: input.date };
  for (const [key, role] of [
    ['decision-makers', 'decision-maker'],
    ['consulted', 'consulted'],
    ['informed', 'informed'],
  ] as const) {
    const names = people(d, role);
    if (names.length) meta[key] = names.join(', ');
  }
  const good = consequenceItems(d, s);
  const confirmation = blocks(d.confirmation, s.bullet);
  const pc = prosAndCons(d, input.results, s);
  return document([
    `---\n${stringify(meta, { lineWidth: 0 }).trimEnd()}\n---`,
    `# ${headingText(d.title)}`,
    ...madrFrame(input, s),
    good && `### Consequences\n\n${good}`,
    confirmation && `### Confirmation\n\n${confirmation}`,
    pc && `## Pros and Cons of the Options\n\n${pc}`,
    '## More Information',
    moreInformation(input, s, true),
  ]);
}

/** "Decided by Ana Lima and Bo Chen, with Cy Okafor consulted; Platform team informed." Who took part, by role. */
function takingPart(d: DecisionDetail): string | null {
  const named = (role: string) => listOf(people(d, role).map(inline));
  const makers = named('decision-maker');
  const consulted = named('consulted');
  const informed = named('informed');
  const parts = [makers && `Decided by ${makers}`, consulted && `${makers ? 'with ' : ''}${consulted} consulted`].filter(Boolean).join(', ');
  const text = [parts, informed && `${informed} informed`].filter(Boolean).join('; ');
  return text ? `${text[0]!.toUpperCase()}${text.slice(1)}.` : null;
}

/** adr-tools' own template (Status, Context, Decision, Consequences) and the evidence of the vote in one closing section. */
export function renderNygard(input: AdrInput): string {
  const d = input.decision;
  const s: Style = { bullet: '*' };
  const link = (l: RecordLink) => `[${l.number ?? ''}. ${linkText(l.title)}](${linkDestination(l.file)})`;
  // adr-tools replaces the status word by its "Superceded by" line (its own spelling).
  const status = [
    ...(input.supersededBy.length ? input.supersededBy.map((l) => `Superceded by ${link(l)}`) : [capital(d.status)]),
    ...input.supersedes.map((l) => `Supercedes ${link(l)}`),
  ];
  const good = consequenceItems(d, s);
  const confirmation = blocks(d.confirmation, s.bullet);
  const r = input.results;
  const table = matrix(d, r);
  // Without a vote there is no matrix to carry the criteria and weights: the context lists them instead.
  const own = table ? blocks(d.drivers, s.bullet) : drivers(d, r, s);
  const evidence = [table?.replace(/^### Decision matrix\n\n/, ''), flaggedReasons(d, r, s), settledReasons(d, r, s), votes(d, r, true), blocks(d.moreInfo, s.bullet)].filter(Boolean);
  return document([
    `# ${input.number ?? 0}. ${headingText(d.title)}`,
    `Date: ${input.date}`,
    '## Status',
    ...status,
    '## Context',
    context(d, s),
    own,
    d.options.length ? `We considered:\n\n${options(d, s)}` : null,
    '## Decision',
    outcome(d, r, (name) => `We will use ${name}`),
    takingPart(d),
    '## Consequences',
    good ?? 'No consequences were recorded.',
    confirmation,
    evidence.length ? '## Evidence of the vote' : null,
    ...evidence,
    [rounds(d), closing(input, people(d, 'facilitator'))].filter(Boolean).join(' '),
  ]);
}

export function renderLog4brains(input: AdrInput): string {
  const d = input.decision;
  const s: Style = { bullet: '-' };
  const by = input.supersededBy[0];
  const status = by ? `superseded by [${linkText(by.title)}](${linkDestination(by.file)})` : d.status;
  const deciders = people(d, 'decision-maker');
  const meta = [
    `- Status: ${status}`,
    deciders.length ? `- Deciders: ${deciders.map(inline).join(', ')}` : null,
    `- Date: ${input.date}`,
    d.tags.length ? `- Tags: ${d.tags.map(inline).join(', ')}` : null,
  ].filter(Boolean);
  // "accounts and sessions…" starts a sentence once "Good, because" is gone; an address or a code word stays as typed.
  const startSentence = (t: string) => (/^\p{Ll}[\p{L}'’-]*(\s|$)/u.test(t) ? capital(t) : t);
  const item = (l: string, kind: string) => `- ${inline(startSentence(stripBecause(l, kind)))}`;
  const goodItems = lines(d.consequencesGood).map((l) => item(l, 'Good'));
  const badItems = lines(d.consequencesBad).map((l) => item(l, 'Bad'));
  const confirmation = blocks(d.confirmation, s.bullet);
  const pc = prosAndCons(d, input.results, s);
  const links = related(input, s, false);
  return document([
    `# ${headingText(d.title)}`,
    meta.join('\n'),
    ...madrFrame(input, s),
    goodItems.length > 0 && `### Positive Consequences\n\n${goodItems.join('\n')}`,
    badItems.length > 0 && `### Negative Consequences\n\n${badItems.join('\n')}`,
    confirmation && `### Confirmation\n\n${confirmation}`,
    pc && `## Pros and Cons of the Options\n\n${pc}`,
    links && `## Links\n\n${links}`,
    '## More Information',
    moreInformation(input, s, false),
  ]);
}

export const renderers: Record<Profile, (input: AdrInput) => string> = {
  madr: renderMadr,
  nygard: renderNygard,
  log4brains: renderLog4brains,
};
