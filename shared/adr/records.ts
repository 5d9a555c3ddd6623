// Reading an existing ADR file: its number, title, status and date, in any of the three profiles.
import { parse as parseYaml } from 'yaml';
import type { Profile } from './render.ts';

export const knownStatuses = ['draft', 'proposed', 'accepted', 'rejected', 'deprecated', 'superseded'] as const;

export interface ParsedRecord {
  number: number | null;
  title: string;
  status: string | null;
  date: string | null;
}

/** log4brains lists every .md file but these. */
export const log4brainsSkipped = ['template.md', 'readme.md', 'index.md', 'backlog.md'];

/** The number a file name carries (adr-tools and MADR: NNNN-…); log4brains' YYYYMMDD names carry none. */
export function numberOf(file: string, profile: Profile): number | null {
  if (profile === 'log4brains') return null;
  const m = /^(\d+)-/.exec(file);
  return m ? Number(m[1]) : null;
}

const plainLine = /^([A-Za-z][\w-]*):(?:[ \t]+([^\s#'"[\]{}&*!|>%@`,?:-][^#:]*?))?[ \t]*$/;
const typedScalar = /^(?:true|false|null|~|[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?|0x[\da-f]+|0o[0-7]+|\.inf|\.nan)$/i;

/**
 * Front matter made only of `key: plain text` lines (what MADR and Verdict write) read directly, as YAML would:
 * one record in three has some, and the YAML parser is most of a scan's time. Anything else goes to the parser.
 */
export function simpleFrontMatter(yaml: string): Record<string, string> | null {
  const data: Record<string, string> = {};
  for (const line of yaml.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const m = plainLine.exec(line);
    if (!m || Object.hasOwn(data, m[1]!)) return null;
    const value = m[2] ?? '';
    if (value === '' || typedScalar.test(value)) return null;
    data[m[1]!] = value;
  }
  return data;
}

function frontMatter(text: string): { data: Record<string, unknown>; body: string } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!m) return { data: {}, body: text };
  const simple = simpleFrontMatter(m[1]!);
  if (simple) return { data: simple, body: text.slice(m[0].length) };
  let data: unknown;
  try {
    data = parseYaml(m[1]!);
  } catch (e) {
    throw new Error(`its front matter is not valid YAML (${(e as Error).message.split('\n')[0]})`, { cause: e });
  }
  return { data: data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : {}, body: text.slice(m[0].length) };
}

/**
 * Removes `<!-- … -->` comments from one line, as `/<!--.*?-->/g` would, in linear time: the regex scans to the end
 * of the line from every unclosed `<!--`, so a crafted line of 200,000 of them took minutes.
 */
export function stripComments(line: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const open = line.indexOf('<!--', at);
    if (open < 0) break;
    const close = line.indexOf('-->', open + 4);
    if (close < 0) break;
    out += line.slice(at, open);
    at = close + 3;
  }
  return out + line.slice(at);
}

function normaliseStatus(raw: string): string {
  const s = raw.trim().toLowerCase();
  if (/^super[sc]eded\b/.test(s)) return 'superseded';
  const word = /^[a-z]+/.exec(s)?.[0] ?? '';
  return (knownStatuses as readonly string[]).includes(word) ? word : s;
}

/** Parses a record; throws an Error whose message says why it cannot be read. */
export function parseRecord(file: string, text: string, profile: Profile): ParsedRecord {
  const { data, body } = frontMatter(text);
  const lines = body.split(/\r?\n/);
  const titleLine = lines.find((l) => /^# \S/.test(l));
  if (titleLine === undefined) throw new Error('it has no "# Title" line');
  let title = titleLine.slice(2).trim();
  if (profile === 'nygard') title = title.replace(/^\d+\.\s+/, '');

  let status: string | null = null;
  let date: string | null = null;
  if (typeof data.status === 'string') status = normaliseStatus(data.status);
  if (data.date !== undefined) date = data.date instanceof Date ? data.date.toISOString().slice(0, 10) : String(data.date);

  const firstMatch = (re: RegExp) => {
    for (const l of lines) {
      const m = re.exec(l);
      if (m) return m[1];
    }
    return undefined;
  };
  const bullet = (name: string) => firstMatch(new RegExp(`^[-*] ${name}:\\s*(.*)$`, 'i'));
  // Each convention puts status and date in its own place: look only as far as needed.
  const statusBullet = status === null ? bullet('Status') : undefined;
  if (statusBullet !== undefined) {
    const s = normaliseStatus(stripComments(statusBullet));
    // log4brains reads an unknown status as draft.
    status = (knownStatuses as readonly string[]).includes(s) ? s : 'draft';
  }
  if (date === null) {
    const d = bullet('Date');
    date = d === undefined ? null : stripComments(d).trim();
  };

  if (status === null) {
    const statusAt = lines.findIndex((l) => /^## Status\s*$/i.test(l));
    const first = statusAt >= 0 ? lines.slice(statusAt + 1).find((l) => l.trim() !== '') : undefined;
    if (first !== undefined && !first.startsWith('#')) status = normaliseStatus(first);
  }
  date ??= firstMatch(/^Date:\s*(\S.*)$/)?.trim() ?? null;

  if (date !== null && !/^\d{4}-\d{2}-\d{2}/.test(date)) date = null;
  if (profile === 'log4brains') {
    status ??= 'accepted';
    const d = /^(\d{4})(\d{2})(\d{2})-/.exec(file);
    if (date === null && d) date = `${d[1]}-${d[2]}-${d[3]}`;
  }
  return { number: numberOf(file, profile), title, status, date };
}
