import { app, session } from 'electron';
import { join } from 'node:path';
import { EngineHost } from './engine-host';
import { isAllowedPermission } from './security';
import { createMainWindow } from './window';

const engine = new EngineHost(app.getPath('userData'), app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources'));

app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback) => {
    callback(isAllowedPermission(permission, contents.getURL()));
  });
  engine.start();
  const win = createMainWindow();
  engine.connect(win.webContents);
});

app.on('window-all-closed', () => {
  engine.stop();
  app.quit();
});
