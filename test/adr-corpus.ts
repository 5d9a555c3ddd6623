// A folder of ADRs in the three conventions, for the scan test and the scan benchmark.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes `count` records into `adr`, cycling MADR, Nygard and log4brains; `filler` bytes of body each. */
export function writeAdrCorpus(adr: string, count: number, filler = 0): string[] {
  mkdirSync(adr, { recursive: true });
  const body = filler > 0 ? `\n## Context and Problem Statement\n\n${'The team weighed the options carefully. '.repeat(Math.ceil(filler / 40)).slice(0, filler)}\n` : '';
  const files: string[] = [];
  for (let i = 1; i <= count; i++) {
    const text =
      i % 3 === 0
        ? `---\nstatus: accepted\ndate: 2026-01-01\n---\n\n# Record ${i}\n${body}`
        : i % 3 === 1
          ? `# ${i}. Record ${i}\n\nDate: 2026-01-01\n\n## Status\n\nAccepted\n${body}`
          : `# Record ${i}\n\n- Status: proposed\n- Date: 2026-01-01\n${body}`;
    const file = `${String(i).padStart(4, '0')}-record-${i}.md`;
    writeFileSync(join(adr, file), text);
    files.push(file);
  }
  return files;
}
