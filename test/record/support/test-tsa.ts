import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestPki } from './test-pki';

export interface TestTsa {
  url: string;
  requests: number;
  close(): Promise<void>;
}

/**
 * An RFC 3161 authority on 127.0.0.1: each query is answered by `openssl ts -reply`. `port`: the one
 * to listen on (an authority stopped and started again at the same address); none: a free one.
 */
export async function startTestTsa(pki: TestPki, options: { port?: number } = {}): Promise<TestTsa> {
  const dir = mkdtempSync(join(tmpdir(), 'sohoa-tsa-'));
  const state = { requests: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.requests++;
      const query = join(dir, `q${state.requests}.tsq`);
      const reply = join(dir, `r${state.requests}.tsr`);
      writeFileSync(query, Buffer.concat(chunks));
      try {
        execFileSync('openssl', ['ts', '-reply', '-config', pki.tsaConfig, '-queryfile', query, '-out', reply], { stdio: 'pipe' });
        res.writeHead(200, { 'content-type': 'application/timestamp-reply' });
        res.end(readFileSync(reply));
      } catch (e) {
        res.writeHead(500);
        res.end(String(e));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    get requests() {
      return state.requests;
    },
    close: () =>
      new Promise<void>((resolve) =>
        server.close(() => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        }),
      ),
  };
}
