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

function frontMatter(text: string): { data: Record<string, unknown>; body: string } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!m) return { data: {}, body: text };
  let data: unknown;
  try {
    data = parseYaml(m[1]!);
  } catch (e) {
    throw new Error(`its front matter is not valid YAML (${(e as Error).message.split('\n')[0]})`, { cause: e });
  }
  return { data: data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : {}, body: text.slice(m[0].length) };
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

  const bullet = (name: string) => lines.map((l) => new RegExp(`^[-*] ${name}:\\s*(.*)$`, 'i').exec(l)?.[1]).find((v) => v !== undefined);
  const statusBullet = bullet('Status');
  if (status === null && statusBullet !== undefined) {
    const s = normaliseStatus(statusBullet.replace(/<!--.*?-->/g, ''));
    // log4brains reads an unknown status as draft.
    status = (knownStatuses as readonly string[]).includes(s) ? s : 'draft';
  }
  date ??= bullet('Date')?.replace(/<!--.*?-->/g, '').trim() ?? null;

  const statusAt = lines.findIndex((l) => /^## Status\s*$/i.test(l));
  if (status === null && statusAt >= 0) {
    const first = lines.slice(statusAt + 1).find((l) => l.trim() !== '');
    if (first !== undefined && !first.startsWith('#')) status = normaliseStatus(first);
  }
  date ??= lines.map((l) => /^Date:\s*(\S.*)$/.exec(l)?.[1]).find((v) => v !== undefined)?.trim() ?? null;

  if (date !== null && !/^\d{4}-\d{2}-\d{2}/.test(date)) date = null;
  if (profile === 'log4brains') {
    status ??= 'accepted';
    const d = /^(\d{4})(\d{2})(\d{2})-/.exec(file);
    if (date === null && d) date = `${d[1]}-${d[2]}-${d[3]}`;
  }
  return { number: numberOf(file, profile), title, status, date };
}
