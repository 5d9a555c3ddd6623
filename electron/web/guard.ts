// What every Verdict HTTP server shares (web mode and the participant door): error statuses, JSON bodies,
// the Host/Origin guard, security headers and the static page.
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { contentSecurityPolicy } from '../../shared/csp.ts';
import type { ErrorCode, Reply } from '../../shared/reply.ts';

export const statusOf: Record<ErrorCode, 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500 | 503> = {
  invalid_input: 400,
  not_found: 404,
  conflict: 409,
  round_open: 409,
  round_closed: 409,
  votes_hidden: 403,
  invalid_transition: 409,
  forbidden: 403,
  unauthorized: 401,
  no_turn: 403,
  turn_taken: 409,
  rate_limited: 429,
  busy: 503,
  internal: 500,
};

export const refuse = (c: Context, code: ErrorCode, message: string, status = statusOf[code]) => c.json({ ok: false, error: { code, message } } satisfies Reply<never>, status);

export const answer = (c: Context, reply: Reply<unknown>) => c.json(reply, reply.ok ? 200 : statusOf[reply.error.code]);

/** Only pages served from this very address may talk to it: a foreign Host is DNS rebinding, a foreign Origin another site. */
export function hostGuard(allowedHosts: () => ReadonlySet<string>): MiddlewareHandler {
  return async (c, next) => {
    const hosts = allowedHosts();
    const host = c.req.header('host') ?? '';
    if (!hosts.has(host.toLowerCase())) return refuse(c, 'forbidden', `Verdict answers only on ${[...hosts][0]}; this request named the host "${host}".`);
    const origin = c.req.header('origin');
    if (origin !== undefined && !hosts.has(origin.toLowerCase().replace(/^http:\/\//, '')))
      return refuse(c, 'forbidden', `Requests from ${origin} are not allowed; open Verdict at http://${[...hosts][0]}/.`);
    await next();
  };
}

/** Security headers, the page's CSP, and quiet handling of clients that hang up mid-request. */
export function harden(app: Hono): void {
  app.use('*', secureHeaders({ referrerPolicy: 'no-referrer', crossOriginResourcePolicy: 'same-origin' }));
  app.use('*', async (c, next) => {
    c.header('Content-Security-Policy', `${contentSecurityPolicy}; frame-ancestors 'none'`);
    await next();
  });
  app.onError((e, c) => {
    // A client that hangs up mid-request (or is dropped for stalling) is not Verdict's error.
    if ((e as NodeJS.ErrnoException).code === 'ECONNRESET' || e.message === 'aborted') return refuse(c, 'invalid_input', 'The request was cut off before its body arrived.', 400);
    console.error(e);
    return refuse(c, 'internal', `Verdict's server failed: ${e.message}`);
  });
}

/** Refuses a body over `maxBytes` before it is read whole. */
export const limitBody = (maxBytes: number): MiddlewareHandler =>
  bodyLimit({ maxSize: maxBytes, onError: (c) => refuse(c, 'invalid_input', `The request body is larger than ${maxBytes / 1024} KiB.`, 413) });

/** The request's JSON input (an empty body is {}), or the refusal to send back. */
export async function readJson(c: Context): Promise<{ input: unknown } | Response> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) return refuse(c, 'invalid_input', 'Send the input as JSON (Content-Type: application/json).', 415);
  const text = await c.req.text();
  if (text.trim() === '') return { input: {} };
  try {
    return { input: JSON.parse(text) as unknown };
  } catch (e) {
    return refuse(c, 'invalid_input', `The request body is not valid JSON: ${(e as Error).message}`);
  }
}

/** The built renderer, with every other path answered by its index.html. */
export function servePage(app: Hono, staticDir: string | undefined): void {
  if (staticDir !== undefined && existsSync(staticDir)) {
    const root = relative(process.cwd(), staticDir) || '.';
    app.use('/*', serveStatic({ root }));
    app.get('*', serveStatic({ root, path: 'index.html' }));
  } else {
    app.get('*', (c) => c.text('The Verdict page has not been built. Run `npm run web`, which builds it first.', 503));
  }
}
