// What only the desktop app adds to the one contract: a native folder picker, and the application menu's commands.
// Web mode has neither; the renderer checks for `desktop` and falls back to a path field and keys.

/** Menu items the renderer carries out (backup, restore and About stay in the main process). */
export const menuCommands = ['new-decision', 'presenter', 'toggle-theme', 'zoom-in', 'zoom-out', 'zoom-reset', 'shortcuts'] as const;
export type MenuCommand = { command: (typeof menuCommands)[number]; template?: string };

export const PICK_FOLDER_CHANNEL = 'verdict-desktop:pick-folder';
export const MENU_CHANNEL = 'verdict-desktop:menu';

export interface Desktop {
  /** The native folder dialog; null when the user cancels. */
  pickFolder(input: { title: string; defaultPath?: string }): Promise<string | null>;
  onMenu(listener: (command: MenuCommand) => void): () => void;
}

/** Checks what crosses from the main process, so a malformed message is dropped instead of acted on. */
export function isMenuCommand(value: unknown): value is MenuCommand {
  if (typeof value !== 'object' || value === null) return false;
  const { command, template } = value as Record<string, unknown>;
  return (menuCommands as readonly unknown[]).includes(command) && (template === undefined || typeof template === 'string');
}
