// Packaging needs downloads, so it is checked here without them: the config against electron-builder's own schema,
// and everything the config points at.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;

const validator = () => new Ajv({ allErrors: true, strict: false }).compile(schema);

describe('electron-builder.yml', () => {
  it('is valid against electron-builder’s own JSON schema', () => {
    const validate = validator();
    expect(validate(config), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('the schema check has teeth: a misspelt key or a wrong type fails it', () => {
    const validate = validator();
    expect(validate({ ...config, afterPak: './scripts/after-pack.mjs' })).toBe(false);
    expect(validate({ ...config, npmRebuild: 'no' })).toBe(false);
  });

  it('names the app, builds the issue’s targets, and never rebuilds the Node build of better-sqlite3 in place', () => {
    expect(config).toMatchObject({
      appId: 'dev.verdict.app',
      productName: 'Verdict',
      npmRebuild: false,
      afterPack: './scripts/after-pack.mjs',
      linux: { target: ['AppImage', 'deb'] },
      mac: { target: 'dmg' },
      win: { target: 'nsis' },
    });
    expect(pkg.devDependencies!['electron']).toMatch(/^\^45\./);
    // The installed app loads only better-sqlite3 from node_modules; everything else is bundled into out/main.
    expect(Object.keys(pkg.dependencies!)).toEqual(['better-sqlite3']);
    expect(pkg.scripts!['dist']).toBe('node scripts/dist.mjs');
  });

  it('points at files that exist: the icon (1024 px PNG), the hook, and the built app’s entry', async () => {
    const icon = readFileSync(join(root, config.icon as string));
    expect(icon.subarray(1, 4).toString()).toBe('PNG');
    expect([icon.readUInt32BE(16), icon.readUInt32BE(20)]).toEqual([1024, 1024]);
    const hook = (await import(pathToFileURL(join(root, config.afterPack as string)).href)) as { default: unknown };
    expect(typeof hook.default).toBe('function');
    expect(pkg.main).toBe('out/main/main.js');
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'migrations/*.sql', 'package.json']));
    expect(existsSync(join(root, 'migrations'))).toBe(true);
  });
});
