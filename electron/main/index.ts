import { app, session } from 'electron';
import { join } from 'node:path';
import { EngineHost } from './engine-host';
import { createMainWindow } from './window';

const engine = new EngineHost(app.getPath('userData'), app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources'));

app.whenReady().then(() => {
  // The camera is the only permission the app asks for, and only for its own pages.
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback) => {
    callback(permission === 'media' && contents.getURL().startsWith('file://'));
  });
  engine.start();
  const win = createMainWindow();
  engine.connect(win.webContents);
});

app.on('window-all-closed', () => {
  engine.stop();
  app.quit();
});
