import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function errors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the process-boundary lint rule', () => {
  it.each([
    ['shared/x.ts', "import { readFileSync } from 'node:fs';"],
    ['shared/x.ts', "import Database from 'better-sqlite3';"],
    ['shared/x.ts', "import { handlers } from '../electron/handlers/index.ts';"],
    ['electron/handlers/x.ts', "import { app } from 'electron';"],
    ['electron/x.ts', "import { useState } from 'react';"],
    ['electron/main.ts', "import { App } from '../renderer/src/App.tsx';"],
    ['renderer/src/x.ts', "import { join } from 'node:path';"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';"],
    ['renderer/src/x.ts', "import { dispatch } from '../../electron/dispatch.ts';"],
  ])('refuses %s: %s', async (file, code) => {
    expect((await errors(file, `${code}\nexport {};\n`)).length).toBeGreaterThan(0);
  });

  it.each([
    ['shared/x.ts', "import { z } from 'zod';"],
    ['electron/main.ts', "import { app } from 'electron';"],
    ['electron/preload.ts', "import { contextBridge } from 'electron';"],
    ['electron/x.ts', "import Database from 'better-sqlite3';"],
    ['renderer/src/x.ts', "import { methods } from '../../shared/api.ts';"],
  ])('allows %s: %s', async (file, code) => {
    expect(await errors(file, `${code}\nexport {};\n`)).toEqual([]);
  });
});
