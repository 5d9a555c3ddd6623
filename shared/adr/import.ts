// Reading an ADR back into a decision: any of the three profiles, and Verdict's own records with their matrix.
import { parse as parseYaml } from 'yaml';
import type { Input } from '../api.ts';
import { statuses } from '../status.ts';
import type { AdrProfile } from '../types.ts';
import { parseRecord, stripComments } from './records.ts';

export interface RecordRef {
  title: string;
  file: string;
}

export interface ReadRecord {
  profile: AdrProfile;
  number: number | null;
  date: string | null;
  document: Input<'importDecision'>['document'];
  links: { supersedes: RecordRef[]; supersededBy: RecordRef[] };
}

/** Markdown inline text back to what was typed: escapes, entities and autolinks undone. */
export function plain(text: string): string {
  return text
    .replace(/<(https?:\/\/[^<>\s]+)>/g, '$1')
    .replace(/\\([\\`*_[\]<>|#~@.\-+=!()])/g, '$1')
    .replace(/&amp;/g, '&')
    .trim();
}

interface Section {
  heading: string;
  lines: string[];
}

/** The body split at headings of the given level ("## " or "### "), with the text before the first one. */
function sections(lines: string[], level: '## ' | '### '): { before: string[]; list: Section[] } {
  const list: Section[] = [];
  const before: string[] = [];
  for (const line of lines) {
    if (line.startsWith(level)) list.push({ heading: line.slice(level.length).trim(), lines: [] });
    else (list.at(-1)?.lines ?? before).push(line);
  }
  return { before, list };
}

const find = (list: Section[], ...names: string[]) => list.find((s) => names.some((n) => stripComments(s.heading).trim().toLowerCase() === n.toLowerCase()));
const bullets = (lines: string[]) => lines.filter((l) => /^[*-] /.test(l)).map((l) => l.slice(2).trim());
const paragraphs = (lines: string[]) =>
  lines
    .join('\n')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean);
/** Placeholders of the tools' own templates ("[option 1]", "…"): not content. */
const placeholder = (text: string) => /^\[[^\]]*\](\s*<!--.*-->)?$/.test(text) || /^…/.test(text) || /^<!--/.test(text);
const text = (lines: string[]) =>
  paragraphs(lines)
    .filter((p) => !placeholder(p))
    .map((p) =>
      p
        .split('\n')
        .map((l) => (/^[*-] /.test(l) ? `* ${plain(l.slice(2))}` : plain(l)))
        .join('\n'),
    )
    .join('\n\n');

function detect(file: string, body: string, frontMatter: boolean): AdrProfile {
  if (frontMatter) return 'madr';
  if (/^# \d+\. /m.test(body) && /^## Status\s*$/m.test(body)) return 'nygard';
  if (/^[-*] Status:/im.test(body.split(/^## /m)[0] ?? '') || /^\d{8}-/.test(file)) return 'log4brains';
  return 'madr';
}

/** "Name — description" as Verdict writes options, or a bare name. */
function option(item: string): { name: string; description: string } {
  const [name, ...rest] = item.split(' — ');
  return { name: plain(name!).slice(0, 120), description: plain(rest.join(' — ')) };
}

/** Verdict's decision matrix: criteria with their share of the weight, and the options in its header. */
function matrix(lines: string[]): { criteria: { name: string; weight: number }[]; options: string[] } | null {
  const at = lines.findIndex((l) => /^\| Criterion \| Weight \|/.test(l));
  if (at < 0) return null;
  const cells = (l: string) =>
    l
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim());
  const options = cells(lines[at]!).slice(2).map(plain);
  const criteria: { name: string; weight: number }[] = [];
  for (const l of lines.slice(at + 2)) {
    if (!l.startsWith('|') || l.includes('**Weighted score**')) break;
    const [name, weight] = cells(l);
    const w = /^([\d.]+) %$/.exec(weight ?? '');
    if (name && w) criteria.push({ name: plain(name), weight: Number(w[1]) });
  }
  return { criteria, options };
}

/** "Criteria, weighed by the team …:" followed by "* Name — 12.1 %: description", as Verdict writes it without votes. */
function criteriaList(lines: string[]): { name: string; weight: number; description: string }[] {
  return bullets(lines)
    .map((b) => /^(.+?) — ([\d.]+) %(?:: (.*))?$/.exec(b))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ name: plain(m[1]!), weight: Number(m[2]), description: plain(m[3] ?? '') }));
}

type Role = 'decision-maker' | 'consulted' | 'informed';

/** Who took part, from where each tool names them: MADR's front matter, log4brains' Deciders, Verdict's Nygard line. */
function participants(frontMatter: string | null, body: string): { personId: number; name: string; role: Role }[] {
  const found: [string, Role][] = [];
  const names = (value: unknown): string[] =>
    (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/,\s*|\s+and\s+/) : []).map((n) => plain(n)).filter((n) => n !== '' && !placeholder(n));
  if (frontMatter !== null) {
    let data: Record<string, unknown> = {};
    try {
      data = (parseYaml(frontMatter) as Record<string, unknown> | null) ?? {};
    } catch {
      // parseRecord has said what is wrong with it already
    }
    for (const [key, role] of [
      ['decision-makers', 'decision-maker'],
      ['consulted', 'consulted'],
      ['informed', 'informed'],
    ] as const)
      for (const n of names(data[key])) found.push([n, role]);
  }
  const deciders = /^[-*] Deciders:\s*(.+)$/m.exec(body)?.[1];
  if (deciders) for (const n of names(stripComments(deciders))) found.push([n, 'decision-maker']);
  const line = /^Decided by (.+?)(?:, with (.+?) consulted)?(?:; (.+?) informed)?\.$/m.exec(body);
  if (line) {
    for (const n of names(line[1])) found.push([n, 'decision-maker']);
    for (const n of names(line[2])) found.push([n, 'consulted']);
    for (const n of names(line[3])) found.push([n, 'informed']);
  }
  const seen = new Set<string>();
  return found
    .filter(([n]) => n.length <= 120 && !seen.has(n.toLowerCase()) && seen.add(n.toLowerCase()))
    .map(([name, role], i) => ({ personId: i + 1, name, role }));
}

// Text and destination stop at the next bracket or line end, so "Supersedes [" repeated cannot rescan the rest of the file from each one.
const LINK = /\b(Supersedes|Supercedes|Superseded by|Superceded by) \[((?:\\.|[^\\[\]\n])+)\]\(([^()\s]+)\)/gi;

function links(body: string): ReadRecord['links'] {
  const out: ReadRecord['links'] = { supersedes: [], supersededBy: [] };
  for (const m of body.matchAll(LINK)) {
    const title = plain(m[2]!).replace(/^ADR-\d+:\s*/, '').replace(/^\d+\.\s+/, '');
    const file = decodeURI(m[3]!);
    const list = /by$/i.test(m[1]!) ? out.supersededBy : out.supersedes;
    if (!list.some((l) => l.file === file)) list.push({ title, file });
  }
  return out;
}

/** Reads an ADR into a decision document; throws an Error saying why when it cannot. */
export function readAdr(file: string, source: string): ReadRecord {
  const raw = source.replace(/\r\n?/g, '\n');
  const fm = /^---\n[\s\S]*?\n---\n?/.exec(raw);
  const body = fm ? raw.slice(fm[0].length) : raw;
  const profile = detect(file, body, fm !== null);
  const record = parseRecord(file, raw, profile);
  const lines = body.split('\n');
  const { list } = sections(lines, '## ');
  const title = plain(record.title).replace(/\s+/g, ' ').slice(0, 200);
  if (title === '') throw new Error('it has an empty title');

  const status = (statuses as readonly string[]).includes(record.status ?? '') ? (record.status as (typeof statuses)[number]) : 'draft';
  const contextSection = find(list, 'Context and Problem Statement', 'Context');
  const contextLines = contextSection?.lines ?? [];
  // Verdict's Nygard records list the options in the context, after "We considered:".
  const considered = contextLines.findIndex((l) => l.trim() === 'We considered:');
  const optionItems = bullets(find(list, 'Considered Options')?.lines ?? (considered >= 0 ? contextLines.slice(considered) : []));
  const m = matrix(lines);
  const seen = new Set<string>();
  const options = [...optionItems.filter((o) => !placeholder(o)).map(option), ...(m?.options ?? []).map((name) => ({ name, description: '' }))].filter((o) => {
    const k = o.name.toLowerCase();
    if (o.name === '' || seen.has(k)) return false;
    seen.add(k);
    return true;
  });

  // Nygard has no drivers section: Verdict's records list the criteria in the context when no matrix carries them.
  const driverLines = find(list, 'Decision Drivers')?.lines ?? [];
  const listed = criteriaList(driverLines.length ? driverLines : contextLines);
  const verdictLines = (l: string) => /^(The team weighed \d|Criteria, weighed by|Other drivers:)/.test(l) || /^[*-] .+ — [\d.]+ %/.test(l);
  const drivers = text(driverLines.filter((l) => !verdictLines(l)));
  const criteria = (m?.criteria.length ? m.criteria.map((c) => ({ ...c, description: listed.find((x) => x.name === c.name)?.description ?? '' })) : listed).map((c, i) => ({
    id: i + 1,
    name: c.name.slice(0, 120),
    description: c.description,
    weight: Math.min(100, c.weight),
  }));

  const outcomeSection = find(list, 'Decision Outcome', 'Decision');
  const outcomeText = (outcomeSection?.lines ?? []).join('\n');
  const chosen = /^(?:Chosen option: "(.+?)"|We will use (.+?)), because (.+?)\.?$/m.exec(outcomeText);
  const chosenName = chosen ? plain(chosen[1] ?? chosen[2]!) : null;
  const chosenAt = chosenName === null ? -1 : options.findIndex((o) => o.name.toLowerCase() === chosenName.toLowerCase());
  const rationale = chosen && !placeholder(chosen[3]!) && !/^\[/.test(chosen[3]!) ? plain(chosen[3]!) : '';

  const { list: subsections } = sections(outcomeSection?.lines ?? [], '### ');
  const consequenceLines = [...(find(subsections, 'Consequences')?.lines ?? []), ...(profile === 'nygard' ? (find(list, 'Consequences')?.lines ?? []) : [])];
  const kind = (k: 'Good' | 'Bad') =>
    bullets(consequenceLines)
      .filter((b) => b.startsWith(`${k}, because `))
      .map((b) => plain(b.slice(`${k}, because `.length)));
  const positive = bullets(find(subsections, 'Positive Consequences')?.lines ?? []).filter((b) => !placeholder(b)).map(plain);
  const negative = bullets(find(subsections, 'Negative Consequences')?.lines ?? []).filter((b) => !placeholder(b)).map(plain);
  const nygardRest = profile === 'nygard' ? paragraphs((find(list, 'Consequences')?.lines ?? []).filter((l) => !/^[*-] (Good|Bad), because /.test(l))).filter((p) => p !== 'No consequences were recorded.') : [];
  const confirmation = text(find(subsections, 'Confirmation')?.lines ?? []) || nygardRest.map(plain).join('\n\n');

  const tagLine = /^[-*] Tags:\s*(.+)$/m.exec(body)?.[1] ?? /^(?:.*\. )?Tags: (.+?)\.(?: |$)/m.exec(body)?.[1] ?? '';
  const tags = [...new Set(plain(stripComments(tagLine)).split(/[,\s]+/))].filter((t) => /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,39}$/u.test(t)).slice(0, 20);

  const context = text((considered >= 0 ? contextLines.slice(0, considered) : contextLines).filter((l) => driverLines.length > 0 || !verdictLines(l)));
  return {
    profile,
    number: record.number,
    date: record.date,
    links: links(body),
    document: {
      title,
      status,
      context: context === 'No context was recorded.' ? '' : context,
      drivers,
      outcome: { optionId: chosenAt >= 0 ? chosenAt + 1 : null, rationale },
      consequencesGood: [...kind('Good'), ...positive].join('\n'),
      consequencesBad: [...kind('Bad'), ...negative].join('\n'),
      confirmation,
      tags,
      options: options.map((o, i) => ({ id: i + 1, ...o })),
      criteria,
      participants: participants(fm ? fm[0].replace(/^---\n|\n---\n?$/g, '') : null, body),
    },
  };
}
