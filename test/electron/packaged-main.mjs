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
  }),
);
process.exit(0);
