// Runs the CLI in-process against a database file, collecting what it prints.
import { run } from '../../electron/cli/program.ts';

export function cli(db: string) {
  return async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await run(['--db', db, ...argv], { out: (t) => out.push(t), err: (t) => err.push(t), env: {} });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
}
