import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export type ElectronBinary = { ok: true; path: string } | { ok: false; reason: string };

/** The Electron binary the `electron` package installed, if it did (its path.txt and the file it names). */
export function installedElectron(): ElectronBinary {
  const pkg = dirname(require.resolve('electron/package.json'));
  const pathTxt = join(pkg, 'path.txt');
  if (!existsSync(pathTxt)) return { ok: false, reason: 'its binary was not downloaded' };
  const path = join(pkg, 'dist', readFileSync(pathTxt, 'utf8').trim());
  return existsSync(path) ? { ok: true, path } : { ok: false, reason: `its binary is missing (${path})` };
}

/**
 * Makes sure Electron's binary is there: runs the `electron` package's own installer, whose
 * postinstall the project skips (package.json allowScripts) so that `npm install` never fails where
 * the binary cannot be downloaded. Answers why not, in one line, rather than throwing.
 */
export function ensureElectron(): ElectronBinary {
  const present = installedElectron();
  if (present.ok) return present;
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return { ok: false, reason: 'ELECTRON_SKIP_BINARY_DOWNLOAD is set' };
  const installer = join(dirname(require.resolve('electron/package.json')), 'install.js');
  try {
    execFileSync(process.execPath, [installer], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 15 * 60_000 });
  } catch (e) {
    const text = `${(e as { stderr?: string }).stderr ?? ''}\n${(e as Error).message}`;
    const cause = /(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET)[^\n]*/.exec(text)?.[0] ?? text.trim().split('\n')[0];
    return { ok: false, reason: `its binary could not be downloaded (${cause})` };
  }
  return installedElectron();
}
