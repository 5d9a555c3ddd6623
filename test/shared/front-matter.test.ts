import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { simpleFrontMatter } from '../../shared/adr/records.ts';

describe('the front-matter fast path', () => {
  it('reads what MADR and Verdict write exactly as the YAML parser does', () => {
    const text = 'status: accepted\ndate: 2026-11-23\ndecision-makers: Ana Lima, Bo Chen\nconsulted: Cy Okafor\n';
    expect(simpleFrontMatter(text)).toEqual(parse(text));
  });

  it('agrees with the YAML parser whenever it answers, and leaves everything else to it', () => {
    const key = fc.stringMatching(/^[A-Za-z][\w-]{0,12}$/);
    const value = fc.oneof(
      fc.stringMatching(/^[A-Za-z][\w .,/()-]{0,30}$/),
      fc.constantFrom('true', 'False', 'null', '~', '12', '1e3', '0x1F', '.inf', '[a, b]', '{a: 1}', '"quoted"', "'single'", '- item', 'a: b', 'x # comment', '&anchor', '*alias', '|', '>', '2026-11-23', 'superseded by ADR-0004', ''),
    );
    let answered = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(key, value), { minLength: 1, maxLength: 6 }), (pairs) => {
        const text = pairs.map(([k, v]) => `${k}: ${v}`).join('\n');
        const fast = simpleFrontMatter(text);
        if (fast === null) return;
        answered++;
        expect(fast, text).toEqual(parse(text));
      }),
      { numRuns: 2000, seed: 5 },
    );
    expect(answered).toBeGreaterThan(200);
  });
});
