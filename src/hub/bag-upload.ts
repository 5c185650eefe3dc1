import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { TooLargeError } from './sync-errors';

/** Streams a zipped bag from a request into a temp file (refusing it past `maxBytes`), hands it to `use`, and removes it. */
export async function receiveBagUpload<T>(
  req: IncomingMessage,
  dir: string,
  maxBytes: number,
  use: (zipPath: string) => Promise<T>,
): Promise<T> {
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) throw new TooLargeError(maxBytes);
  const path = join(dir, `${randomBytes(12).toString('hex')}.zip`);
  try {
    let received = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _enc, done) {
        received += chunk.length;
        done(received > maxBytes ? new TooLargeError(maxBytes) : null, chunk);
      },
    });
    await pipeline(req, limit, createWriteStream(path, { flags: 'wx' }));
    return await use(path);
  } finally {
    await rm(path, { force: true });
  }
}
