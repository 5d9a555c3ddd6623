// `verdict set ID --names`: who voted what in the record is the decision's choice.
import { describe, expect, it } from 'vitest';
import { run } from '../../electron/cli/program.ts';
import { djangoWorkshop } from '../adr-helpers.ts';
import { ok, openTestService, tempDir } from '../helpers.ts';

describe('verdict set --names', () => {
  it('makes the record name the votes by role only; a wrong word is refused and changes nothing', async () => {
    const s = openTestService();
    const w = djangoWorkshop(s);
    const db = s.file;
    s.close();
    const repo = tempDir();
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t), env: {} };
    expect(await run(['--db', db, 'set', String(w.decisionId), '--names', 'roles'], io)).toBe(0);
    out.length = 0;
    expect(await run(['--db', db, 'export', String(w.decisionId), '--repo', repo, '--dry-run'], io)).toBe(0);
    const md = out.join('\n');
    expect(md).toContain('| Decision-maker | 4.73 | 2.18 |');
    expect(md).not.toMatch(/Decision-maker \d|\| Consulted \|/);
    expect(md.slice(md.indexOf('## Pros and Cons'))).not.toContain('Ana Lima');
    expect(await run(['--db', db, 'set', String(w.decisionId), '--names', 'everyone'], io)).toBe(2);
    expect(err.at(-1)).toMatch(/argument 'everyone' is invalid. Allowed choices are names, roles, nobody/);
    const again = openTestService(db);
    expect(ok(again, 'getDecision', { decisionId: w.decisionId }).recordNames).toBe('roles');
    expect(ok(again, 'listExports', { decisionId: w.decisionId })).toEqual([]);
  });
});
