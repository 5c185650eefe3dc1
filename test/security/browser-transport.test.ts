import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect as connectTcp } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Engine } from '../../src/core/engine';
import { startWsServer, type RunningWsServer } from '../../src/core/transport/ws-server';
import { tempDir } from '../support/temp-dir';

/** The browser mode as someone else on the machine, or a web page in another tab, would reach it. */
describe('the browser transport from outside', () => {
  const dir = tempDir();
  const site = join(dir.path, 'site');
  let engine: Engine;
  let server: RunningWsServer;

  beforeAll(async () => {
    engine = Engine.open({ dataDir: join(dir.path, 'data') });
    mkdirSync(site);
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>SoHoa</title>');
    server = await startWsServer({ engine, staticDir: site });
  });
  afterAll(async () => {
    await server.close();
    await engine.close();
    dir.remove();
  });

  const status = (path: string) =>
    new Promise<number>((resolve, reject) => {
      const req = request(`${server.url}${path}`, { timeout: 5_000 }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('timeout', () => req.destroy(new Error(`no answer for ${path}`)));
      req.on('error', reject).end();
    });

  /** A request line as written, which an HTTP client library would refuse to send. */
  const rawStatus = (target: string) =>
    new Promise<string>((resolve, reject) => {
      const socket = connectTcp(Number(new URL(server.url).port), '127.0.0.1');
      let reply = '';
      socket.on('data', (d) => (reply += String(d)));
      socket.on('end', () => resolve(reply.split('\r\n')[0]!));
      socket.on('error', reject);
      socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    });

  it('answers a malformed URL with 400 and keeps serving', async () => {
    expect(await status('/%E0%A4%A')).toBe(400);
    expect(await status('/%')).toBe(400);
    expect(await rawStatus('//')).toMatch(/^HTTP\/1\.1 400/);
    expect(await status('/')).toBe(200);
    expect(await status('/../data/sohoa.db')).toBe(404);
  });

  const handshake = (url: string, headers: Record<string, string> = {}) =>
    new Promise<number | 'open'>((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      ws.on('open', () => {
        ws.close();
        resolve('open');
      });
      ws.on('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        ws.terminate();
      });
      ws.on('error', reject);
    });

  it('upgrades a WebSocket only from the served page, by Origin and Host, even with the secret', async () => {
    const port = new URL(server.url).port;
    expect(await handshake(server.wsUrl, { Origin: 'http://evil.example' })).toBe(403);
    expect(await handshake(server.wsUrl, { Origin: `http://127.0.0.1:${Number(port) + 1}` })).toBe(403);
    expect(await handshake(server.wsUrl, { Host: `rebound.example:${port}` })).toBe(403);
    expect(await handshake(server.wsUrl, { Origin: server.url })).toBe('open');
    expect(await handshake(server.wsUrl, { Origin: `http://localhost:${port}`, Host: `localhost:${port}` })).toBe('open');
    expect(await handshake(server.wsUrl.replace(/secret=.*/, 'secret=%E0%A4%A'), { Origin: server.url })).toBe(401);
  });
});
