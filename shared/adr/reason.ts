// The draft of the team's reason the Decide step offers: the criteria that carried the result, in words.
// The team edits it; the record's "because" is whatever they keep.
import { listOf } from '../scoring/index.ts';
import { criterionShares } from '../scoring/shares.ts';
import type { DecisionDetail, Results } from '../types.ts';

/**
 * The team's words after "because": "Staff screens come from…" reads "because staff screens come from…", but a
 * name keeps its capital ("Django bundles…", "Redis is faster" when the decision writes Redis elsewhere, "ORM",
 * "I"). A word is taken for a name when the decision spells it capitalised somewhere other than a sentence's start.
 */
export function afterBecause(text: string, d: { title: string; context: string; drivers: string; tags: string[]; options: { name: string }[]; criteria: { name: string }[]; participants: { name: string }[] }): string {
  // The word itself, without a possessive ("Django’s" is Django's).
  const word = /^(\p{Lu}\p{Ll}*)(?=[\s,.;:!?'’-]|$)/u.exec(text)?.[1];
  if (word === undefined || word === 'I') return text;
  const names = [...d.options, ...d.criteria, ...d.participants].map((x) => x.name).concat(d.tags);
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const inName = names.some((n) => new RegExp(`(^|[^\\p{L}])${escaped}([^\\p{L}]|$)`, 'u').test(n));
  const midSentence = new RegExp(`[\\p{Ll}\\p{N},;:(]\\s+${escaped}([^\\p{L}]|$)`, 'u').test(`${d.title}\n${d.context}\n${d.drivers}`);
  return inName || midSentence ? text : word[0]!.toLowerCase() + text.slice(1);
}

/** "Admin interface" → "admin interface", but "ORM" and "Django REST" keep their capitals. */
export const lowerFirst = (s: string): string => (/^\p{Lu}(\p{Ll}|\s)/u.test(s) && !/^I\s/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);


const pointWords = ['', 'one point', 'two points', 'three points', 'four points', 'five points', 'six points', 'seven points', 'eight points', 'nine points'];

function lead(points: number): string {
  const whole = Math.floor(points + 1e-9);
  if (whole >= 1) return `by ${pointWords[whole] ?? `${whole} points`} or more`;
  const tenths = Math.floor(points * 10 + 1e-9) / 10;
  return tenths > 0 ? `by ${tenths.toFixed(1)} points or more` : 'on each';
}

/**
 * "the database layer / ORM, authentication and best fit weigh most in the result, and Django leads Flask on each
 * by two points or more". Empty when the scores did not choose this option (then only the team can say why).
 */
export function draftReason(d: DecisionDetail, r: Results | null, optionId: number | null): string {
  if (!r || optionId === null) return '';
  const ranked = r.options.filter((o) => o.rank !== null);
  const mine = ranked.find((o) => o.optionId === optionId);
  const runner = ranked.find((o) => o.optionId !== optionId);
  if (!mine || mine.rank !== 1 || !runner || runner.rank === 1) return '';
  const shares = criterionShares(d.criteria, r);
  const value = (o: number, c: number) => r.cells.find((x) => x.optionId === o && x.criterionId === c)?.value ?? null;
  const leads = d.criteria
    .map((c, i) => {
      const a = value(mine.optionId, c.id);
      const b = value(runner.optionId, c.id);
      const gap = a === null || b === null ? 0 : a - b;
      return { name: c.name, gap, weight: (shares.get(c.id) ?? 0) * gap, i };
    })
    .filter((x) => x.gap > 0)
    .sort((a, b) => b.weight - a.weight || a.i - b.i);
  const total = leads.reduce((s, x) => s + x.weight, 0);
  // The few criteria that make up most of the lead: at most three, so the sentence stays one a person would say.
  const carried: typeof leads = [];
  for (const x of leads) {
    if (carried.length === 3 || (carried.length > 0 && carried.reduce((s, y) => s + y.weight, 0) >= 0.6 * total)) break;
    carried.push(x);
  }
  if (carried.length === 0) return '';
  carried.sort((a, b) => a.i - b.i);
  const names = listOf(carried.map((x) => lowerFirst(x.name)));
  const gap = Math.min(...carried.map((x) => x.gap));
  const one = carried.length === 1;
  return `the ${names} ${one ? 'weighs' : 'weigh'} most in the result, and ${mine.name} leads ${runner.name} ${one ? 'there' : 'on each'} ${lead(gap)}`.replace(' there on each', ' there');
}
