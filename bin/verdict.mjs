#!/usr/bin/env node
// The `verdict` command: runs the TypeScript sources through tsx, so it works right after `npm install`.
import { register } from 'tsx/esm/api';

register();
try {
  await import('../electron/cli/main.ts');
} catch (e) {
  // Even a failure to load (a native module built for another Node) is one readable line, never a stack.
  process.stderr.write(`verdict: ${String(e instanceof Error ? e.message : e).replace(/\s*\n\s*/g, ' ')}\n`);
  process.exitCode = 1;
}
