// The window's permission handlers: the app's own page may write to the clipboard; nothing else is granted to anyone.
import { describe, expect, it } from 'vitest';
import { trustedPage } from '../../electron/ipc.ts';
import { permissionGate } from '../../electron/permissions.ts';

const packaged = 'file:///opt/Verdict/resources/app.asar/out/renderer/index.html';
const dev = 'http://localhost:5173/';

describe('permissions in the window', () => {
  const permissions = ['clipboard-sanitized-write', 'clipboard-read', 'media', 'geolocation', 'notifications', 'openExternal', 'fullscreen', 'unknown'];
  const origins: [string, string, string | undefined, boolean][] = [
    ['the packaged page', packaged, packaged, true],
    ['the packaged page with a hash route', packaged, `${packaged}#/decisions/3`, true],
    ['another file', packaged, 'file:///etc/passwd', false],
    ['another file in the app', packaged, 'file:///opt/Verdict/resources/app.asar/out/renderer/other.html', false],
    ['a web page', packaged, 'https://example.org/', false],
    ['the dev server', dev, 'http://localhost:5173/index.html', true],
    ['another port', dev, 'http://localhost:5174/', false],
    ['no page at all', packaged, undefined, false],
    ['an empty URL', packaged, '', false],
  ];

  for (const [name, page, url, trusted] of origins) {
    for (const permission of permissions) {
      const expected = trusted && permission === 'clipboard-sanitized-write';
      it(`${permission} from ${name}: ${expected ? 'granted' : 'refused'}`, () => {
        expect(permissionGate(trustedPage(page))(permission, url)).toBe(expected);
      });
    }
  }
});
