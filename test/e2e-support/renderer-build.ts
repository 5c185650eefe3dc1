import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const RENDERER_DIR = `${REPO}out/renderer`;

/** `npm test` builds first; a lone `vitest run test/e2e` builds here when the renderer is missing. */
export function ensureRendererBuilt(): string {
  if (!existsSync(`${RENDERER_DIR}/index.html`)) execSync('npx electron-vite build', { cwd: REPO, stdio: 'ignore' });
  return RENDERER_DIR;
}
