// Starts web mode on loopback and knows the addresses it may be reached by.
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { Service } from '../service.ts';
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
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/;

export async function startWebServer({ service, port = DEFAULT_PORT, host = '127.0.0.1', staticDir, heartbeatMs }: StartOptions): Promise<WebServer> {
  // The facilitator's API holds every decision: it never listens beyond this machine.
  if (!LOOPBACK.test(host)) throw new Error(`Web mode listens on loopback only (127.0.0.1, ::1 or localhost), not on "${host}".`);
  let hosts = new Set<string>();
  const app = createWebApp({ service, allowedHosts: () => hosts, staticDir, heartbeatMs });
  const server = createAdaptorServer({ fetch: app.fetch });
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
    close: () =>
      new Promise<void>((resolve) => {
        service.feed.stop();
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
