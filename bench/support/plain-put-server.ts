/**
 * The reference for the sync bench: a bare HTTP server that writes each PUT body to a file (no
 * protocol). With `--durable`, it stores each body as the hub stores a record's blob before it
 * answers: a temp file in one of 256 folders, fsynced, renamed into place, its folder fsynced.
 * Prints its port.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

const dir = process.argv[2]!;
const durable = process.argv.includes('--durable');
const folders = Array.from({ length: 256 }, (_, i) => join(dir, i.toString(16).padStart(2, '0')));
for (const folder of durable ? folders : [dir]) mkdirSync(folder, { recursive: true });
let count = 0;

async function store(req: NodeJS.ReadableStream, name: string): Promise<void> {
  if (!durable) return pipeline(req, createWriteStream(join(dir, name)));
  const folder = folders[count++ % folders.length]!;
  const temp = join(folder, `${name}.tmp`);
  // `flush` fsyncs the file before the stream closes.
  await pipeline(req, createWriteStream(temp, { flush: true }));
  await rename(temp, join(folder, name));
  const handle = await open(folder, 'r');
  await handle.sync();
  await handle.close();
}

const server = createServer((req, res) => void store(req, req.url!.slice(1)).then(() => res.end('ok')));
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as { port: number }).port}\n`));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
