import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { REPO } from './renderer-build';

export interface EngineChild {
  appUrl: string;
  child: ChildProcess;
  /** SIGKILL, as when the machine loses power or the window's process is killed: nothing gets to clean up. */
  kill(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** The engine in a process of its own (`npm run dev:web`), on a data directory and a fixed port, so a test can kill it. */
export function startEngineChild(dataDir: string, port: number): Promise<EngineChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/dev-web.ts', '--data-dir', dataDir], {
    cwd: REPO,
    env: { ...process.env, SOHOA_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /Open: (\S+)/.exec(out)?.[1];
      if (url) resolve({ appUrl: url, child, kill: () => (child.kill('SIGKILL'), exited) });
    });
    child.on('exit', (code) => reject(new Error(`engine exited (${code}) before serving: ${stderr}`)));
  });
}
