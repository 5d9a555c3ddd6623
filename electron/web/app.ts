// Web mode's HTTP door: POST /api/<method>, server-sent change events, and the built renderer.
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Doors } from '../participants/doors.ts';
import type { Service } from '../service.ts';
import { answer, harden, hostGuard, limitBody, readJson, refuse, servePage } from './guard.ts';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface WebAppOptions {
  service: Service;
  /** host:port values this server answers to; anything else is another site or DNS rebinding. */
  allowedHosts: () => ReadonlySet<string>;
  /** The built renderer (vite build output), if there is one. */
  staticDir?: string;
  /** How often the event stream sends a keep-alive comment. */
  heartbeatMs?: number;
  /** The facilitator's controls for participants' devices. */
  doors?: Doors;
}

export function createWebApp({ service, allowedHosts, staticDir, heartbeatMs = 15_000, doors }: WebAppOptions): Hono {
  const app = new Hono();

  app.use('*', hostGuard(allowedHosts));
  harden(app);

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

  app.post('/api/doors/:method', limitBody(MAX_BODY_BYTES), async (c) => {
    const body = await readJson(c);
    if (body instanceof Response) return body;
    if (!doors) return refuse(c, 'not_found', 'Participants’ devices are not available here.');
    return answer(c, await doors.call(c.req.param('method'), body.input));
  });

  app.post('/api/:method', limitBody(MAX_BODY_BYTES), async (c) => {
    const body = await readJson(c);
    if (body instanceof Response) return body;
    return answer(c, service.call(c.req.param('method'), body.input));
  });

  app.all('/api/*', (c) => refuse(c, 'not_found', `No such API route: ${c.req.method} ${c.req.path}. Methods are POST /api/<method>.`));

  servePage(app, staticDir);
  return app;
}
