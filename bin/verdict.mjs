#!/usr/bin/env node
// The `verdict` command: runs the one JavaScript file scripts/build-cli.mjs builds from the TypeScript sources
// (on `npm install`, and again here whenever a source is newer), with a V8 code cache beside it so that
// each start skips compiling it: the command starts in about twice the time of a bare `node`.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const root = fileURLToPath(new URL('../', import.meta.url));
const bundle = `${root}out/cli/verdict.cjs`;
const cacheFile = `${bundle}.v8-cache`;

function upToDate() {
  try {
    const builtAt = statSync(bundle).mtimeMs;
    const inputs = JSON.parse(readFileSync(`${root}out/cli/inputs.json`, 'utf8'));
    return inputs.every((file) => statSync(root + file).mtimeMs <= builtAt);
  } catch {
    return false;
  }
}

if (!upToDate()) await (await import('../scripts/build-cli.mjs')).buildCli();

let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const source = readFileSync(bundle, 'utf8');
const script = new Script(Module.wrap(source), { filename: bundle, cachedData });
const module = new Module(bundle);
module.filename = bundle;
module.paths = Module._nodeModulePaths(dirname(bundle));
if (cachedData === undefined || script.cachedDataRejected) {
  // Made after the run, when V8 has compiled what the command used; a read-only checkout just goes without.
  process.once('beforeExit', () => {
    try {
      mkdirSync(dirname(cacheFile), { recursive: true });
      writeFileSync(`${cacheFile}.${process.pid}`, script.createCachedData());
      renameSync(`${cacheFile}.${process.pid}`, cacheFile);
    } catch {
      // no cache this time
    }
  });
}
script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
