#!/usr/bin/env node
// The `verdict` command: runs the TypeScript sources through tsx, so it works right after `npm install`.
import { register } from 'tsx/esm/api';

register();
await import('../electron/cli/main.ts');
