/**
 * `npm start`: builds the app, fetches Electron's binary if needed, builds the native modules for
 * Electron's ABI, then opens the window. Where Electron is missing or cannot start, one line in
 * Vietnamese and English says so and the same app is served in browser mode (as `npm run dev:web`),
 * printing the address. It never ends in a stack trace.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ensureElectron } from './electron-binary';
import { electronViteBin } from './electron-vite-bin';

const require = createRequire(import.meta.url);
const REPO = fileURLToPath(new URL('..', import.meta.url));
/** A window that closes with an error sooner than this after the start could not start. */
const START_GRACE_MS = 10_000;

function step(script: string, args: string[]): string | undefined {
  try {
    execFileSync(process.execPath, [require.resolve('tsx/cli'), script, ...args], {
      cwd: REPO,
      stdio: ['ignore', 'inherit', 'pipe'],
      encoding: 'utf8',
    });
    return undefined;
  } catch (e) {
    return ((e as { stderr?: string }).stderr ?? (e as Error).message).trim().split('\n').pop();
  }
}

function build(): void {
  try {
    execFileSync(process.execPath, [electronViteBin(), 'build'], { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  } catch (e) {
    const reason = ((e as { stderr?: string }).stderr ?? '').trim().split('\n')[0] || (e as Error).message.split('\n')[0];
    console.error(`Không dựng được ứng dụng / The app could not be built: ${reason}`);
    process.exit(1);
  }
}

let served = false;
function browserMode(reason: string): void {
  if (served) return;
  served = true;
  console.log(
    `Không mở được cửa sổ Electron: ứng dụng chạy ở chế độ trình duyệt. / Electron cannot open a window here (${reason}): serving the app in browser mode.`,
  );
  const web = spawn(process.execPath, [require.resolve('tsx/cli'), 'src/cli/dev-web.ts', ...passedOn], { cwd: REPO, stdio: 'inherit' });
  web.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => web.kill(signal));
}

function headless(): boolean {
  return process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
}

// `--no-build` serves the app already in out/ (the tests use it: a rebuild would empty out/ under other tests).
const noBuild = process.argv.includes('--no-build');
const passedOn = process.argv.slice(2).filter((a) => a !== '--no-build');

function main(): void {
  if (!noBuild) build();
  const electron = ensureElectron();
  if (!electron.ok) return browserMode(`Electron: ${electron.reason}`);
  if (headless()) return browserMode('no display: DISPLAY and WAYLAND_DISPLAY are unset');
  const native = step('tools/native-build.ts', ['--electron']);
  if (native) return browserMode(native);
  const startedAt = Date.now();
  let stderr = '';
  const app = spawn(electron.path, ['.', ...passedOn], { cwd: REPO, stdio: ['ignore', 'inherit', 'pipe'] });
  app.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    process.stderr.write(d);
  });
  app.on('error', (e) => browserMode(`Electron: ${e.message}`));
  app.on('exit', (code, signal) => {
    if (served) return;
    if (code !== 0 && !signal && Date.now() - startedAt < START_GRACE_MS)
      return browserMode(`Electron exited with ${code}: ${stderr.trim().split('\n').pop() ?? ''}`);
    process.exit(code ?? 0);
  });
}

main();
