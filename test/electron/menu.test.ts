import { describe, expect, it } from 'vitest';
import { menuTemplate, type MenuActions, type MenuItem } from '../../electron/menu.ts';
import type { MenuCommand } from '../../shared/desktop.ts';

function build(platform: NodeJS.Platform, dev = false) {
  const done: string[] = [];
  const sent: MenuCommand[] = [];
  const actions: MenuActions = {
    send: (c) => sent.push(c),
    backup: () => done.push('backup'),
    restore: () => done.push('restore'),
    about: () => done.push('about'),
    openLogFolder: () => done.push('logs'),
    showDatabase: () => done.push('database'),
  };
  const menu = menuTemplate(actions, { platform, appName: 'Verdict', dev });
  const all = (items: MenuItem[]): MenuItem[] => items.flatMap((i) => [i, ...all(i.submenu ?? [])]);
  const find = (label: string) => {
    const item = all(menu).find((i) => i.label === label);
    if (!item) throw new Error(`no menu item "${label}"`);
    return item;
  };
  return { menu, all: all(menu), find, done, sent };
}

describe('the application menu', () => {
  it.each(['linux', 'win32', 'darwin'] as const)('on %s has every item the issue asks for, each doing its job', (platform) => {
    const { find, done, sent, menu } = build(platform);
    find('New Decision').click!();
    find('Django vs Flask').click!();
    find('Presenter Mode').click!();
    find('Toggle Theme').click!();
    find('Zoom In').click!();
    find('Zoom Out').click!();
    find('Actual Size').click!();
    find('Keyboard Shortcuts (?)').click!();
    expect(sent).toEqual([
      { command: 'new-decision', template: 'blank' },
      { command: 'new-decision', template: 'django-vs-flask' },
      { command: 'presenter' },
      { command: 'toggle-theme' },
      { command: 'zoom-in' },
      { command: 'zoom-out' },
      { command: 'zoom-reset' },
      { command: 'shortcuts' },
    ]);
    for (const label of ['Backup Database…', 'Restore Database…', 'About Verdict', 'Open Log Folder', 'Show Database in Folder']) find(label).click!();
    expect(done).toEqual(['backup', 'restore', 'about', 'logs', 'database']);
    expect(menu[0]!.label).toBe(platform === 'darwin' ? 'Verdict' : '&File');
  });

  it('never takes a plain key a user types, and gives no two items the same shortcut', () => {
    for (const platform of ['linux', 'darwin'] as const) {
      const accelerators = build(platform).all.flatMap((i) => (i.accelerator ? [i.accelerator] : []));
      for (const a of accelerators) expect(a, a).toMatch(/^(CmdOrCtrl\+|F\d+$)/);
      expect(new Set(accelerators).size).toBe(accelerators.length);
    }
  });

  it('every item does something: a click, a role or a submenu; developer tools only in development', () => {
    const { all } = build('linux');
    for (const item of all) if (item.type !== 'separator') expect(item.click ?? item.role ?? item.submenu, item.label).toBeDefined();
    expect(all.some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(build('linux', true).all.some((i) => i.role === 'toggleDevTools')).toBe(true);
  });
});
