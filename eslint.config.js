// Lint, including the process-boundary table of ARCHITECTURE.md: who may import what.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'util', 'stream', 'events', 'worker_threads'];
const restrict = (groups, message) => ({ group: groups, message });
/** A relative import into one of our top-level folders, however many ../ it takes. */
const into = (folder, message) => ({ regex: `^\\.{1,2}/(\\.\\./)*${folder}/`, message });

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-empty-object-type': 'off',
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='only'][callee.object.name=/^(it|test|describe)$/]", message: 'A focused test silences the rest of the suite.' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict(nodeBuiltins, 'shared/ is pure TypeScript for every process: no Node modules.'),
            restrict(['electron', 'react', 'react-dom', 'react-dom/*', 'zustand', 'better-sqlite3', 'hono', 'hono/*'], 'shared/ imports only shared/ and zod.'),
            into('electron', 'shared/ must not reach into electron/.'),
            into('renderer', 'shared/ must not reach into renderer/.'),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict(['electron'], 'Only electron/main.ts and electron/preload.ts import electron; the rest runs under plain Node.'),
            restrict(['react', 'react-dom', 'react-dom/*', 'zustand'], 'electron/ never imports the renderer.'),
            into('renderer', 'electron/ never imports the renderer.'),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main.ts', 'electron/preload.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [restrict(['react', 'react-dom', 'react-dom/*', 'zustand'], 'The Electron shells never import the renderer.'), into('renderer', 'The Electron shells never import the renderer.')] },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict(nodeBuiltins, 'renderer/ runs in a browser: no Node modules.'),
            restrict(['electron', 'better-sqlite3', 'hono', 'hono/*', '@hono/*'], 'renderer/ reaches the store only through the api client.'),
            into('electron', 'renderer/ must not import from electron/; share code through shared/.'),
          ],
        },
      ],
    },
  },
);
