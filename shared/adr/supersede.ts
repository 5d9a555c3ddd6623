// Marking an existing record superseded, the way its own profile does it, and nothing else in it.
import { stringify } from 'yaml';
import type { Profile, RecordLink } from './render.ts';
import { padNumber } from './render.ts';
import { linkDestination, linkText } from './markdown.ts';


function nygard(text: string, by: RecordLink): string | null {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^## Status\s*$/.test(l));
  if (start < 0) return null;
  let end = lines.findIndex((l, i) => i > start && /^## /.test(l));
  if (end < 0) end = lines.length;
  const line = `Superceded by [${by.number ?? ''}. ${linkText(by.title)}](${linkDestination(by.file)})`;
  if (lines.slice(start, end).some((l) => l.includes(`](${linkDestination(by.file)})`) && /^Super[sc]eded by/.test(l))) return text;
  // adr-tools drops the status word and adds its "Superceded by" line (its own spelling) where the word was.
  const section = lines.slice(start + 1, end).filter((l) => !/^(Draft|Proposed|Accepted|Rejected|Deprecated)\s*$/i.test(l.trim()));
  while (section.length && section[0]!.trim() === '') section.shift();
  while (section.length && section.at(-1)!.trim() === '') section.pop();
  const body = [line, ...(section.length ? ['', ...section] : [])];
  return [...lines.slice(0, start + 1), '', ...body, '', ...lines.slice(end)].join('\n');
}

function madr(text: string, by: RecordLink): string {
  const status = `superseded by ${by.number === null ? by.file : `ADR-${padNumber(by.number)}`}`;
  const fm = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  if (!fm) {
    // MADR 2 and 3 keep the status in a "* Status:" bullet under the title: that bullet is where it changes.
    const lines = text.split('\n');
    const firstSection = lines.findIndex((l) => /^## /.test(l));
    const at = lines.findIndex((l, i) => (firstSection < 0 || i < firstSection) && /^[-*] Status:/i.test(l));
    if (at >= 0) {
      const label = by.number === null ? linkText(by.title) : `ADR-${padNumber(by.number)}`;
      lines[at] = `${lines[at]![0]} Status: superseded by [${label}](${linkDestination(by.file)})`;
      return lines.join('\n');
    }
    return `---\n${stringify({ status }).trimEnd()}\n---\n\n${text}`;
  }
  const lines = fm[1]!.split(/\r?\n/);
  const at = lines.findIndex((l) => /^status\s*:/.test(l));
  const entry = `status: ${JSON.stringify(status)}`;
  if (at >= 0) lines[at] = entry;
  else lines.unshift(entry);
  return `---\n${lines.join('\n')}\n---\n${text.slice(fm[0].length)}`;
}

function log4brains(text: string, by: RecordLink): string | null {
  const entry = `- Status: superseded by [${linkText(by.title)}](${linkDestination(by.file)})`;
  const lines = text.split('\n');
  const at = lines.findIndex((l) => /^[-*] Status:/i.test(l));
  if (at >= 0) {
    lines[at] = entry;
    return lines.join('\n');
  }
  const title = lines.findIndex((l) => /^# \S/.test(l));
  if (title < 0) return null;
  lines.splice(title + 1, 0, '', entry);
  return lines.join('\n');
}

/** The record's text with its status saying it is superseded by `by`; null when the file has no place for it. */
export function markSuperseded(profile: Profile, text: string, by: RecordLink): string | null {
  // A record written with CRLF line endings keeps them: edited as LF, written back as it came.
  const crlf = text.includes('\r\n');
  const lf = crlf ? text.replace(/\r\n/g, '\n') : text;
  const next = profile === 'nygard' ? nygard(lf, by) : profile === 'madr' ? madr(lf, by) : log4brains(lf, by);
  if (next === null || !crlf) return next;
  return next === lf ? text : next.replace(/\n/g, '\r\n');
}
