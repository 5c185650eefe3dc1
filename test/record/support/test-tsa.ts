import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestPki } from './test-pki';

/**
 * How the authority answers: with a token (`token`), with HTTP 503 as an authority that is down
 * (`refuse`: its address stays bound, so no other process can take it meanwhile), or with a token
 * whose signature's last byte is changed (`bad-signature`: imprint and nonce right, the signature wrong).
 */
export type TsaAnswer = 'token' | 'refuse' | 'bad-signature';

export interface TestTsa {
  url: string;
  /** Queries answered with a token (good or bad), not those refused. */
  requests: number;
  answer: TsaAnswer;
  close(): Promise<void>;
}

/**
 * An RFC 3161 authority on 127.0.0.1: each query is answered by `openssl ts -reply`. `port`: the one
 * to listen on (an authority stopped and started again at the same address); none: a free one.
 */
export async function startTestTsa(pki: TestPki, options: { port?: number; answer?: TsaAnswer } = {}): Promise<TestTsa> {
  const dir = mkdtempSync(join(tmpdir(), 'sohoa-tsa-'));
  const state = { requests: 0, answer: options.answer ?? ('token' as TsaAnswer) };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (state.answer === 'refuse') {
        res.writeHead(503);
        res.end('down');
        return;
      }
      state.requests++;
      const query = join(dir, `q${state.requests}.tsq`);
      const reply = join(dir, `r${state.requests}.tsr`);
      writeFileSync(query, Buffer.concat(chunks));
      try {
        execFileSync('openssl', ['ts', '-reply', '-config', pki.tsaConfig, '-queryfile', query, '-out', reply], { stdio: 'pipe' });
        res.writeHead(200, { 'content-type': 'application/timestamp-reply' });
        const bytes = readFileSync(reply);
        if (state.answer === 'bad-signature') bytes[bytes.length - 1]! ^= 0x01;
        res.end(bytes);
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
    get answer() {
      return state.answer;
    },
    set answer(answer: TsaAnswer) {
      state.answer = answer;
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
