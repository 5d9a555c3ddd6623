// Builds the `verdict` command into one CommonJS file, out/cli/verdict.cjs, so it starts without compiling
// TypeScript (0.8 s through tsx before). bin/verdict.mjs runs it with a V8 code cache, and rebuilds it first
// when a source is newer. out/cli/ sits two folders deep, like electron/cli/ and electron/db/, so the
// sources' relative URLs to migrations/ and out/renderer/ hold in the bundle too.
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * Builds the bundle and returns its code. Writing it is best effort: a checkout where out/cli cannot be
 * written still runs the fresh code from memory, with a one-line warning.
 */
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
  // The build's own settings count as inputs too: a change to them must rebuild as well.
  const inputs = [
    ...Object.keys(result.metafile.inputs)
      .filter((f) => !f.startsWith('zod-locales:'))
      .map((f) => relative(root, join(root, f))),
    'scripts/build-cli.mjs',
    'package.json',
  ];
  const code = result.outputFiles[0].text;
  try {
    mkdirSync(outDir, { recursive: true });
    writeAtomically(join(outDir, 'verdict.cjs'), code);
    writeAtomically(join(outDir, 'inputs.json'), JSON.stringify(inputs));
    // Code caches belong to one build (bin/verdict.mjs names them by its hash): the old ones go.
    for (const f of readdirSync(outDir)) if (f.endsWith('.v8-cache')) rmSync(join(outDir, f), { force: true });
  } catch (e) {
    process.stderr.write(`verdict: could not save the built command line in ${outDir} (${e.code ?? e.message}); running it from memory.\n`);
  }
  return code;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
