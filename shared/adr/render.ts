// One decision, three ADR profiles: MADR 4, Nygard / adr-tools, and log4brains (MADR 2 style).
// Each renderer is a pure function; the sections they share are written once below.
import { stringify } from 'yaml';
import { resultSentences } from '../scoring/sentences.ts';
import { criterionShares } from '../scoring/shares.ts';
import { adrProfiles, type AdrProfile, type DecisionDetail, type Results } from '../types.ts';
import { blocks, cell, document, headingText, inline, lines, linkDestination, linkText, table } from './markdown.ts';

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
const percent = (w: number) => `${Number((w * 100).toFixed(1))} %`;
const ordinals = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
const ordinal = (n: number) => ordinals[n - 1] ?? `number ${n}`;
export const padNumber = (n: number) => String(n).padStart(4, '0');
const adrId = (n: number | null) => (n === null ? '' : `ADR-${padNumber(n)}`);
const people = (d: DecisionDetail, role: string) => d.participants.filter((p) => p.role === role).map((p) => p.name);
const sentence = (text: string) => text.replace(/[.\s]+$/, '');
const stripBecause = (line: string, kind: string) => line.replace(new RegExp(`^${kind},?\\s+because\\s+`, 'i'), '');
const counted = (n: number, one: string, many: string) => `${n < 10 ? ['No', 'One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine'][n] : n} ${n === 1 ? one : many}`;
const lowerFirst = (s: string) => (/^\p{Lu}\p{Ll}/u.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);

const weights = (d: DecisionDetail, r: Results | null) => criterionShares(d.criteria, r);

function context(d: DecisionDetail, s: Style): string {
  return blocks(d.context, s.bullet) || 'No context was recorded.';
}

function drivers(d: DecisionDetail, r: Results | null, s: Style): string | null {
  const w = weights(d, r);
  const criteria = [...d.criteria].sort((a, b) => w.get(b.id)! - w.get(a.id)!);
  const list = criteria.map((c) => `${s.bullet} ${inline(c.name)} — ${percent(w.get(c.id)!)}${c.description ? `: ${inline(c.description)}` : ''}`);
  const voted = r?.weights.some((x) => x.source === 'voted');
  const parts = [];
  if (list.length) parts.push(`Criteria, ${voted ? 'weighed by the team’s votes' : 'weighed by the team'} (share of the total weight):`, list.join('\n'));
  const own = blocks(d.drivers, s.bullet);
  // Two lists in a row would read as one: the team's own drivers get a lead-in.
  if (own) parts.push(...(list.length ? ['Other drivers:', own] : [own]));
  return parts.length ? parts.join('\n\n') : null;
}

function options(d: DecisionDetail, s: Style): string {
  if (d.options.length === 0) return 'No options were recorded.';
  return d.options.map((o) => `${s.bullet} ${inline(o.name)}${o.description.trim() ? ` — ${inline(o.description)}` : ''}`).join('\n');
}

function outcome(d: DecisionDetail, r: Results | null): string {
  const chosen = d.options.find((o) => o.id === d.outcome.optionId);
  if (!chosen) return 'No option has been chosen yet.';
  const ranked = r?.options.filter((o) => o.rank !== null) ?? [];
  const mine = ranked.find((o) => o.optionId === chosen.id);
  const max = r?.scale.max ?? d.scale.max;
  const because = d.outcome.rationale.trim()
    ? inline(sentence(d.outcome.rationale))
    : mine
      ? `it ranks ${ordinal(mine.rank!)} of ${ranked.length} with a weighted score of ${fixed(mine.score!)} of ${max}`
      : 'the team chose it';
  const parts = [`Chosen option: "${inline(chosen.name)}", because ${because}.`];
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
  const item = (kind: 'Good' | 'Bad', line: string) => `${s.bullet} ${kind}, because ${inline(lowerFirst(stripBecause(line, kind)))}`;
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

function prosAndCons(d: DecisionDetail, r: Results | null, s: Style): string | null {
  const valueOf = (o: number, c: number) => r?.cells.find((x) => x.optionId === o && x.criterionId === c)?.value ?? null;
  const sections: string[] = [];
  const taken = new Set([...reservedHeadings, headingText(d.title).toLowerCase()]);
  for (const o of d.options) {
    const items: string[] = [];
    for (const c of d.criteria) {
      const v = valueOf(o.id, c.id);
      const score = v === null ? '' : `, ${fixed(v)} of ${r!.scale.max}`;
      for (const e of d.evidence.filter((x) => x.optionId === o.id && x.criterionId === c.id)) {
        items.push(`${s.bullet} ${kindOf(v, r)}, because ${inline(lowerFirst(sentence(e.text)))} (${inline(c.name)}${score})`);
      }
    }
    for (const v of r?.votes.filter((x) => x.optionId === o.id && x.why.trim()) ?? []) {
      const who = r!.members[v.member]?.label ?? 'a member';
      const criterion = d.criteria.find((c) => c.id === v.criterionId)?.name ?? '';
      items.push(`${s.bullet} ${kindOf(v.score, r)}, because "${inline(sentence(v.why))}" (${inline(who)} on ${inline(criterion)})`);
    }
    if (items.length === 0) continue;
    let heading = headingText(o.name);
    if (taken.has(heading.toLowerCase())) heading = `${heading} (option)`;
    for (let i = 2; taken.has(heading.toLowerCase()); i++) heading = `${headingText(o.name)} (option ${i})`;
    taken.add(heading.toLowerCase());
    sections.push(`### ${heading}\n\n${items.join('\n')}`);
  }
  return sections.length ? sections.join('\n\n') : null;
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
    `${how} per cell (${r.scale.min}–${r.scale.max}) with the standard deviation of the votes. Cells marked ⚠ had a range of at least half the scale.`,
    table(['Criterion', 'Weight', ...d.options.map((o) => cell(o.name))], ['left', 'right', ...d.options.map(() => 'right' as const)], rows),
  ].join('\n\n');
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

function votes(d: DecisionDetail, r: Results | null): string | null {
  if (!r || r.members.length === 0) return null;
  const anonymous = d.anonymous;
  const role = (personId: number | null) => d.participants.find((p) => p.personId === personId)?.role ?? 'participant';
  const rows = r.members.map((m) => [
    cell(m.label),
    ...(anonymous ? [] : [role(m.personId)]),
    ...d.options.map((o) => {
      const t = m.totals.find((x) => x.optionId === o.id)?.total;
      return t == null ? '—' : fixed(t);
    }),
  ]);
  const header = ['Member', ...(anonymous ? [] : ['Role']), ...d.options.map((o) => cell(o.name))];
  const align = ['left' as const, ...(anonymous ? [] : ['left' as const]), ...d.options.map(() => 'right' as const)];
  return [
    '### Votes',
    `Each member’s weighted score per option${anonymous ? ' (the votes were anonymous)' : ''}; — where a member abstained on a criterion:`,
    table(header, align, rows),
  ].join('\n\n');
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
  const closing = [
    facilitators.length ? `Facilitated by ${facilitators.map(inline).join(', ')}.` : '',
    `Recorded with Verdict from a workshop on ${input.date}.`,
  ]
    .filter(Boolean)
    .join(' ');
  return document([
    matrix(d, input.results),
    votes(d, input.results),
    rounds(d),
    links && `### Related records\n\n${links}`,
    blocks(d.moreInfo, s.bullet),
    d.tags.length && withRelated ? `Tags: ${d.tags.map(inline).join(', ')}.` : null,
    closing,
  ]).trimEnd();
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

const capital = (w: string) => w[0]!.toUpperCase() + w.slice(1);

export function renderNygard(input: AdrInput): string {
  const d = input.decision;
  const s: Style = { bullet: '*' };
  const link = (l: RecordLink) => `[${l.number ?? ''}. ${linkText(l.title)}](${linkDestination(l.file)})`;
  // adr-tools replaces the status word by its "Superceded by" line (its own spelling).
  const status = [
    ...(input.supersededBy.length ? input.supersededBy.map((l) => `Superceded by ${link(l)}`) : [capital(d.status)]),
    ...input.supersedes.map((l) => `Supercedes ${link(l)}`),
  ];
  const drv = drivers(d, input.results, s);
  const good = consequenceItems(d, s);
  const confirmation = blocks(d.confirmation, s.bullet);
  const pc = prosAndCons(d, input.results, s);
  return document([
    `# ${input.number ?? 0}. ${headingText(d.title)}`,
    `Date: ${input.date}`,
    '## Status',
    ...status,
    '## Context',
    context(d, s),
    drv && `### Decision Drivers\n\n${drv}`,
    '### Considered Options',
    options(d, s),
    '## Decision',
    outcome(d, input.results),
    '## Consequences',
    good ?? 'No consequences were recorded.',
    confirmation && `### Confirmation\n\n${confirmation}`,
    pc && `## Pros and Cons of the Options\n\n${pc}`,
    '## More Information',
    moreInformation(input, s, false),
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
  const goodItems = lines(d.consequencesGood).map((l) => `- ${inline(stripBecause(l, 'Good'))}`);
  const badItems = lines(d.consequencesBad).map((l) => `- ${inline(stripBecause(l, 'Bad'))}`);
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
