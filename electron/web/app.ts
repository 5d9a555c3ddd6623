// Web mode's HTTP door: POST /api/<method>, server-sent change events, and the built renderer.
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { streamSSE } from 'hono/streaming';
import { contentSecurityPolicy } from '../../shared/csp.ts';
import type { Reply, ErrorCode } from '../../shared/reply.ts';
import type { Service } from '../service.ts';

export const MAX_BODY_BYTES = 1024 * 1024;

const statusOf: Record<ErrorCode, 400 | 401 | 403 | 404 | 409 | 413 | 415 | 500 | 503> = {
  invalid_input: 400,
  not_found: 404,
  conflict: 409,
  round_open: 409,
  round_closed: 409,
  votes_hidden: 403,
  invalid_transition: 409,
  forbidden: 403,
  busy: 503,
  internal: 500,
};

const refuse = (c: Context, code: ErrorCode, message: string, status = statusOf[code]) =>
  c.json({ ok: false, error: { code, message } } satisfies Reply<never>, status);

export interface WebAppOptions {
  service: Service;
  /** host:port values this server answers to; anything else is another site or DNS rebinding. */
  allowedHosts: () => ReadonlySet<string>;
  /** The built renderer (vite build output), if there is one. */
  staticDir?: string;
  /** How often the event stream sends a keep-alive comment. */
  heartbeatMs?: number;
}

export function createWebApp({ service, allowedHosts, staticDir, heartbeatMs = 15_000 }: WebAppOptions): Hono {
  const app = new Hono();

  // Only pages served from this very address may talk to it.
  app.use('*', async (c, next) => {
    const hosts = allowedHosts();
    const host = c.req.header('host') ?? '';
    if (!hosts.has(host.toLowerCase())) return refuse(c, 'forbidden', `Verdict answers only on ${[...hosts][0]}; this request named the host "${host}".`);
    const origin = c.req.header('origin');
    if (origin !== undefined && !hosts.has(origin.toLowerCase().replace(/^http:\/\//, '')))
      return refuse(c, 'forbidden', `Requests from ${origin} are not allowed; open Verdict at http://${[...hosts][0]}/.`);
    await next();
  });

  app.use(
    '*',
    secureHeaders({
      referrerPolicy: 'no-referrer',
      crossOriginResourcePolicy: 'same-origin',
    }),
  );
  app.use('*', async (c, next) => {
    c.header('Content-Security-Policy', `${contentSecurityPolicy}; frame-ancestors 'none'`);
    await next();
  });

  app.get('/api/events', (c) =>
    streamSSE(c, async (stream) => {
      const queue: string[] = [];
      let wake: (() => void) | undefined;
      const unsubscribe = service.feed.subscribe((event) => {
        queue.push(JSON.stringify(event));
        wake?.();
      });
      let open = true;
      stream.onAbort(() => {
        open = false;
        unsubscribe();
        wake?.();
      });
      await stream.writeSSE({ event: 'ready', data: '{}' });
      while (open) {
        while (queue.length > 0) await stream.writeSSE({ event: 'change', data: queue.shift()! });
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, heartbeatMs).unref();
        });
        wake = undefined;
        if (open && queue.length === 0) await stream.write(': keep-alive\n\n');
      }
    }),
  );

  app.post(
    '/api/:method',
    bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => refuse(c, 'invalid_input', `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB.`, 413) }),
    async (c) => {
      const type = c.req.header('content-type') ?? '';
      if (!/^application\/json\b/i.test(type)) return refuse(c, 'invalid_input', 'Send the input as JSON (Content-Type: application/json).', 415);
      const text = await c.req.text();
      let input: unknown = {};
      if (text.trim() !== '') {
        try {
          input = JSON.parse(text);
        } catch (e) {
          return refuse(c, 'invalid_input', `The request body is not valid JSON: ${(e as Error).message}`);
        }
      }
      const reply = service.call(c.req.param('method'), input);
      return c.json(reply, reply.ok ? 200 : statusOf[reply.error.code]);
    },
  );

  app.onError((e, c) => {
    // A client that hangs up mid-request (or is dropped for stalling) is not Verdict's error.
    if ((e as NodeJS.ErrnoException).code === 'ECONNRESET' || e.message === 'aborted') return refuse(c, 'invalid_input', 'The request was cut off before its body arrived.', 400);
    console.error(e);
    return refuse(c, 'internal', `Verdict's server failed: ${e.message}`);
  });

  app.all('/api/*', (c) => refuse(c, 'not_found', `No such API route: ${c.req.method} ${c.req.path}. Methods are POST /api/<method>.`));

  if (staticDir !== undefined && existsSync(staticDir)) {
    const root = relative(process.cwd(), staticDir) || '.';
    app.use('/*', serveStatic({ root }));
    app.get('*', serveStatic({ root, path: 'index.html' }));
  } else {
    app.get('*', (c) => c.text('The Verdict page has not been built. Run `npm run web`, which builds it first.', 503));
  }
  return app;
}
