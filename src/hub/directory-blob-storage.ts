import { createReadStream } from 'node:fs';
import { access, copyFile, mkdir, open, rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import type { BlobStorage } from './blob-storage';

/** Blobs under `<root>/ab/cd/<sha256>`, written by temp file, fsync and rename, safe to share between hub instances. */
export class DirectoryBlobStorage implements BlobStorage {
  constructor(private readonly root: string) {}

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`Not a SHA-256: ${sha256}`);
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await access(this.pathOf(sha256));
      return true;
    } catch {
      return false;
    }
  }

  async adoptFile(sha256: string, path: string, options = { move: false }): Promise<void> {
    const target = this.pathOf(sha256);
    if (await this.has(sha256)) return;
    await mkdir(dirname(target), { recursive: true });
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      if (options.move) await rename(path, temp).catch(() => copyFile(path, temp));
      else await copyFile(path, temp);
      const handle = await open(temp, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, target);
    } finally {
      await rm(temp, { force: true });
    }
  }

  read(sha256: string): Readable {
    return createReadStream(this.pathOf(sha256));
  }
}
