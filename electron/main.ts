// The Electron shell: one window onto the workshop, the store in the main process, IPC as its door.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import { loadMigrations } from './db/migrate.ts';
import { CHANGE_CHANNEL, registerIpc, trustedPage } from './ipc.ts';
import { openService, type Service } from './service.ts';
import { resolveDbPath } from './db/location.ts';

let service: Service | undefined;

function rendererUrl(): string {
  return process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href;
}

function createWindow(isTrusted: (url: string) => boolean): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    title: 'Verdict',
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//i.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isTrusted(url)) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  void win.loadURL(rendererUrl());
  return win;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  void app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    const file = resolveDbPath(undefined, process.env, app.getPath('userData'));
    service = openService(file, { actor: 'desktop', migrations: loadMigrations(join(app.getAppPath(), 'migrations')) });
    const isTrusted = trustedPage(rendererUrl());
    registerIpc(ipcMain, service, isTrusted);
    service.feed.subscribe((event) => {
      for (const win of BrowserWindow.getAllWindows()) win.webContents.send(CHANGE_CHANNEL, event);
    });
    service.feed.start();
    createWindow(isTrusted);
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow(isTrusted);
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => service?.close());
}
