// The desktop door: every contract method on ipcMain, each call checked for its sender frame.
import { methodNames } from '../shared/api.ts';
import type { Reply } from '../shared/reply.ts';
import type { Service } from './service.ts';

export const channelOf = (method: string): string => `verdict:${method}`;
export const CHANGE_CHANNEL = 'verdict:change';

/** The parts of Electron's IpcMainInvokeEvent and ipcMain this door uses, so tests can pass fakes. */
export interface InvokeEventLike {
  senderFrame: { url: string } | null;
}
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/**
 * Only our own page may call: the packaged file, or the dev server in development.
 * Electron security checklist item 17: validate the sender of every IPC message.
 */
export function trustedPage(rendererUrl: string): (frameUrl: string) => boolean {
  const expected = new URL(rendererUrl);
  return (frameUrl) => {
    let url: URL;
    try {
      url = new URL(frameUrl);
    } catch {
      return false;
    }
    if (expected.protocol === 'file:') return url.protocol === 'file:' && url.pathname === expected.pathname;
    return url.origin === expected.origin;
  };
}

export function registerIpc(ipcMain: IpcMainLike, service: Service, isTrusted: (frameUrl: string) => boolean): () => void {
  for (const name of methodNames) {
    ipcMain.handle(channelOf(name), (event, raw): Reply<unknown> => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrusted(url)) return { ok: false, error: { code: 'forbidden', message: `Refused a call to ${name} from an untrusted page (${url || 'unknown'}).` } };
      return service.call(name, raw);
    });
  }
  return () => methodNames.forEach((name) => ipcMain.removeHandler(channelOf(name)));
}
