// What the preload exposes as window.verdict: one function per contract method, change events, and the desktop extras.
// Built here (without electron) so it is tested with fakes; the preload only passes ipcRenderer in.
import { methodNames, type Bridge, type ChangeEvent } from '../shared/api.ts';
import { isMenuCommand, MENU_CHANNEL, PICK_FOLDER_CHANNEL, type Desktop, type MenuCommand } from '../shared/desktop.ts';
import type { Reply } from '../shared/reply.ts';
import { doorsMethodNames } from '../shared/doors.ts';
import { CHANGE_CHANNEL, channelOf, doorsChannelOf } from './ipc.ts';

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function createBridge(ipc: IpcRendererLike): Bridge {
  const bridge: Record<string, unknown> = {};
  // Only the input crosses: the renderer never gets ipcRenderer or the event object.
  for (const name of methodNames) bridge[name] = (input: unknown) => ipc.invoke(channelOf(name), input);
  const subscribe = (channel: string, listener: (message: unknown) => void) => {
    const wrapped = (_event: unknown, message: unknown) => listener(message);
    ipc.on(channel, wrapped);
    return () => void ipc.removeListener(channel, wrapped);
  };
  bridge.onChange = (listener: (event: ChangeEvent) => void) => subscribe(CHANGE_CHANNEL, (m) => listener(m as ChangeEvent));
  const desktop: Desktop = {
    async pickFolder(input) {
      const reply = (await ipc.invoke(PICK_FOLDER_CHANNEL, input)) as Reply<string | null>;
      if (!reply.ok) throw new Error(reply.error.message);
      return reply.value;
    },
    onMenu: (listener: (command: MenuCommand) => void) => subscribe(MENU_CHANNEL, (m) => isMenuCommand(m) && listener(m)),
  };
  bridge.desktop = desktop;
  const doors: Record<string, unknown> = {};
  for (const name of doorsMethodNames) doors[name] = (input: unknown) => ipc.invoke(doorsChannelOf(name), input);
  bridge.doors = doors;
  return bridge as Bridge;
}
