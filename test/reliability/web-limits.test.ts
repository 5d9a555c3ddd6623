// 7. Web mode under clients that misbehave: slow, stalled or abandoned connections do not hold up others,
// and are dropped. (Loopback-only binding, Host/Origin checks and body limits: test/web/server.test.ts.)
import { connect, type Socket } from 'node:net';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../electron/web/server.ts';
import { openTestService } from '../helpers.ts';
import { send } from '../web/http.ts';
import { report } from './report.ts';

let server: WebServer | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await server?.close();
  server = undefined;
});

const open = (port: number, first: string) =>
  new Promise<Socket>((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(first);
      resolve(socket);
    });
    socket.on('error', () => {});
    // Read (and drop) whatever the server says, so its closing the connection is seen here.
    socket.resume();
    sockets.push(socket);
  });
const closed = (socket: Socket) => new Promise<void>((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve())));

describe('web mode with misbehaving clients', () => {
  it('serves everyone else while clients trickle headers, stall their body, or stop reading events — then drops the stalled ones', async () => {
    const service = openTestService();
    server = await startWebServer({ service, port: 0, headersTimeoutMs: 1500, requestTimeoutMs: 2500, heartbeatMs: 50 });
    const { port } = server;
    const host = `127.0.0.1:${port}`;

    // 20 clients that never finish their headers, 10 that promise a body and stop halfway.
    const trickling = await Promise.all(Array.from({ length: 20 }, () => open(port, `POST /api/listDecisions HTTP/1.1\r\nHost: ${host}\r\nX-Slow: `)));
    const stalled = await Promise.all(
      Array.from({ length: 10 }, () => open(port, `POST /api/createDecision HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"title":`)),
    );
    // 5 event-stream clients that connect and then never read another byte.
    const deaf = await Promise.all(Array.from({ length: 5 }, () => open(port, `GET /api/events HTTP/1.1\r\nHost: ${host}\r\n\r\n`)));
    for (const s of deaf) s.pause();

    // Meanwhile 100 ordinary requests, 50 at a time, and one listener that reads its events.
    const heard: string[] = [];
    const listener = await new Promise<import('node:http').IncomingMessage>((resolve) => request({ host: '127.0.0.1', port, path: '/api/events', agent: false, headers: { host } }, resolve).end());
    listener.setEncoding('utf8');
    listener.on('data', (chunk: string) => heard.push(chunk));
    let served = 0;
    for (let batch = 0; batch < 2; batch++) {
      const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => send(port, { path: '/api/createDecision', body: JSON.stringify({ title: `Ordinary ${batch}-${i}` }) })));
      for (const a of answers) expect(a.status, a.body).toBe(200);
      served += answers.length;
    }
    await expect.poll(() => heard.join('').split('event: change').length - 1, { timeout: 10_000 }).toBe(100);
    listener.destroy();

    // The stalled requests wrote nothing; the trickling and stalled connections are dropped by the server.
    const titles = (service.call('listDecisions', {}) as { ok: true; value: { title: string }[] }).value.map((d) => d.title);
    expect(titles).toHaveLength(100);
    await Promise.all([...trickling, ...stalled].map(closed));
    report('web mode, misbehaving clients', { slowHeaderClients: trickling.length, stalledBodyClients: stalled.length, deafEventClients: deaf.length, ordinaryRequests: served, ordinaryFailed: 0, stalledDropped: trickling.length + stalled.length });
  }, 60_000);
});
