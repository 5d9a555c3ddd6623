import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { methodNames, type Method } from '../../shared/api.ts';
import { dump, junk, setup } from '../inputs.ts';

describe('bad input at the handler door', () => {
  it('is refused with a clear error naming the field, never a crash or a stack trace', () => {
    const { s, valid } = setup();
    const names = Object.keys(valid) as Method[];
    expect(names.sort()).toEqual([...methodNames].sort());
    let refused = 0;
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.nat(), junk, (name, pick, value) => {
        const input = structuredClone(valid[name]);
        const keys = Object.keys(input);
        const key = keys.length === 0 ? 'unexpected' : keys[pick % keys.length]!;
        input[key] = value;
        const reply = s.call(name, input);
        expect(reply.ok ? null : reply.error.code).not.toBe('internal');
        // Junk that happens to be valid (a new title, say) is simply done.
        if (reply.ok) return;
        refused++;
        expect(reply.error.message.length).toBeGreaterThan(5);
        expect(reply.error.message).not.toMatch(/\n\s+at /);
        if (reply.error.code === 'invalid_input') expect(reply.error.field, `${name} ${JSON.stringify(input)}`).toBeTruthy();
      }),
      { numRuns: 1500, seed: 42 },
    );
    expect(refused).toBeGreaterThan(1000);
  });

  it('a refused call leaves every table exactly as it was', () => {
    const { s, valid } = setup();
    fc.assert(
      fc.property(fc.constantFrom(...(Object.keys(valid) as Method[])), fc.nat(), junk, (name, pick, value) => {
        const input = structuredClone(valid[name]);
        const keys = Object.keys(input);
        input[keys.length === 0 ? 'unexpected' : keys[pick % keys.length]!] = value;
        const before = dump(s);
        const reply = s.call(name, input);
        if (!reply.ok) expect(dump(s)).toBe(before);
      }),
      { numRuns: 400, seed: 7 },
    );
  });

  it('names unknown fields and unknown methods', () => {
    const { s } = setup();
    expect(s.call('getDecision', { decisionId: 1, decisonId: 2 })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'decisonId', message: 'decisonId: unknown field "decisonId"' } });
    expect(s.call('dropTables', {})).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(s.call('getDecision', 'nonsense')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(s.call('createDecision', { title: 'two\nlines' })).toMatchObject({ ok: false, error: { field: 'title', message: 'title: must be one line of plain text' } });
  });
});
