// Smoke test of a packaged SoHoa (release workflow): `node tools/smoke-packaged-app.mjs <executable>`.
// The window opens on the first-run screen of a fresh data folder, the engine answers a call through
// window.sohoa, and the app quits cleanly. Exit code 0 when all three hold.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import console from 'node:console';
import process from 'node:process';
import { _electron as electron } from 'playwright-core';

const executablePath = process.argv[2];
const userData = mkdtempSync(join(tmpdir(), 'sohoa-smoke-'));
const app = await electron.launch({ executablePath, args: [`--user-data-dir=${userData}`], timeout: 120_000 });
const exited = new Promise((resolve) => app.process().on('exit', (code) => resolve(code)));
try {
  const window = await app.firstWindow();
  await window.getByRole('heading', { level: 1, name: 'Tạo tài khoản quản trị' }).waitFor({ timeout: 60_000 });
  const state = await window.evaluate(() => window.sohoa.api['auth.state']({}));
  if (state.hasUsers !== false) throw new Error(`the engine answered ${JSON.stringify(state)}`);
  console.log('smoke: first-run screen shown, engine answered auth.state');
} finally {
  await app.close();
}
const code = await exited;
if (code !== 0) throw new Error(`the app exited with ${code}`);
console.log('smoke: the app quit cleanly');
