// Starts web mode on loopback and knows the addresses it may be reached by.
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { Service } from '../service.ts';
import type { Doors } from '../participants/doors.ts';
import { createWebApp } from './app.ts';

export const DEFAULT_PORT = 4780;

export interface WebServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface StartOptions {
  service: Service;
  port?: number;
  host?: string;
  staticDir?: string;
  heartbeatMs?: number;
  /** The facilitator's controls for participants' devices; closed with the server. */
  doors?: Doors;
  /** How long a client may take to send its headers, and its whole request, before it is dropped. */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/;

export async function startWebServer({ service, port = DEFAULT_PORT, host = '127.0.0.1', staticDir, heartbeatMs, doors, headersTimeoutMs = 10_000, requestTimeoutMs = 30_000 }: StartOptions): Promise<WebServer> {
  // The facilitator's API holds every decision: it never listens beyond this machine.
  if (!LOOPBACK.test(host)) throw new Error(`Web mode listens on loopback only (127.0.0.1, ::1 or localhost), not on "${host}".`);
  let hosts = new Set<string>();
  const app = createWebApp({ service, allowedHosts: () => hosts, staticDir, heartbeatMs, doors });
  // A client that trickles its request in or stops halfway is dropped, so it cannot hold a connection for long.
  const checkEvery = Math.max(50, Math.min(headersTimeoutMs, requestTimeoutMs) / 4);
  const server = createAdaptorServer({ fetch: app.fetch, serverOptions: { headersTimeout: headersTimeoutMs, requestTimeout: requestTimeoutMs, connectionsCheckingInterval: checkEvery } });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? new Error(`Port ${port} on ${host} is already in use; pass --port N (or --port 0 for any free port).`) : e),
    );
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  hosts = new Set([`${shown}:${actual}`, ...(host === '127.0.0.1' || host === 'localhost' ? [`127.0.0.1:${actual}`, `localhost:${actual}`] : [])]);
  service.feed.start();
  return {
    url: `http://${shown}:${actual}/`,
    port: actual,
    close: async () => {
      await doors?.closeAll();
      await new Promise<void>((resolve) => {
        service.feed.stop();
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      });
    },
  };
}
