import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createPool, migrateHub } from '../../../src/hub/hub-database';
import { buildHub, type Hub, type HubOptions } from '../../../src/hub/hub-server';
import { PadesRecordVerifier } from '../../../src/hub/pades-record-verifier';
import { TEST_CA_CERT, testTrustAnchors } from '../../record/support/test-pki';

export const REPO = fileURLToPath(new URL('../../..', import.meta.url));

export interface TestHub {
  url: string;
  hub: Hub;
  close(): Promise<void>;
}

/** The hub in this process, on 127.0.0.1 and a free port, with the real PAdES verifier trusting the test CA. */
export async function startTestHub(databaseUrl: string, blobsDir: string, options: Partial<HubOptions> = {}, port = 0): Promise<TestHub> {
  const pool = createPool(databaseUrl);
  await migrateHub(pool);
  const hub = await buildHub({ pool, blobsDir, verifier: new PadesRecordVerifier(testTrustAnchors()), ...options });
  await hub.app.listen({ host: '127.0.0.1', port });
  const address = hub.app.server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${actual}`,
    hub,
    async close() {
      await hub.close();
      await pool.end();
    },
  };
}

export interface HubProcess {
  url: string;
  child: ChildProcess;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** The hub as a child process (`node --import tsx src/hub/main.ts`), as an operator runs it; it trusts the test CA unless `extra` says --trust. */
export async function spawnHub(databaseUrl: string, blobsDir: string, port: number, extra: string[] = []): Promise<HubProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/hub/main.ts',
      '--db',
      databaseUrl,
      '--blobs',
      blobsDir,
      '--port',
      String(port),
      '--quiet',
      ...(extra.includes('--trust') ? [] : ['--trust', TEST_CA_CERT]),
      ...extra,
    ],
    {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const m = /hub listening on (\S+)/.exec(stderr);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`hub exited with ${code}: ${stderr}`)));
  });
  return {
    url,
    child,
    kill: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}
