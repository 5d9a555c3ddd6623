// The one client the renderer holds: the desktop preload's bridge, or HTTP in web mode. Same type either way.
import type { Bridge, ChangeEvent } from '../../shared/api.ts';
import type { Reply } from '../../shared/reply.ts';

declare global {
  interface Window {
    verdict?: Bridge;
  }
}

async function post(base: string, method: string, input: unknown): Promise<Reply<unknown>> {
  try {
    const res = await fetch(`${base}/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input ?? {}) });
    return (await res.json()) as Reply<unknown>;
  } catch (e) {
    return { ok: false, error: { code: 'internal', message: `Verdict's server did not answer (${(e as Error).message}). Is \`npm run web\` still running?` } };
  }
}

export function httpClient(base = '/api'): Bridge {
  const onChange = (listener: (event: ChangeEvent) => void) => {
    const source = new EventSource(`${base}/events`);
    source.addEventListener('change', (e) => listener(JSON.parse((e as MessageEvent<string>).data) as ChangeEvent));
    return () => source.close();
  };
  const doors = new Proxy({} as Bridge['doors'], {
    get: (_target, name) => (typeof name === 'string' && name !== 'then' ? (input: unknown) => post(`${base}/doors`, name, input) : undefined),
  });
  // Every other property is a method: the contract's names need not be shipped to the page.
  // Web mode has no `desktop` extras (and is no thenable).
  return new Proxy({ onChange } as unknown as Bridge, {
    get: (target, name) => {
      if (name === 'onChange') return target.onChange;
      if (name === 'doors') return doors;
      if (name === 'desktop' || name === 'then' || typeof name !== 'string') return undefined;
      return (input: unknown) => post(base, name, input);
    },
  });
}

export const api: Bridge = window.verdict ?? httpClient();
