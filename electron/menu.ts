// The application menu as plain data, so it is tested without Electron; main.ts hands it to Menu.buildFromTemplate.
import type { MenuCommand } from '../shared/desktop.ts';
import { templates } from '../shared/templates/index.ts';

/** The subset of Electron's MenuItemConstructorOptions this menu uses. */
export interface MenuItem {
  label?: string;
  role?: string;
  type?: 'separator' | 'submenu' | 'checkbox';
  accelerator?: string;
  enabled?: boolean;
  click?: () => void;
  submenu?: MenuItem[];
}

export interface MenuActions {
  /** Forwards a command to the focused window's renderer. */
  send(command: MenuCommand): void;
  backup(): void;
  restore(): void;
  about(): void;
  openLogFolder(): void;
  showDatabase(): void;
}

const separator: MenuItem = { type: 'separator' };

export function menuTemplate(actions: MenuActions, { platform, appName, dev }: { platform: NodeJS.Platform; appName: string; dev: boolean }): MenuItem[] {
  const mac = platform === 'darwin';
  const send = (command: MenuCommand['command'], template?: string) => () => actions.send(template === undefined ? { command } : { command, template });
  const about: MenuItem = { label: `About ${appName}`, click: actions.about };

  const file: MenuItem = {
    label: '&File',
    submenu: [
      { label: 'New Decision', accelerator: 'CmdOrCtrl+N', click: send('new-decision', 'blank') },
      {
        label: 'New from Template',
        submenu: templates.filter((t) => t.id !== 'blank').map((t) => ({ label: t.title, click: send('new-decision', t.id) })),
      },
      separator,
      { label: 'Backup Database…', accelerator: 'CmdOrCtrl+Shift+B', click: actions.backup },
      { label: 'Restore Database…', click: actions.restore },
      { label: 'Show Database in Folder', click: actions.showDatabase },
      ...(mac ? [] : [separator, { role: 'quit' }]),
    ],
  };
  const edit: MenuItem = {
    label: '&Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, separator, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  };
  const view: MenuItem = {
    label: '&View',
    submenu: [
      { label: 'Presenter Mode', accelerator: 'F5', click: send('presenter') },
      { label: 'Toggle Theme', accelerator: 'CmdOrCtrl+Shift+L', click: send('toggle-theme') },
      separator,
      { label: 'Zoom In', accelerator: 'CmdOrCtrl+=', click: send('zoom-in') },
      { label: 'Zoom Out', accelerator: 'CmdOrCtrl+-', click: send('zoom-out') },
      { label: 'Actual Size', accelerator: 'CmdOrCtrl+0', click: send('zoom-reset') },
      separator,
      { role: 'togglefullscreen' },
      ...(dev ? [separator, { role: 'reload' }, { role: 'toggleDevTools' }] : []),
    ],
  };
  const help: MenuItem = {
    role: 'help',
    label: '&Help',
    submenu: [{ label: 'Keyboard Shortcuts (?)', click: send('shortcuts') }, { label: 'Open Log Folder', click: actions.openLogFolder }, ...(mac ? [] : [separator, about])],
  };
  const appMenu: MenuItem = {
    label: appName,
    submenu: [about, separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit' }],
  };
  return mac ? [appMenu, file, edit, view, { role: 'windowMenu' }, help] : [file, edit, view, help];
}
