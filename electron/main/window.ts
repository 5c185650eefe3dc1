import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';
import { APP_ENTRY_URL, webPreferencesFor } from './security';

/** The main window, hardened: isolated, sandboxed, no Node, no DevTools when packaged, served from app://. */
export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    title: 'SoHoa',
    show: false,
    webPreferences: { ...webPreferencesFor(app.isPackaged), preload: join(__dirname, '../preload/index.cjs') },
  });
  win.once('ready-to-show', () => win.show());
  // Navigation, redirects, webviews and new windows are refused for every webContents (hardening.ts).
  void win.loadURL(APP_ENTRY_URL);
  return win;
}
