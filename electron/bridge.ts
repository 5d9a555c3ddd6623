// What the preload exposes as window.verdict: one function per contract method, and change events.
// Built here (without electron) so it is tested with fakes; the preload only passes ipcRenderer in.
import { methodNames, type Bridge, type ChangeEvent } from '../shared/api.ts';
import { CHANGE_CHANNEL, channelOf } from './ipc.ts';

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function createBridge(ipc: IpcRendererLike): Bridge {
  const bridge: Record<string, unknown> = {};
  // Only the input crosses: the renderer never gets ipcRenderer or the event object.
  for (const name of methodNames) bridge[name] = (input: unknown) => ipc.invoke(channelOf(name), input);
  bridge.onChange = (listener: (event: ChangeEvent) => void) => {
    const wrapped = (_event: unknown, change: unknown) => listener(change as ChangeEvent);
    ipc.on(CHANGE_CHANNEL, wrapped);
    return () => void ipc.removeListener(CHANGE_CHANNEL, wrapped);
  };
  return bridge as Bridge;
}
