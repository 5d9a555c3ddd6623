import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRecord, writeAtomically } from '../../electron/adr/write.ts';
import { tempDir } from '../helpers.ts';

const nextIn = (dir: string) => 1 + Math.max(0, ...readdirSync(dir).map((f) => Number(/^(\d+)-/.exec(f)?.[1] ?? 0)));
const propose = (dir: string, slug: string) => () => {
  const n = nextIn(dir);
  return { file: `${String(n).padStart(4, '0')}-${slug}.md`, content: `# ${n}. ${slug}\n`, number: n };
};

describe('creating a record at write time', () => {
  it('takes the next number again when another file takes it at the last moment', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '0001-first.md'), '# 1. First\n');
    let raced = false;
    const made = createRecord(dir, propose(dir, 'ours'), {
      beforeCreate(file) {
        // Another branch's record with the same number lands just before ours.
        if (!raced) writeFileSync(join(dir, file.replace('ours', 'theirs')), '# 2. Theirs\n');
        raced = true;
      },
    });
    expect(made).toMatchObject({ file: '0003-ours.md', number: 3 });
    expect(readdirSync(dir).sort()).toEqual(['0001-first.md', '0002-theirs.md', '0003-ours.md']);
    expect(readFileSync(join(dir, '0003-ours.md'), 'utf8')).toBe('# 3. ours\n');
    expect(readFileSync(join(dir, '0002-theirs.md'), 'utf8')).toBe('# 2. Theirs\n');
  });

  it('never overwrites a file of the same name that appears meanwhile', () => {
    const dir = tempDir();
    let first = true;
    const made = createRecord(dir, propose(dir, 'same'), {
      beforeCreate(file) {
        if (first) writeFileSync(join(dir, file), 'someone else’s\n');
        first = false;
      },
    });
    expect(made.file).toBe('0002-same.md');
    expect(readFileSync(join(dir, '0001-same.md'), 'utf8')).toBe('someone else’s\n');
  });

  it('replaces a file whole when asked, leaving no temporary file', () => {
    const dir = tempDir();
    writeAtomically(dir, 'a.md', 'one\n', { replace: false });
    expect(() => writeAtomically(dir, 'a.md', 'two\n', { replace: false })).toThrow();
    writeAtomically(dir, 'a.md', 'three\n', { replace: true });
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe('three\n');
    expect(readdirSync(dir)).toEqual(['a.md']);
  });
});
