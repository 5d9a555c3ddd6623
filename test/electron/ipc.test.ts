import { describe, expect, it } from 'vitest';
import { methodNames } from '../../shared/api.ts';
import { createBridge, type IpcRendererLike } from '../../electron/bridge.ts';
import { CHANGE_CHANNEL, channelOf, doorsChannelOf, registerDesktopIpc, registerIpc, trustedPage, type InvokeEventLike, type IpcMainLike } from '../../electron/ipc.ts';
import { Doors } from '../../electron/participants/doors.ts';
import { doorsMethodNames } from '../../shared/doors.ts';
import { MENU_CHANNEL, PICK_FOLDER_CHANNEL } from '../../shared/desktop.ts';
import { openTestService } from '../helpers.ts';

type Listener = (event: InvokeEventLike, ...args: unknown[]) => unknown;

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => void handlers.delete(channel),
  };
  return { ipcMain, handlers };
}

const PAGE = 'file:///opt/Verdict/resources/app.asar/out/renderer/index.html';

describe('the desktop IPC door', () => {
  it('registers every contract method, and removes them again', () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const dispose = registerIpc(ipcMain, openTestService(), trustedPage(PAGE));
    expect([...handlers.keys()].sort()).toEqual(methodNames.map(channelOf).sort());
    dispose();
    expect(handlers.size).toBe(0);
  });

  it('answers our own page and refuses any other frame, writing nothing', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const service = openTestService();
    registerIpc(ipcMain, service, trustedPage(PAGE));
    const create = handlers.get(channelOf('createDecision'))!;
    expect(await create({ senderFrame: { url: PAGE } }, { title: 'From the window' })).toMatchObject({ ok: true, value: { title: 'From the window' } });
    for (const url of ['https://evil.example/', 'file:///tmp/evil.html', 'devtools://x', '', 'not a url']) {
      expect(await create({ senderFrame: { url } }, { title: 'pwned' }), url).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await create({ senderFrame: null }, { title: 'pwned' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(service.call('listDecisions', {})).toMatchObject({ ok: true, value: [{ title: 'From the window' }] });
  });

  it('trusts the dev server by origin in development', () => {
    const trusted = trustedPage('http://localhost:5173/');
    expect(trusted('http://localhost:5173/decisions/1')).toBe(true);
    expect(trusted('http://localhost:5174/')).toBe(false);
  });

  it('refuses bad input with the field at fault', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    registerIpc(ipcMain, openTestService(), trustedPage(PAGE));
    const reply = await handlers.get(channelOf('castScore'))!({ senderFrame: { url: PAGE } }, { decisionId: 'one' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'decisionId' } });
  });
});

describe('the doors controls over IPC', () => {
  it('registers every doors method with the same sender check, and the bridge calls them on their channels', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const service = openTestService();
    const dispose = registerIpc(ipcMain, service, trustedPage(PAGE), new Doors(service));
    for (const name of doorsMethodNames) expect(handlers.has(doorsChannelOf(name)), name).toBe(true);
    const addresses = handlers.get(doorsChannelOf('networkAddresses'))!;
    expect(await addresses({ senderFrame: { url: PAGE } }, {})).toMatchObject({ ok: true, value: expect.arrayContaining([expect.objectContaining({ address: '127.0.0.1' })]) });
    expect(await addresses({ senderFrame: { url: 'https://evil.example/' } }, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await handlers.get(doorsChannelOf('openDoors'))!({ senderFrame: { url: PAGE } }, { decisionId: 'x' })).toMatchObject({ ok: false, error: { field: 'decisionId' } });
    dispose();
    expect(handlers.size).toBe(0);
    const calls: [string, unknown[]][] = [];
    const bridge = createBridge({ invoke: async (channel, ...args) => (calls.push([channel, args]), { ok: true, value: null }), on: () => {}, removeListener: () => {} });
    await bridge.doors.doorsState({ decisionId: 4 });
    expect(calls).toEqual([[doorsChannelOf('doorsState'), [{ decisionId: 4 }]]]);
  });
});

describe('the desktop-only door', () => {
  it('opens the folder dialog only for our own page and with a valid request', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const asked: unknown[] = [];
    const dispose = registerDesktopIpc(ipcMain, trustedPage(PAGE), async (input) => (asked.push(input), input.title === 'cancel' ? null : '/home/ana/billing'));
    const pick = handlers.get(PICK_FOLDER_CHANNEL)!;
    expect(await pick({ senderFrame: { url: PAGE } }, { title: 'Choose the repository', defaultPath: '/home/ana' })).toEqual({ ok: true, value: '/home/ana/billing' });
    expect(await pick({ senderFrame: { url: PAGE } }, { title: 'cancel' })).toEqual({ ok: true, value: null });
    expect(await pick({ senderFrame: { url: 'https://evil.example/' } }, { title: 'x' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await pick({ senderFrame: { url: PAGE } }, { title: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'title' } });
    expect(await pick({ senderFrame: { url: PAGE } }, { title: 'x', extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await pick({ senderFrame: { url: PAGE } }, 'x')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(asked).toHaveLength(2);
    dispose();
    expect(handlers.size).toBe(0);
  });
});

describe('the preload bridge', () => {
  function fakeIpcRenderer() {
    const calls: [string, unknown[]][] = [];
    const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
    const ipc: IpcRendererLike = {
      invoke: async (channel, ...args) => {
        calls.push([channel, args]);
        return { ok: true, value: channel };
      },
      on: (channel, l) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(l)),
      removeListener: (channel, l) => listeners.get(channel)?.delete(l),
    };
    return { ipc, calls, listeners };
  }

  it('exposes exactly the contract’s methods, onChange and the desktop extras, never ipcRenderer', () => {
    const bridge = createBridge(fakeIpcRenderer().ipc);
    expect(Object.keys(bridge).sort()).toEqual([...methodNames, 'desktop', 'doors', 'onChange'].sort());
    const { desktop, doors, ...rest } = bridge;
    expect(Object.values(rest).every((v) => typeof v === 'function')).toBe(true);
    expect(Object.keys(desktop!).sort()).toEqual(['onMenu', 'pickFolder']);
    expect(Object.keys(doors).sort()).toEqual([...doorsMethodNames].sort());
  });

  it('asks for a folder on the desktop channel and hands back the answer, or the refusal as an error', async () => {
    const { ipc, calls } = fakeIpcRenderer();
    ipc.invoke = async (channel, ...args) => {
      calls.push([channel, args]);
      return (args[0] as { title: string }).title === 'bad' ? { ok: false, error: { code: 'invalid_input', message: 'no' } } : { ok: true, value: '/home/ana/repo' };
    };
    const bridge = createBridge(ipc);
    expect(await bridge.desktop!.pickFolder({ title: 'Choose' })).toBe('/home/ana/repo');
    expect(calls).toEqual([[PICK_FOLDER_CHANNEL, [{ title: 'Choose' }]]]);
    await expect(bridge.desktop!.pickFolder({ title: 'bad' })).rejects.toThrow('no');
  });

  it('passes on well-formed menu commands only, and unsubscribes', () => {
    const { ipc, listeners } = fakeIpcRenderer();
    const seen: unknown[] = [];
    const off = createBridge(ipc).desktop!.onMenu((c) => seen.push(c));
    const send = (m: unknown) => listeners.get(MENU_CHANNEL)!.forEach((l) => l({}, m));
    for (const m of [{ command: 'presenter' }, { command: 'new-decision', template: 'django-vs-flask' }, { command: 'rm -rf' }, 'presenter', null, { command: 'zoom-in', template: 3 }]) send(m);
    expect(seen).toEqual([{ command: 'presenter' }, { command: 'new-decision', template: 'django-vs-flask' }]);
    off();
    expect(listeners.get(MENU_CHANNEL)!.size).toBe(0);
  });

  it('sends only the input on the method’s channel', async () => {
    const { ipc, calls } = fakeIpcRenderer();
    const bridge = createBridge(ipc);
    await bridge.getDecision({ decisionId: 3 });
    expect(calls).toEqual([[channelOf('getDecision'), [{ decisionId: 3 }]]]);
  });

  it('hands change events to the listener without the IPC event, and unsubscribes', () => {
    const { ipc, listeners } = fakeIpcRenderer();
    const seen: unknown[] = [];
    const off = createBridge(ipc).onChange((e) => seen.push(e));
    const change = { id: 1, decisionId: 1, at: 'now', actor: 'cli', type: 'decision_created', data: {} };
    for (const l of listeners.get(CHANGE_CHANNEL)!) l({ sender: 'secret' }, change);
    expect(seen).toEqual([change]);
    off();
    expect(listeners.get(CHANGE_CHANNEL)!.size).toBe(0);
  });
});
