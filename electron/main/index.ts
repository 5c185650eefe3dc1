import { app } from 'electron';
import { join } from 'node:path';
import { EngineHost } from './engine-host';
import { installHardening, registerAppScheme } from './hardening';
import { createMainWindow } from './window';

registerAppScheme();

const engine = new EngineHost(
  app.getPath('userData'),
  app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources'),
);

app.whenReady().then(() => {
  installHardening(join(__dirname, '../renderer'));
  engine.start();
  const win = createMainWindow();
  engine.connect(win.webContents);
});

app.on('window-all-closed', () => {
  engine.stop();
  app.quit();
});
