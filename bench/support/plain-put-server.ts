/**
 * The reference for the sync bench: a bare HTTP server that writes each PUT body to a file (no
 * protocol). With `--fsync`, the file is flushed to disk before the answer, as the hub does with a
 * record's blob. Prints its port.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

const dir = process.argv[2]!;
const durable = process.argv.includes('--fsync');
mkdirSync(dir, { recursive: true });
const server = createServer((req, res) => {
  // `flush` fsyncs the file before the stream closes.
  void pipeline(req, createWriteStream(join(dir, req.url!.slice(1)), { flush: durable })).then(() => res.end('ok'));
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as { port: number }).port}\n`));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
