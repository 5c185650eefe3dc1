import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** electron-vite's command-line script (its package exports only `.` and `./package.json`, not `bin/`). */
export function electronViteBin(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
}
