// Typed text on its way into a record or onto a terminal: control characters, and the bidirectional embeddings,
// overrides, isolates and marks that make text display in another order than it is stored ("Trojan Source"), never pass.
const CONTROLS = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/** Each control character (but those in `keep`, such as a newline) as a space. */
export function withoutControls(text: string, keep = ''): string {
  return text.replace(CONTROLS, (c) => (keep.includes(c) ? c : ' '));
}

/** JSON with those characters written as \u escapes: the same data for a program, nothing a terminal acts on. */
export function jsonForTerminal(json: string): string {
  // JSON.stringify already escapes C0 controls inside strings; DEL, C1 and the bidi controls it leaves raw.
  return json.replace(/[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
