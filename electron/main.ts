// The Electron shell: one window onto the workshop, the store in the main process, IPC as its door.
// Kept thin: everything it calls (store, doors, menu, window placement, backup) is plain Node code tested without Electron.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, screen, session, shell, type MenuItemConstructorOptions } from 'electron';
import log from 'electron-log/main';
import { MENU_CHANNEL, type MenuCommand } from '../shared/desktop.ts';
import { backupDatabase, restoreDatabase } from './db/backup.ts';
import { resolveDbPath } from './db/location.ts';
import { checkoutNativeRoot, chooseBinding, currentRuntime, useBinding } from './db/driver.ts';
import { loadMigrations } from './db/migrate.ts';
import { CHANGE_CHANNEL, registerDesktopIpc, registerIpc, trustedPage } from './ipc.ts';
import { menuTemplate } from './menu.ts';
import { Doors } from './participants/doors.ts';
import { permissionGate } from './permissions.ts';
import { openService, type Service } from './service.ts';
import { MIN_SIZE, placeWindow, readWindowState, writeWindowState } from './window-state.ts';

log.errorHandler.startCatching();

const migrations = () => loadMigrations(join(app.getAppPath(), 'migrations'));
const dbPath = () => resolveDbPath(undefined, process.env, app.getPath('userData'));
const windowStateFile = () => join(app.getPath('userData'), 'window-state.json');
const rendererUrl = () => process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href;
const isTrusted = trustedPage(rendererUrl());
const allowPermission = permissionGate(isTrusted);
// better-sqlite3 built for this Electron: prepared by `npm start` in a checkout, shipped in resources/native by the installers.
const nativeRoot = () => (app.isPackaged ? join(process.resourcesPath, 'native') : checkoutNativeRoot(app.getAppPath()));

let service: Service | undefined;
let doors: Doors | undefined;
let disposeIpc: (() => void) | undefined;

/** Opens the store and puts its door on ipcMain; called again after a restore. */
function startService(): void {
  service = openService(dbPath(), { actor: 'desktop', migrations: migrations(), onInternal: (e) => log.error('internal error', e) });
  if (service.backup) log.info(`upgraded the database; the previous version is at ${service.backup}`);
  // Participants' devices are served the same page the window shows.
  doors = new Doors(service, { staticDir: join(import.meta.dirname, '../renderer') });
  disposeIpc = registerIpc(ipcMain, service, isTrusted, doors);
  service.feed.subscribe((event) => {
    for (const win of BrowserWindow.getAllWindows()) win.webContents.send(CHANGE_CHANNEL, event);
  });
  service.feed.start();
}

function stopService(): void {
  disposeIpc?.();
  disposeIpc = undefined;
  void doors?.closeAll();
  doors = undefined;
  service?.close();
  service = undefined;
}

function createWindow(): BrowserWindow {
  const place = placeWindow(
    readWindowState(windowStateFile()),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new BrowserWindow({
    x: place.x,
    y: place.y,
    width: place.width,
    height: place.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Verdict',
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      // Middle-click must not open links inside the app.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => {
    if (place.maximized) win.maximize();
    if (place.fullScreen) win.setFullScreen(true);
    win.show();
  });
  win.on('close', () => {
    try {
      writeWindowState(windowStateFile(), { bounds: win.getNormalBounds(), maximized: win.isMaximized(), fullScreen: win.isFullScreen() });
    } catch (e) {
      log.warn('could not save the window state', e);
    }
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Links in evidence notes open in the system browser, and only web links.
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

const focused = () => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
const stamp = () => new Date().toISOString().slice(0, 10);

async function backup(): Promise<void> {
  const win = focused();
  if (!service || !win) return;
  const { canceled, filePath } = await dialog.showSaveDialog(win, {
    title: 'Backup database',
    defaultPath: join(app.getPath('documents'), `verdict-backup-${stamp()}.verdict`),
    filters: [{ name: 'Verdict backup', extensions: ['verdict'] }],
  });
  if (canceled || !filePath) return;
  try {
    const info = await backupDatabase(service.ctx.db, filePath, migrations());
    log.info(`backup written to ${info.path}`);
    await dialog.showMessageBox(win, { type: 'info', message: 'Backup written', detail: `${info.decisions} decisions saved to ${info.path}.` });
  } catch (e) {
    log.error('backup failed', e);
    dialog.showErrorBox('The backup was not written', (e as Error).message);
  }
}

async function restore(): Promise<void> {
  const win = focused();
  if (!win) return;
  const { canceled, filePaths } = await dialog.showOpenDialog(win, {
    title: 'Restore database',
    properties: ['openFile'],
    filters: [
      { name: 'Verdict backup', extensions: ['verdict', 'db', 'bak'] },
      { name: 'All files', extensions: ['*'] },
    ],
  });
  const chosen = filePaths[0];
  if (canceled || !chosen) return;
  const { response } = await dialog.showMessageBox(win, {
    type: 'warning',
    buttons: ['Restore', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    message: 'Replace every decision with the backup?',
    detail: `${chosen} will replace the current database. The current one is kept beside it first.`,
  });
  if (response !== 0) return;
  stopService();
  try {
    const r = await restoreDatabase(dbPath(), chosen, { migrations: migrations() });
    log.info(`restored ${chosen}; previous database kept at ${r.keptAt}`);
    startService();
    for (const w of BrowserWindow.getAllWindows()) w.webContents.reload();
    await dialog.showMessageBox(win, { type: 'info', message: 'Database restored', detail: `${r.decisions} decisions restored.${r.keptAt ? `\nThe previous database is kept at ${r.keptAt}.` : ''}` });
  } catch (e) {
    log.error('restore failed', e);
    if (!service) startService();
    dialog.showErrorBox('Nothing was restored', (e as Error).message);
  }
}

function installMenu(): void {
  const template = menuTemplate(
    {
      send: (command: MenuCommand) => focused()?.webContents.send(MENU_CHANNEL, command),
      backup: () => void backup(),
      restore: () => void restore(),
      about: () =>
        void dialog.showMessageBox({
          type: 'info',
          title: 'About Verdict',
          message: `Verdict ${app.getVersion()}`,
          detail: `Architecture decisions made together.\n\nDatabase: ${dbPath()}\nLogs: ${app.getPath('logs')}\nElectron ${process.versions.electron}, Node ${process.versions.node}`,
        }),
      openLogFolder: () => void shell.openPath(app.getPath('logs')),
      showDatabase: () => shell.showItemInFolder(dbPath()),
    },
    { platform: process.platform, appName: app.getName(), dev: !app.isPackaged },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template as MenuItemConstructorOptions[]));
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  void app.whenReady().then(() => {
    log.info(`Verdict ${app.getVersion()} starting; database ${dbPath()}`);
    session.defaultSession.setPermissionRequestHandler((wc, permission, callback, details) => callback(allowPermission(permission, details.requestingUrl || wc.getURL())));
    session.defaultSession.setPermissionCheckHandler((wc, permission, _origin, details) => allowPermission(permission, details.requestingUrl || wc?.getURL()));
    try {
      useBinding(chooseBinding(currentRuntime(), nativeRoot()), { electron: process.versions.electron, installed: app.isPackaged });
      startService();
    } catch (e) {
      log.error('could not open the database', e);
      dialog.showErrorBox('Verdict could not open its database', (e as Error).message);
      app.exit(1);
      return;
    }
    registerDesktopIpc(ipcMain, isTrusted, async ({ title, defaultPath }) => {
      const win = focused();
      const options = { title, defaultPath, properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[] };
      const { canceled, filePaths } = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return canceled ? null : (filePaths[0] ?? null);
    });
    installMenu();
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // The store is closed (checkpointing its journal) only after every window has saved its state.
  app.on('will-quit', () => {
    stopService();
    log.info('Verdict closed cleanly');
  });
}
