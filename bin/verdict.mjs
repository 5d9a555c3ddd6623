#!/usr/bin/env node
// The `verdict` command: runs the one JavaScript file scripts/build-cli.mjs builds from the TypeScript sources
// (on `npm install`, and again here whenever a source is newer), with a V8 code cache beside it so that
// each start skips compiling it: the command starts in about twice the time of a bare `node`.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const root = fileURLToPath(new URL('../', import.meta.url));
const bundle = `${root}out/cli/verdict.cjs`;
const fail = (e) => {
  process.stderr.write(`verdict: ${String(e instanceof Error ? e.message : e).replace(/\s*\n\s*/g, ' ')}\n`);
  process.exit(1);
};

function upToDate() {
  try {
    const builtAt = statSync(bundle).mtimeMs;
    const inputs = JSON.parse(readFileSync(`${root}out/cli/inputs.json`, 'utf8'));
    return inputs.every((file) => statSync(root + file).mtimeMs <= builtAt);
  } catch {
    return false;
  }
}

let source;
try {
  source = upToDate() ? readFileSync(bundle, 'utf8') : await (await import('../scripts/build-cli.mjs')).buildCli();
} catch (e) {
  fail(e);
}

// V8 checks a code cache only against the source's length, and a damaged one can crash it: the cache is
// named for the exact source, and carries a checksum of itself.
const sha256 = (data) => createHash('sha256').update(data).digest();
const cacheFile = `${bundle}.${sha256(source).toString('hex').slice(0, 16)}.v8-cache`;
let cachedData;
try {
  const file = readFileSync(cacheFile);
  if (file.length > 32 && sha256(file.subarray(32)).equals(file.subarray(0, 32))) cachedData = file.subarray(32);
} catch {
  cachedData = undefined;
}
const script = new Script(Module.wrap(source), { filename: bundle, cachedData });
const module = new Module(bundle);
module.filename = bundle;
module.paths = Module._nodeModulePaths(dirname(bundle));
if (cachedData === undefined || script.cachedDataRejected) {
  // Made after the run, when V8 has compiled what the command used; a read-only checkout just goes without.
  process.once('beforeExit', () => {
    try {
      const data = script.createCachedData();
      mkdirSync(dirname(cacheFile), { recursive: true });
      writeFileSync(`${cacheFile}.${process.pid}`, Buffer.concat([sha256(data), data]));
      renameSync(`${cacheFile}.${process.pid}`, cacheFile);
    } catch {
      // no cache this time
    }
  });
}
try {
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
} catch (e) {
  fail(e);
}
