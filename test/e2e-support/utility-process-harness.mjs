// Runs the BUILT engine entry (out/main/engine.js) as Electron's utilityProcess would, under whatever
// Node runs this file (the system Node, or Electron's Node line from the registry): it gives the entry
// a `process.parentPort` and sends it the `init` and `port` messages with the shapes
// electron/main/engine-host.ts sends. Each WebSocket from the browser gets a MessagePort to the engine,
// as each window gets one in the app. Plain JavaScript: it must run without the test's TypeScript loader.
//
// node utility-process-harness.mjs <repo> <dataDir>   (SOHOA_KEY_DIR, SOHOA_NATIVE_DIR as the engine reads them)
// Prints `engine: {"type":"ready"}` or `engine: {"type":"failed",…}` (then exits 1), then `Open: <url>`.
import { Buffer } from 'node:buffer';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join, normalize, sep } from 'node:path';
import process from 'node:process';
import { setTimeout } from 'node:timers';
import { pathToFileURL, URL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';

const [repo, dataDir] = process.argv.slice(2);
const { WebSocketServer } = createRequire(join(repo, 'package.json'))('ws');

/** Electron's MessagePortMain over a Node MessagePort: 'message' events carry `{ data, ports }`. */
function portMain(port) {
  const events = new EventEmitter();
  port.on('message', (data) => events.emit('message', { data, ports: [] }));
  port.on('close', () => events.emit('close'));
  return {
    on: (event, listener) => void events.on(event, listener),
    postMessage: (message) => port.postMessage(message),
    start: () => port.start(),
  };
}

const parentPort = new EventEmitter();
parentPort.postMessage = (message) => {
  process.stdout.write(`engine: ${JSON.stringify(message)}\n`);
  if (message.type === 'failed') setTimeout(() => process.exit(1), 50);
  if (message.type === 'ready') void serve();
};
process.parentPort = parentPort;

await import(pathToFileURL(join(repo, 'out', 'main', 'engine.js')).href);
parentPort.emit('message', { data: { type: 'init', dataDir, resourcesDir: join(repo, 'resources') }, ports: [] });

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

async function serve() {
  const root = join(repo, 'out', 'renderer');
  const secret = randomBytes(24).toString('base64url');
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const given = Buffer.from(new URL(req.url ?? '/', 'http://x').searchParams.get('secret') ?? '');
    if (given.length !== secret.length || !timingSafeEqual(given, Buffer.from(secret)))
      return void socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
    wss.handleUpgrade(req, socket, head, (ws) => {
      const { port1, port2 } = new MessageChannel();
      parentPort.emit('message', { data: { type: 'port' }, ports: [portMain(port1)] });
      port2.on('message', (message) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(message)));
      ws.on('message', (data) => {
        try {
          port2.postMessage(JSON.parse(String(data)));
        } catch {
          /* not JSON: dropped, as the app's transport drops it */
        }
      });
      ws.on('close', () => port2.close());
    });
  });
  server.listen(0, '127.0.0.1', () => process.stdout.write(`Open: http://127.0.0.1:${server.address().port}/#secret=${secret}\n`));
}

process.on('SIGTERM', () => process.exit(0));
