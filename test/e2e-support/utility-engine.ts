import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { REPO } from './renderer-build';

export type UtilityEngine =
  | { ok: true; appUrl: string; child: ChildProcess; output: () => string; stop(): Promise<void> }
  | { ok: false; failed: { type: 'failed'; code: string; message: string; details?: Record<string, unknown> }; output: string };

/**
 * The built engine entry (out/main/engine.js) under the Node at `nodePath`, in the harness that plays
 * Electron's utilityProcess and serves the built renderer (utility-process-harness.mjs). Resolves once
 * the engine answered `ready` and the page is served, or with what it answered when it failed.
 */
export function startUtilityEngine(nodePath: string, dataDir: string, env: Record<string, string> = {}): Promise<UtilityEngine> {
  const child = spawn(nodePath, [join(REPO, 'test/e2e-support/utility-process-harness.mjs'), REPO, dataDir], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  let output = '';
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      const failed = /^engine: (\{"type":"failed".*)$/m.exec(output)?.[1];
      if (failed) resolve({ ok: false, failed: JSON.parse(failed), output });
      const url = /^Open: (\S+)$/m.exec(output)?.[1];
      if (url) resolve({ ok: true, appUrl: url, child, output: () => output, stop: () => (child.kill('SIGTERM'), exited) });
    });
    child.on('exit', (code) => reject(new Error(`the harness exited (${code}) before the engine answered: ${output}`)));
  });
}
