// Run by test/electron/package.test.ts in a child Node process: starts the packed main module under the stub
// Electron as an installed app would start (Electron's process.versions and resourcesPath), then calls the
// recorded IPC handlers the way the window does and prints what they answered as one JSON line.
import { pathToFileURL } from 'node:url';

const [main, resources, electronVersion, abi] = process.argv.slice(2);
Object.defineProperty(process, 'versions', { value: { ...process.versions, electron: electronVersion, modules: abi } });
process.resourcesPath = resources;

await import(pathToFileURL(main).href);
await new Promise((resolve) => setTimeout(resolve, 200));

const stub = globalThis.electronStub;
const page = stub.windows[0]?.url ?? '';
const call = (method, input, url = page) => stub.handlers.get(`verdict:${method}`)?.({ senderFrame: { url } }, input);
const created = await call('createDecision', { title: 'Opened in the installed app', template: 'django-vs-flask' });
const listed = await call('listDecisions', {});
const stranger = await call('listDecisions', {}, 'https://example.org/');
const permission = (name, url) => stub.permissionCheck?.(null, name, '', { requestingUrl: url });
// The request handler answers through a callback; a webContents stands in for a request that names no URL.
const request = (name, url, pageOfContents = page) =>
  new Promise((resolve) => stub.permissionRequest?.({ getURL: () => pageOfContents }, name, resolve, { requestingUrl: url }) ?? resolve('no handler'));
console.log(
  JSON.stringify({
    errors: stub.errors,
    page,
    window: stub.windows[0]?.options?.webPreferences ?? null,
    channels: stub.handlers.size,
    created,
    listed,
    stranger,
    permissions: { clipboard: permission('clipboard-sanitized-write', page), camera: permission('media', page), elsewhere: permission('clipboard-sanitized-write', 'https://example.org/') },
    requests: {
      clipboard: await request('clipboard-sanitized-write', page),
      camera: await request('media', page),
      geolocation: await request('geolocation', page),
      elsewhere: await request('clipboard-sanitized-write', 'https://example.org/'),
      unnamedFromApp: await request('clipboard-sanitized-write', ''),
      unnamedFromElsewhere: await request('clipboard-sanitized-write', '', 'https://example.org/'),
    },
  }),
);
process.exit(0);
