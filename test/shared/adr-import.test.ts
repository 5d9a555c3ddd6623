import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAdr } from '../../shared/adr/import.ts';
import { renderers, profiles } from '../../shared/adr/render.ts';
import { dump } from '../inputs.ts';
import { openTestService } from '../helpers.ts';

const piece = fc.constantFrom('# ', '## ', '### ', 'Title', '\n', '\n\n', '---\n', 'status: ', 'accepted', '[', ']', '(', ')', '* ', '- ', 'Status: ', 'Deciders: ', '|', ' — ', '%', '12.1', 'Chosen option: "', '", because ', 'We will use ', 'Supersedes [', '](0001-x.md)', '\\', '<!--', '-->', 'é', '\t', '\r\n', ': ', '{', '}', '&amp;', '1. ', 'Criterion | Weight |');
const markdown = fc.array(piece, { maxLength: 60 }).map((p) => p.join(''));

describe('reading whatever a file holds', () => {
  it('gives a decision or says why it cannot, never an internal error, and a refusal writes nothing', () => {
    const s = openTestService();
    fc.assert(
      fc.property(markdown, fc.constantFrom('0007-x.md', '20261123-x.md', 'x.md'), (text, name) => {
        const before = dump(s);
        const reply = s.call('importAdr', { text, name });
        if (!reply.ok) {
          expect(reply.error.code).toBe('invalid_input');
          expect(reply.error.message).toMatch(/^Cannot read /);
          expect(dump(s)).toBe(before);
        }
      }),
      { numRuns: 200, seed: 16 },
    );
  });

  it('reads its own records back whatever the titles and names, in every profile', () => {
    const name = fc.array(fc.constantFrom('a', 'B', ' ', '#', '*', '_', '[', ']', '(', ')', '|', '<b>', '&', 'é', '-', '.', '1. ', '`', '\\'), { minLength: 1, maxLength: 10 }).map((p) => p.join('').trim() || 'x');
    fc.assert(
      fc.property(name, name, (title, option) => {
        fc.pre(/[A-Za-zé]/.test(title) && /[A-Za-zé]/.test(option) && option.toLowerCase() !== 'django');
        const base = {
          decision: {
            id: 1, title, status: 'proposed' as const, context: '', drivers: '', outcome: { optionId: 1, rationale: 'it fits' }, consequencesGood: '', consequencesBad: '', confirmation: '', moreInfo: '', tags: [],
            scale: { min: 1, max: 5 }, aggregation: 'mean' as const, weighting: 'direct' as const, anonymous: false, recordNames: 'names' as const, createdAt: '', updatedAt: '', deletedAt: null,
            supersedes: [], supersededBy: [], options: [{ id: 1, name: 'Django', description: '' }, { id: 2, name: option, description: '' }], criteria: [], evidence: [], participants: [], rounds: [],
          },
          results: null, date: '2026-11-23', number: 7, supersedes: [], supersededBy: [],
        };
        for (const profile of profiles) {
          const read = readAdr(profile === 'log4brains' ? '20261123-x.md' : '0007-x.md', renderers[profile](base));
          const flat = (t: string) => t.replace(/\s+/g, ' ').trim();
          expect(read.document.title).toBe(flat(title).replace(/[.,;:!\s]+$/u, '') || 'Untitled');
          expect(read.document.options?.map((o) => o.name)).toEqual(['Django', flat(option)]);
          expect(read.document.status).toBe('proposed');
          expect(read.document.outcome).toEqual({ optionId: 1, rationale: 'it fits' });
        }
      }),
      { numRuns: 150, seed: 16 },
    );
  });
});

describe('crafted records read in linear time', () => {
  // Each of these made a regex scan to the end of the line from every position: minutes, not milliseconds.
  it('a heading padded with 300,000 spaces', { timeout: 20_000 }, () => {
    const text = `# 1. S\n\n## Status\n\nAccepted\n\n## C${' '.repeat(300_000)}x\n\nbody\n`;
    expect(readAdr('0001-s.md', text).document.title).toBe('S');
  });

  it('a Deciders, Tags, Status and Date line of 200,000 unclosed comments', { timeout: 20_000 }, () => {
    const open = '<!--'.repeat(200_000);
    const text = `# S\n\n- Status: ${open}\n- Date: ${open}\n- Deciders: ${open}\n- Tags: ${open}\n\n## Context\n\nbody\n`;
    const read = readAdr('20261123-s.md', text);
    expect(read.document.title).toBe('S');
    expect(read.document.status).toBe('draft');
  });

  it('a context of 50,000 unclosed "Supersedes [" links or "<http://" autolinks', { timeout: 20_000 }, () => {
    for (const piece of ['Supersedes [', 'Supersedes [a](b', '<http://']) {
      const read = readAdr('s.md', `# S\n\n## Context and Problem Statement\n\n${piece.repeat(50_000)}\n`);
      expect(read.links).toEqual({ supersedes: [], supersededBy: [] });
    }
  });

  it('still reads links whose title holds escaped brackets, and autolinks', () => {
    const read = readAdr('s.md', '# S\n\n## Context and Problem Statement\n\nSee <https://example.org/x>.\n\nSupersedes [Use \\[old\\] Flask](0002-use-old-flask.md)\n');
    expect(read.links.supersedes).toEqual([{ title: 'Use [old] Flask', file: '0002-use-old-flask.md' }]);
    expect(read.document.context).toContain('See https://example.org/x.');
  });

  it('strips comments as before where they close', () => {
    const text = `# S\n\n- Status: accepted <!-- proposed -->\n- Deciders: Ana <!-- lead -->, Bo\n- Tags: web <!-- x -->\n\n## Context <!-- why -->\n\nbody\n`;
    const read = readAdr('20261123-s.md', text);
    expect(read.document).toMatchObject({ status: 'accepted', context: 'body', tags: ['web'] });
    expect(read.document.participants!.map((p) => p.name)).toEqual(['Ana', 'Bo']);
  });
});
