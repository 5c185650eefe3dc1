import { BrowserWindow, shell } from 'electron';
import { join } from 'node:path';
import { SECURE_WEB_PREFERENCES } from './security';

/** The main window, hardened: isolated, sandboxed, no Node, no navigation away, no new windows. */
export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    title: 'SoHoa',
    show: false,
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: join(__dirname, '../preload/index.cjs') },
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  void win.loadFile(join(__dirname, '../renderer/index.html'));
  return win;
}
