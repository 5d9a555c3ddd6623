// Where the store lives: --db, then VERDICT_DB, then the desktop app's user-data folder.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'Verdict';

/** The same folder Electron's app.getPath('userData') gives, so the CLI and the app share one store. */
export function userDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  const home = homedir();
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_NAME);
}

export function resolveDbPath(flag?: string, env: NodeJS.ProcessEnv = process.env, dataDir: string = userDataDir()): string {
  if (flag !== undefined && flag !== '') return flag;
  if (env.VERDICT_DB !== undefined && env.VERDICT_DB !== '') return env.VERDICT_DB;
  return join(dataDir, 'verdict.db');
}
