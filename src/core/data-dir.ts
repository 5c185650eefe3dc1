import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the store lives: an explicit directory (--data-dir), else SOHOA_DATA_DIR, else the
 * per-user default (Electron passes its userData path explicitly).
 */
export function resolveDataDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return explicit;
  if (env.SOHOA_DATA_DIR) return env.SOHOA_DATA_DIR;
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'SoHoa');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'sohoa');
}
