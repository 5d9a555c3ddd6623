// Turning user text into markdown that says what the user typed and nothing more:
// no stray headings, tables, HTML, links or emphasis, and nothing markdownlint objects to.
import { withoutControls } from '../text.ts';

const URL_RE = /https?:\/\/[^\s<>"`|\\]+[^\s<>"`|\\.,;:!?)\]'*_]/g;

function escapeRun(text: string): string {
  return (
    text
      .replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`)
      // Only what looks like an HTML entity needs its & kept literal.
      .replace(/&(?=#?\w+;)/g, '&amp;')
      // GFM would turn www.… and e-mail addresses into links on its own.
      .replace(/(?<![a-z0-9])www\./gi, (w) => `${w.slice(0, 3)}\\.`)
      .replace(/@/g, '\\@')
  );
}

/** One line of plain text, safe anywhere inline: headings, list items, table cells, link text. */
export function inline(text: string): string {
  const flat = withoutControls(text)
    .replace(/\s+/g, ' ')
    .trim();
  let out = '';
  let last = 0;
  for (const m of flat.matchAll(URL_RE)) {
    out += escapeRun(flat.slice(last, m.index)) + `<${m[0]}>`;
    last = m.index + m[0].length;
  }
  out += escapeRun(flat.slice(last));
  // A line that starts like a list, a quote, a heading or a rule must stay a paragraph line.
  return out.replace(/^([-+=])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

/** A heading's text: inline, without the trailing punctuation markdownlint reads as a sentence. */
export function headingText(text: string): string {
  const t = inline(text).replace(/[.,;:!。，；：！\s]+$/u, '');
  return t === '' ? 'Untitled' : t;
}

/**
 * Free text the user typed (context, drivers, consequences): paragraphs and bullet
 * lists survive, everything else is literal. Returns blocks separated by blank lines.
 */
export function blocks(text: string, bullet = '*'): string {
  const out: string[][] = [];
  let current = null as { kind: 'p' | 'list'; lines: string[] } | null;
  const flush = () => {
    if (current && current.lines.length) out.push(current.lines);
    current = null;
  };
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.replace(/\t/g, ' ').trim();
    if (line === '') {
      flush();
      continue;
    }
    const item = /^[-*+•]\s+(.*)$/.exec(line);
    const kind = item ? 'list' : 'p';
    if (current?.kind !== kind) {
      flush();
      current = { kind, lines: [] };
    }
    const content = inline(item ? item[1]! : line);
    if (content !== '') current!.lines.push(item ? `${bullet} ${content}` : content);
  }
  flush();
  return out.map((lines) => lines.join('\n')).join('\n\n');
}

/** Bullet items, one per non-empty line, with list markers the user typed removed. */
export function lines(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim().replace(/^[-*+•]\s+/, ''))
    .filter((l) => inline(l) !== '');
}

/** A table cell: inline text (pipes are escaped there). */
export const cell = (text: string): string => inline(text) || '—';

export function table(header: string[], align: ('left' | 'right')[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(align.map((a) => (a === 'right' ? '---:' : '---'))), ...rows.map(line)].join('\n');
}

/**
 * A relative link's destination that a CommonMark parser reads back as the same file, whatever its name
 * holds: each path segment percent-encoded, parentheses too (encodeURI left ")" and "#" as they were,
 * which end the link early or cut it at a fragment).
 */
export function linkDestination(file: string): string {
  return file
    .split('/')
    .map((part) => encodeURIComponent(part).replace(/[()!*']/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

/** Link text that markdownlint does not take for a generic "here" or "link". */
export function linkText(text: string): string {
  const t = inline(text);
  // The same normalising markdownlint's MD059 does: ASCII words only.
  const words = text.replace(/[\W_]+/g, ' ').trim().toLowerCase();
  return ['click here', 'here', 'link', 'more', ''].includes(words) ? `record "${t}"` : t;
}

/** Joins sections with exactly one blank line and ends the file with one newline. */
export function document(parts: (string | null | undefined | false)[]): string {
  return `${parts
    .filter((p): p is string => typeof p === 'string' && p.trim() !== '')
    .map((p) => p.replace(/\s+$/, ''))
    .join('\n\n')}\n`;
}
