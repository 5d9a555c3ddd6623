// 4. Hostile input at every door: generated input for every API method through the handlers and through web
// mode's HTTP, and hostile command lines. No crash, every rejection names the field at fault, and the database
// file is byte for byte unchanged after a rejected call.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../electron/cli/program.ts';
import { startWebServer, type WebServer } from '../../electron/web/server.ts';
import { methodNames, type Method } from '../../shared/api.ts';
import { errorCodes } from '../../shared/reply.ts';
import { ok, openTestService, tempDir, workshop } from '../helpers.ts';
import { junk, setup } from '../inputs.ts';
import { send } from '../web/http.ts';
import { report } from './report.ts';

/** The file and its journal as bytes on disk (the shared-memory index changes on reads and holds no data). */
function fingerprint(file: string): string {
  const h = createHash('sha256').update(readFileSync(file));
  if (existsSync(`${file}-wal`)) h.update(readFileSync(`${file}-wal`));
  return h.digest('hex');
}

/** Inputs built to break a method: one field replaced by junk, an unknown field added, or anything at all. */
function hostile(valid: Record<Method, Record<string, unknown>>) {
  const names = Object.keys(valid) as Method[];
  const oneField = fc.tuple(fc.constantFrom(...names), fc.nat(), junk).map(([name, pick, value]) => {
    const input: Record<string, unknown> = structuredClone(valid[name]);
    const keys = Object.keys(input);
    input[keys.length === 0 ? 'unexpected' : keys[pick % keys.length]!] = value;
    return { name, input: input as unknown };
  });
  const extraField = fc.tuple(fc.constantFrom(...names), fc.string({ minLength: 1, maxLength: 12 }), junk).map(([name, key, value]) => ({
    name,
    input: { ...valid[name], [key]: value } as unknown,
  }));
  const anything = fc.tuple(fc.constantFrom(...names), fc.anything({ maxDepth: 2, withNullPrototype: true })).map(([name, input]) => ({ name, input }));
  return fc.oneof({ arbitrary: oneField, weight: 3 }, { arbitrary: extraField, weight: 1 }, { arbitrary: anything, weight: 1 });
}

describe('hostile input through the handlers', () => {
  it('never crashes, names the field, and leaves the file byte for byte unchanged when it refuses', () => {
    const { s, valid } = setup();
    expect(Object.keys(valid).sort()).toEqual([...methodNames].sort());
    let tried = 0;
    let refused = 0;
    fc.assert(
      fc.property(hostile(valid), ({ name, input }) => {
        tried++;
        const before = fingerprint(s.file);
        const reply = s.call(name, input);
        if (reply.ok) return;
        refused++;
        expect(errorCodes).toContain(reply.error.code);
        expect(reply.error.code, `${name} ${JSON.stringify(input)}: ${reply.error.message}`).not.toBe('internal');
        expect(reply.error.message).not.toMatch(/\n\s+at /);
        if (reply.error.code === 'invalid_input') expect(reply.error.field, `${name} ${JSON.stringify(input)}`).toBeTruthy();
        expect(fingerprint(s.file), `${name} changed the file while refusing`).toBe(before);
      }),
      { numRuns: 2000, seed: 20261123 },
    );
    expect(refused).toBeGreaterThan(1500);
    report('hostile input, handlers', { generatedCalls: tried, refused, crashes: 0, fileChangedByRefusal: 0 });
  });
});

describe('hostile input through web mode’s HTTP', () => {
  let server: WebServer | undefined;
  afterAll(async () => server?.close());

  it('answers every generated request with a 4xx JSON error naming the field, and changes nothing when it refuses', async () => {
    const { s, valid } = setup();
    server = await startWebServer({ service: s, port: 0 });
    const port = server.port;
    let tried = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(hostile(valid), async ({ name, input }) => {
        tried++;
        const before = fingerprint(s.file);
        const answer = await send(port, { path: `/api/${name}`, body: JSON.stringify(input) ?? 'null' });
        const reply = JSON.parse(answer.body) as { ok: boolean; error?: { code: string; field?: string; message: string } };
        if (reply.ok) {
          expect(answer.status).toBe(200);
          return;
        }
        refused++;
        expect(answer.status, answer.body).toBeGreaterThanOrEqual(400);
        expect(answer.status, answer.body).toBeLessThan(500);
        if (reply.error!.code === 'invalid_input') expect(reply.error!.field).toBeTruthy();
        expect(fingerprint(s.file)).toBe(before);
      }),
      { numRuns: 600, seed: 7 },
    );
    // Bodies that are not JSON at all, or not the JSON a method takes.
    const bodies = fc.oneof(fc.string({ maxLength: 200 }), fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)), fc.constantFrom('{', '[1,2', 'null', '"x"', '{"decisionId":1}{', '\u0000'));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...methodNames), bodies, async (name, body) => {
        tried++;
        const before = fingerprint(s.file);
        const answer = await send(port, { path: `/api/${name}`, body });
        if (answer.status === 200) return;
        refused++;
        expect(answer.status).toBeLessThan(500);
        expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: expect.any(String), message: expect.any(String) } });
        expect(fingerprint(s.file)).toBe(before);
      }),
      { numRuns: 300, seed: 8 },
    );
    report('hostile input, HTTP', { generatedRequests: tried, refused, serverErrors: 0, fileChangedByRefusal: 0 });
  }, 120_000);
});

describe('hostile command lines', () => {
  it('each one exits non-zero with one plain line, and leaves the file as it was', async () => {
    const s = openTestService();
    const w = workshop(s);
    ok(s, 'openRound', { decisionId: w.decisionId });
    s.close();
    const db = s.file;
    const id = String(w.decisionId);
    const cases: [string[], RegExp][] = [
      [['show', '999'], /no decision 999/i],
      [['show', 'abc'], /whole number/],
      [['show', '-1'], /whole number/],
      [['show', '1e3'], /whole number/],
      [['show', '99999999999999999999'], /whole number/],
      [['vote', id, '--member', 'Nobody', '--option', 'Django', '--criterion', 'Productivity', '--score', '3'], /no participant "Nobody"; it has Ana, Bo/],
      [['vote', id, '--member', 'Ana', '--option', 'Rails', '--criterion', 'Productivity', '--score', '3'], /no option "Rails"/],
      [['vote', id, '--member', 'Ana', '--option', 'Django', '--criterion', 'Speed', '--score', '3'], /no criterion "Speed"/],
      [['vote', id, '--member', 'Ana', '--option', 'Django', '--criterion', 'Productivity', '--score', '9'], /score/i],
      [['vote', id, '--member', 'Ana', '--option', 'Django', '--criterion', 'Productivity', '--score', '0'], /score/i],
      [['vote', id, '--member', 'Ana', '--option', 'Django', '--criterion', 'Productivity', '--score', '2.5'], /whole number or "abstain"/],
      [['vote', id, '--member', 'Ana', '--option', 'Django', '--criterion', 'Productivity'], /--score/],
      [['vote', id, '--option', 'Django', '--criterion', 'Productivity', '--score', '3'], /--member/],
      [['vote', id, '--member', 'Ana', '--option', 'Django', '--criterion', 'Productivity', '--score', '3', '--why', 'x'.repeat(5000)], /why/],
      [['decide', id, '--option', 'Django'], /--status/],
      [['decide', id, '--option', 'Django', '--status', 'maybe'], /maybe/],
      [['round', 'open', id], /already open|round/i],
      [['criterion', 'add', id, 'Cost', '--weight', 'lots'], /weight must be a number/],
      [['criterion', 'add', id, 'Cost', '--weight', '-3'], /weight/],
      [['option', 'add', id, ''], /name/],
      [['new', 'x'.repeat(500)], /title/],
      [['export', id, '--repo', '/definitely/not/here'], /not|round/i],
      [['import', join(tempDir(), 'missing.json')], /no such file/],
      [['restore', join(tempDir(), 'missing.verdict')], /There is no file/],
      [['frobnicate'], /unknown command/],
      [['list', '--status', 'pending'], /pending/],
    ];
    const before = fingerprint(db);
    for (const [argv, message] of cases) {
      const err: string[] = [];
      const code = await run(['--db', db, ...argv], { out: () => {}, err: (t) => err.push(t), env: {} });
      const text = err.join('\n');
      expect(code, `${argv.join(' ')} → ${text}`).toBeGreaterThan(0);
      expect(text, argv.join(' ')).toMatch(message);
      expect(text.trim().split('\n'), `${argv.join(' ')} → ${text}`).toHaveLength(1);
      expect(text).not.toMatch(/\n\s+at |SqliteError|TypeError/);
      expect(fingerprint(db), argv.join(' ')).toBe(before);
    }
    report('hostile command lines', { commands: cases.length, crashes: 0, fileChanged: 0 });
  });
});
