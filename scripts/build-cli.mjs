// Builds the `verdict` command into one CommonJS file, out/cli/verdict.cjs, so it starts without compiling
// TypeScript (0.8 s through tsx before). bin/verdict.mjs runs it with a V8 code cache, and rebuilds it first
// when a source is newer. out/cli/ sits two folders deep, like electron/cli/ and electron/db/, so the
// sources' relative URLs to migrations/ and out/renderer/ hold in the bundle too.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
export const outDir = join(root, 'out', 'cli');

// zod re-exports every language's error messages (a third of the bundle); Verdict's messages are its own and English.
const englishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => (args.importer.includes(`${sep}zod${sep}`) ? { path: join(dirname(args.importer), '../locales/en.js'), namespace: 'zod-locales' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({ contents: `export { default as en } from ${JSON.stringify(args.path)};`, resolveDir: root }));
  },
};

/** Writes a file beside its target and renames it into place, so a command starting meanwhile never reads half of it. */
function writeAtomically(file, contents) {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, contents);
  renameSync(temp, file);
}

export async function buildCli() {
  const result = await build({
    entryPoints: [join(root, 'electron/cli/main.ts')],
    bundle: true,
    write: false,
    outfile: join(outDir, 'verdict.cjs'),
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: true,
    metafile: true,
    logLevel: 'warning',
    external: ['better-sqlite3'],
    plugins: [englishOnly],
    // The sources are ES modules; in CommonJS, import.meta.url is the bundle's own file URL.
    define: { 'import.meta.url': '__verdictFileUrl' },
    banner: { js: "const __verdictFileUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  const inputs = Object.keys(result.metafile.inputs)
    .filter((f) => !f.startsWith('zod-locales:'))
    .map((f) => relative(root, join(root, f)));
  mkdirSync(outDir, { recursive: true });
  writeAtomically(join(outDir, 'verdict.cjs'), result.outputFiles[0].contents);
  writeAtomically(join(outDir, 'inputs.json'), JSON.stringify(inputs));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
