import os from 'node:os';
import path from 'node:path';

export const APP_ID = 'seller-erp';

/** Where the DB lives when not run inside Electron (CLI): ERP_DATA_DIR, else the OS's per-user app data folder. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ERP_DATA_DIR) return path.resolve(env.ERP_DATA_DIR);
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_ID);
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_ID);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_ID);
}

export function osActorName(prefix = ''): string {
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    // Some sandboxes have no passwd entry; the audit log still records the change.
  }
  return `${prefix}${user}`;
}
