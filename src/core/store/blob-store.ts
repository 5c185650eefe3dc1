import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where page images and PDFs live, by the SHA-256 of their bytes. */
export interface BlobStore {
  put(bytes: Uint8Array): string;
  get(sha256: string): Buffer;
  has(sha256: string): boolean;
  pathOf(sha256: string): string;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Blobs under `blobs/ab/cd/<sha256>`. A blob is written to a temp file, fsynced and renamed into
 * place, so a crash leaves at worst an orphan temp file, never a half-written blob.
 */
export class FileBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`Not a SHA-256: ${sha256}`);
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256));
  }

  put(bytes: Uint8Array): string {
    const hash = sha256Hex(bytes);
    const target = this.pathOf(hash);
    if (existsSync(target)) return hash;
    mkdirSync(dirname(target), { recursive: true });
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    const fd = openSync(temp, 'w');
    try {
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
      fsyncSync(fd);
    } catch (e) {
      // A full disk: leave no half-written temp file taking the space.
      closeSync(fd);
      unlinkSync(temp);
      throw e;
    }
    closeSync(fd);
    try {
      renameSync(temp, target);
    } catch (e) {
      if (existsSync(temp)) unlinkSync(temp);
      throw e;
    }
    fsyncDir(dirname(target));
    return hash;
  }

  get(sha256: string): Buffer {
    return readFileSync(this.pathOf(sha256));
  }
}

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
