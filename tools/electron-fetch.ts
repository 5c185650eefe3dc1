/**
 * Project step after `npm install` (and before `npm start`): fetches Electron's binary with the
 * `electron` package's own installer. Where it cannot, says so in one line and still succeeds: the
 * CLI, the engine, the tests and browser mode need no Electron binary.
 */
import { ensureElectron } from './electron-binary';

const electron = ensureElectron();
if (electron.ok) console.log(`Electron: ${electron.path}`);
else
  console.log(
    `Không có Electron (${electron.reason}): \`npm start\` sẽ mở ứng dụng ở chế độ trình duyệt. / No Electron: \`npm start\` will open the app in browser mode.`,
  );
