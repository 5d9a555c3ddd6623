// Typed text on its way into a record or onto a terminal: control characters, and the bidirectional embeddings,
// overrides and isolates that make text display in another order than it is stored ("Trojan Source"), never pass.
const CONTROLS = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu;

/** Each control character (but those in `keep`, such as a newline) as a space. */
export function withoutControls(text: string, keep = ''): string {
  return text.replace(CONTROLS, (c) => (keep.includes(c) ? c : ' '));
}
