// The `verdict` command runs built JavaScript, rebuilt when a source changes, and --help loads none of the store.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCli, outDir } from '../../scripts/build-cli.mjs';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/verdict.mjs');
const work = mkdtempSync(join(tmpdir(), 'verdict-bundle-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the command with a hook that lists every package it requires from node_modules. */
function runWatched(args: string[]) {
  const hook = join(work, 'watch.cjs');
  writeFileSync(hook, "const M=require('module');const o=M._load;const seen=new Set();M._load=function(r,...a){if(!r.startsWith('node:')&&!M.isBuiltin(r))seen.add(r);return o.call(this,r,...a)};process.on('exit',()=>process.stderr.write('\\nREQUIRED '+JSON.stringify([...seen])+'\\n'))");
  const r = spawnSync(process.execPath, ['--require', hook, bin, ...args], { cwd: root, encoding: 'utf8' });
  const required = JSON.parse(/REQUIRED (.*)/.exec(r.stderr)![1]!) as string[];
  return { ...r, required };
}

describe('the built command line', () => {
  it('is one CommonJS file whose inputs are the sources, without tsx, with English messages only', async () => {
    await buildCli();
    const inputs = JSON.parse(readFileSync(join(outDir, 'inputs.json'), 'utf8')) as string[];
    expect(inputs).toEqual(expect.arrayContaining(['electron/cli/program.ts', 'electron/cli/main.ts', 'shared/api.ts', 'electron/handlers/votes.ts']));
    expect(inputs.filter((f) => f.includes('zod/v4/locales/'))).toEqual(['node_modules/zod/v4/locales/en.js']);
    expect(inputs.some((f) => f.includes('tsx'))).toBe(false);
  });

  it('--help loads neither the store nor the database driver; a command that reads the store does', () => {
    const help = runWatched(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: verdict/);
    expect(help.required).not.toContain('better-sqlite3');
    const list = runWatched(['list', '--db', join(work, 'x.db')]);
    expect(list.status).toBe(0);
    expect(list.required).toContain('better-sqlite3');
  });

  it('rebuilds itself when a source is newer than the build', () => {
    // In a copy of the checkout, so the build the other tests run is never aged under them.
    const copy = join(work, 'checkout');
    for (const d of ['bin', 'scripts', 'electron', 'shared', 'migrations']) cpSync(join(root, d), join(copy, d), { recursive: true });
    cpSync(join(root, 'package.json'), join(copy, 'package.json'));
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
    const copyBin = join(copy, 'bin/verdict.mjs');
    const entry = join(copy, 'out/cli/verdict.cjs');
    expect(spawnSync(process.execPath, [copyBin, '--help'], { cwd: copy }).status).toBe(0);
    const inputs = JSON.parse(readFileSync(join(copy, 'out/cli/inputs.json'), 'utf8')) as string[];
    expect(inputs.length).toBeGreaterThan(50);
    // Make the build look older than its sources, as after an edit.
    const old = new Date(Date.now() - 3_600_000);
    utimesSync(entry, old, old);
    const r = spawnSync(process.execPath, [copyBin, '--help'], { cwd: copy, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(statSync(entry).mtimeMs).toBeGreaterThan(old.getTime() + 1000);
  });
});

describe('the command line as a process', () => {
  it('reads call’s JSON from a pipe, even when the writer is slower than the command’s start', async () => {
    const db = join(work, 'pipe.db');
    spawnSync(process.execPath, [bin, '--db', db, 'new', 'Piped'], { cwd: root });
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [bin, '--db', db, 'call', 'getDecision'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    await new Promise((r) => setTimeout(r, 700));
    child.stdin.end('{"decisionId": 1}');
    const code = await new Promise((r) => child.on('close', r));
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ id: 1, title: 'Piped' });
  });

  it('ends quietly when its reader stops early (verdict --help | head -1)', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" --help | head -1`], { cwd: root, encoding: 'utf8' });
    expect(r.stdout).toBe('Usage: verdict [options] [command]\n');
    expect(r.stderr).toBe('');
  });

  it('a damaged code cache is ignored and replaced, never a crash', () => {
    spawnSync(process.execPath, [bin, '--help'], { cwd: root });
    const caches = readdirSync(outDir).filter((f) => f.endsWith('.v8-cache'));
    expect(caches).toHaveLength(1);
    const file = join(outDir, caches[0]!);
    const data = readFileSync(file);
    for (let i = 100; i < data.length; i += 997) data[i] = data[i]! ^ 0xff;
    writeFileSync(file, data);
    const r = spawnSync(process.execPath, [bin, '--help'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: verdict/);
    expect(readFileSync(file).equals(data)).toBe(false);
  });
});

describe('the command line with a store locked elsewhere', () => {
  it('says so in one line and exits 1, closing included (no stack trace)', async () => {
    const db = join(work, 'locked.db');
    spawnSync(process.execPath, [bin, '--db', db, 'new', 'Locked'], { cwd: root });
    const { default: Database } = await import('better-sqlite3');
    const holder = new Database(db);
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const { spawn } = await import('node:child_process');
      const child = spawn(process.execPath, [bin, '--db', db, 'new', 'Blocked'], { cwd: root });
      let err = '';
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      const code = await new Promise((r) => child.on('close', r));
      expect(code).toBe(1);
      expect(err.trim().split('\n')).toHaveLength(1);
      expect(err).toMatch(/^verdict: .*busy/);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  }, 30_000);
});
