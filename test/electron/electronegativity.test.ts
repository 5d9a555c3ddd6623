// Electronegativity (Doyensec's Electron security scanner) over our sources: zero findings beyond the justified ones.
import { cpSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.ts';

const root = join(import.meta.dirname, '../..');
interface Finding {
  id: string;
  file: string;
  location: { line: number };
  description: string;
}
type Run = (options: Record<string, unknown>) => Promise<{ atomicChecks: number; globalChecks: number; errors: { file: string; message: string }[]; issues: Finding[] }>;
const run = createRequire(import.meta.url)('@doyensec/electronegativity') as Run;
const config = JSON.parse(readFileSync(join(root, 'electronegativity.json'), 'utf8')) as {
  skippedChecks: { check: string; reason: string }[];
  accepted: { check: string; file: string; reason: string }[];
};

describe('Electronegativity', () => {
  it('finds nothing in the app’s sources that is not justified in electronegativity.json', async () => {
    // Scan a copy of just our sources: the scanner would otherwise walk all of node_modules.
    const input = tempDir();
    for (const part of ['electron', 'renderer', 'shared', 'package.json']) cpSync(join(root, part), join(input, part), { recursive: true });
    const log = console.log;
    console.log = () => {}; // its offline notices are noise here
    let result: Awaited<ReturnType<Run>>;
    try {
      result = await run({ input, isRelative: true, electronVersionOverride: '45.0.0', excludeFromScan: config.skippedChecks.map((c) => c.check) });
    } finally {
      console.log = log;
    }
    expect(result.atomicChecks).toBeGreaterThan(30);
    expect(result.errors.map((e) => `${e.file}: ${e.message}`)).toEqual([]);
    const found = result.issues.map((i) => `${i.id} ${i.file}`);
    const accepted = config.accepted.map((a) => `${a.check} ${a.file}`);
    for (const a of config.accepted) expect(a.reason.length, a.check).toBeGreaterThan(40);
    expect(found.filter((f) => !accepted.includes(f)), 'findings without a justification').toEqual([]);
    expect(accepted.filter((a) => !found.includes(a)), 'justifications that match no finding any more').toEqual([]);
  }, 120_000);
});
