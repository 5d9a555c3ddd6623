// The desktop door: every contract method on ipcMain, each call checked for its sender frame.
import { z } from 'zod';
import { methodNames } from '../shared/api.ts';
import { PICK_FOLDER_CHANNEL } from '../shared/desktop.ts';
import { doorsMethodNames } from '../shared/doors.ts';
import type { Doors } from './participants/doors.ts';
import { invalidInput, type Reply } from '../shared/reply.ts';
import type { Service } from './service.ts';

export const channelOf = (method: string): string => `verdict:${method}`;
export const doorsChannelOf = (method: string): string => `verdict-doors:${method}`;
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

const refusal = (what: string, url: string): Reply<never> => ({ ok: false, error: { code: 'forbidden', message: `Refused a call to ${what} from an untrusted page (${url || 'unknown'}).` } });

export function registerIpc(ipcMain: IpcMainLike, service: Service, isTrusted: (frameUrl: string) => boolean, doors?: Doors): () => void {
  for (const name of methodNames) {
    ipcMain.handle(channelOf(name), (event, raw): Reply<unknown> => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrusted(url)) return refusal(name, url);
      return service.call(name, raw);
    });
  }
  const doorNames = doors ? doorsMethodNames : [];
  for (const name of doorNames) {
    ipcMain.handle(doorsChannelOf(name), async (event, raw): Promise<Reply<unknown>> => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrusted(url)) return refusal(name, url);
      return doors!.call(name, raw);
    });
  }
  return () => {
    methodNames.forEach((name) => ipcMain.removeHandler(channelOf(name)));
    doorNames.forEach((name) => ipcMain.removeHandler(doorsChannelOf(name)));
  };
}

const PickFolderInput = z.strictObject({ title: z.string().min(1).max(200), defaultPath: z.string().max(4096).optional() });
export type PickFolderInput = z.infer<typeof PickFolderInput>;

/** The desktop-only door: the native folder dialog, with the same sender check and input validation. */
export function registerDesktopIpc(ipcMain: IpcMainLike, isTrusted: (frameUrl: string) => boolean, pickFolder: (input: PickFolderInput) => Promise<string | null>): () => void {
  ipcMain.handle(PICK_FOLDER_CHANNEL, async (event, raw): Promise<Reply<string | null>> => {
    const url = event.senderFrame?.url ?? '';
    if (!isTrusted(url)) return refusal('pickFolder', url);
    const input = PickFolderInput.safeParse(raw);
    if (!input.success) return { ok: false, error: invalidInput(input.error) };
    return { ok: true, value: await pickFolder(input.data) };
  });
  return () => ipcMain.removeHandler(PICK_FOLDER_CHANNEL);
}
