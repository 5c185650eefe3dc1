import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer } from 'ws';
import type { Engine } from '../engine';
import { attachClient } from './engine-session';

export interface WsServerOptions {
  engine: Engine;
  /** Built renderer (out/renderer) to serve to the browser; optional for API-only use. */
  staticDir?: string;
  port?: number;
  secret?: string;
}

export interface RunningWsServer {
  url: string;
  /** The page to open: carries the per-run secret in the fragment, never sent to the server in logs. */
  appUrl: string;
  wsUrl: string;
  secret: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * The browser transport: the renderer over HTTP and the contract over a WebSocket, on 127.0.0.1
 * only. A socket must present the per-run secret or it is refused before the upgrade.
 */
export async function startWsServer(options: WsServerOptions): Promise<RunningWsServer> {
  const secret = options.secret ?? randomBytes(24).toString('base64url');
  const server: Server = createServer((req, res) => serveStatic(options.staticDir, req.url ?? '/', res));
  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });

  server.on('upgrade', (req, socket, head) => {
    const { port } = server.address() as AddressInfo;
    if (!fromServedPage(req, port)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    if (!hasSecret(req, secret)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const client = attachClient(options.engine, (message) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(message)));
      ws.on('message', (data) => {
        let message: unknown;
        try {
          message = JSON.parse(String(data));
        } catch {
          return;
        }
        void client.receive(message);
      });
      ws.on('close', () => client.detach());
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    appUrl: `${url}/#secret=${secret}`,
    wsUrl: `ws://127.0.0.1:${port}/rpc?secret=${secret}`,
    secret,
    close: () =>
      new Promise((resolve) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The URL's path, decoded; undefined when the URL is malformed (a bad percent-escape, say). */
function decodedPath(rawUrl: string): string | undefined {
  try {
    return decodeURIComponent(new URL(rawUrl, 'http://x').pathname);
  } catch {
    return undefined;
  }
}

/**
 * A socket only from the address this server serves: the Host header names it (a page on another
 * name rebound to 127.0.0.1 does not), and a browser's Origin is the served page. Clients that are
 * not browsers send no Origin; the secret still holds them.
 */
function fromServedPage(req: IncomingMessage, port: number): boolean {
  const served = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!served.includes(req.headers.host ?? '')) return false;
  const origin = req.headers.origin;
  return origin === undefined || served.some((h) => origin === `http://${h}`);
}

function hasSecret(req: IncomingMessage, secret: string): boolean {
  let given: string;
  try {
    given = new URL(req.url ?? '/', 'http://x').searchParams.get('secret') ?? '';
  } catch {
    return false;
  }
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

function serveStatic(root: string | undefined, rawUrl: string, res: import('node:http').ServerResponse): void {
  if (!root) {
    res.writeHead(404).end();
    return;
  }
  const path = decodedPath(rawUrl);
  if (path === undefined) {
    res.writeHead(400).end();
    return;
  }
  const file = normalize(join(root, path === '/' ? 'index.html' : path));
  if (!file.startsWith(normalize(root) + sep) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  createReadStream(file).pipe(res);
}
