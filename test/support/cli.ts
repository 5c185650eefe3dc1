import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the real `sohoa` command line in a child process. */
export function runSohoa(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [`${REPO}/bin/sohoa.mjs`, ...args], {
    cwd: REPO,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
