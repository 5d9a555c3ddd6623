import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../electron/web/server.ts';
import { contentSecurityPolicy } from '../../shared/csp.ts';
import { inTurn, ok, openTestService, tempDir, workshop } from '../helpers.ts';
import { send } from './http.ts';

let server: WebServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(staticDir?: string) {
  const service = openTestService();
  server = await startWebServer({ service, port: 0, staticDir, heartbeatMs: 50 });
  return { service, port: server.port };
}

describe('web mode', () => {
  it('answers POST /api/<method> with the contract’s reply', async () => {
    const { port } = await start();
    const created = await send(port, { path: '/api/createDecision', body: JSON.stringify({ title: 'Over HTTP', template: 'django-vs-flask' }) });
    expect(created.status).toBe(200);
    expect(JSON.parse(created.body)).toMatchObject({ ok: true, value: { id: 1, title: 'Over HTTP' } });
    const missing = await send(port, { path: '/api/getDecision', body: '{"decisionId": 42}' });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toEqual({ ok: false, error: { code: 'not_found', message: 'There is no decision 42.', field: 'decisionId' } });
    expect((await send(port, { path: '/api/listDecisions', body: '' })).status).toBe(200);
  });

  it('refuses a foreign Host (DNS rebinding) or Origin (another web page), touching nothing', async () => {
    const { port, service } = await start();
    const attacks: Record<string, string>[] = [
      { host: `evil.example:${port}` },
      { host: `127.0.0.1:${port + 1}` },
      { origin: 'http://evil.example' },
      { origin: `http://127.0.0.1.evil.example:${port}` },
      { origin: 'null' },
    ];
    for (const headers of attacks) {
      const a = await send(port, { path: '/api/createDecision', headers, body: '{"title":"pwned"}' });
      expect(a.status, JSON.stringify(headers)).toBe(403);
      expect(JSON.parse(a.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const sameOrigin = await send(port, { path: '/api/listDecisions', headers: { origin: `http://127.0.0.1:${port}` }, body: '{}' });
    expect(sameOrigin.status).toBe(200);
    const viaLocalhost = await send(port, { headers: { host: `localhost:${port}` }, body: '{}' });
    expect(viaLocalhost.status).toBe(200);
    expect(ok(service, 'listDecisions', {})).toEqual([]);
  });

  it('answers malformed, oversized or non-JSON bodies with a clear 4xx', async () => {
    const { port } = await start();
    const malformed = await send(port, { path: '/api/createDecision', body: '{"title": ' });
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body).error.message).toMatch(/^The request body is not valid JSON/);
    const big = await send(port, { path: '/api/createDecision', headers: { expect: '100-continue' }, body: JSON.stringify({ title: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(big.status).toBe(413);
    const form = await send(port, { path: '/api/createDecision', headers: { 'content-type': 'text/plain' }, body: '{"title":"x"}' });
    expect(form.status).toBe(415);
    const invalid = await send(port, { path: '/api/createDecision', body: '{"title": 7}' });
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.body).error).toMatchObject({ code: 'invalid_input', field: 'title' });
    expect((await send(port, { path: '/api/noSuchMethod', body: '{}' })).status).toBe(404);
    expect((await send(port, { method: 'GET', path: '/api/listDecisions' })).status).toBe(404);
  });

  it('never returns hidden votes over HTTP before the reveal', async () => {
    const { port, service } = await start();
    const w = workshop(service);
    ok(service, 'openRound', { decisionId: w.decisionId });
    inTurn(service, 'castScore', { decisionId: w.decisionId, memberId: w.memberIds[0], optionId: w.optionIds[0], criterionId: w.criterionIds[0], score: 4, why: 'SECRET-REASON' });
    for (const [path, body] of [
      ['/api/getDecision', { decisionId: w.decisionId }],
      ['/api/progress', { decisionId: w.decisionId }],
      ['/api/history', { decisionId: w.decisionId }],
      ['/api/results', { decisionId: w.decisionId }],
      ['/api/listDecisions', {}],
    ] as const) {
      const a = await send(port, { path, body: JSON.stringify(body) });
      expect(a.body, path).not.toMatch(/SECRET-REASON|"score":4/);
    }
    expect((await send(port, { path: '/api/results', body: JSON.stringify({ decisionId: w.decisionId }) })).status).toBe(403);
  });

  it('streams every change as a server-sent event, from this door or any other', async () => {
    const { port, service } = await start();
    const events: string[] = [];
    const stream = await new Promise<import('node:http').IncomingMessage>((resolve) => {
      request({ host: '127.0.0.1', port, path: '/api/events', headers: { host: `127.0.0.1:${port}` } }, resolve).end();
    });
    expect(stream.headers['content-type']).toMatch(/text\/event-stream/);
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => events.push(chunk));
    await until(() => events.join('').includes('event: ready'));
    await send(port, { path: '/api/createDecision', body: '{"title":"Announced"}' });
    // A write by another process on the same file reaches the stream through the poll.
    const other = openTestService(service.file);
    ok(other, 'createDecision', { title: 'From the CLI' });
    await until(() => events.join('').includes('From the CLI'));
    const text = events.join('');
    expect(text).toMatch(/event: change\ndata: \{"id":1,.*"type":"decision_created".*"Announced"/);
    stream.destroy();
  });

  it('serves the built page with a strict content security policy', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Verdict</title>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    const { port } = await start(dir);
    const page = await send(port, { method: 'GET', path: '/' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Verdict</title>');
    expect(page.headers['content-security-policy']).toBe(`${contentSecurityPolicy}; frame-ancestors 'none'`);
    expect((await send(port, { method: 'GET', path: '/assets/app.js' })).body).toBe('console.log(1)');
    expect((await send(port, { method: 'GET', path: '/decisions/3' })).body).toContain('<title>Verdict</title>');
  });

  it('listens on loopback only', async () => {
    const service = openTestService();
    await expect(startWebServer({ service, port: 0, host: '0.0.0.0' })).rejects.toThrow(/loopback only/);
  });
});

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
