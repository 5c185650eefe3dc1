import { createReadStream } from 'node:fs';
import { access, copyFile, mkdir, open, rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import type { BlobStorage } from './blob-storage';

/**
 * Blobs under `<root>/ab/<sha256>`, written by temp file, fsync and rename, safe to share between hub
 * instances. One level of 256 folders, as git keeps loose objects: a second level (65,536 folders)
 * made nearly every record of the first hundred thousand create and sync a folder of its own, a
 * third of the hub's time; at ten million records a folder holds ~40,000 names, which ext4's and
 * XFS's hashed directories look up directly.
 */
export class DirectoryBlobStorage implements BlobStorage {
  /** Fan-out folders known to exist, so a store costs no mkdir once warm. */
  private readonly madeDirs = new Set<string>();

  constructor(private readonly root: string) {}

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`Not a SHA-256: ${sha256}`);
    return join(this.root, sha256.slice(0, 2), sha256);
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
    await this.store(sha256, async (temp) => {
      if (options.move) await rename(path, temp).catch(() => copyFile(path, temp));
      else await copyFile(path, temp);
      const handle = await open(temp, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    });
  }

  async putBytes(sha256: string, bytes: Uint8Array): Promise<void> {
    await this.store(sha256, async (temp) => {
      const handle = await open(temp, 'wx');
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
    });
  }

  read(sha256: string): Readable {
    return createReadStream(this.pathOf(sha256));
  }

  /** Has `fill` write a durable temp file, then renames it into place and syncs the folder; the temp never outlives a failure. */
  private async store(sha256: string, fill: (temp: string) => Promise<void>): Promise<void> {
    const target = this.pathOf(sha256);
    if (await this.has(sha256)) return;
    const dir = dirname(target);
    if (!this.madeDirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      this.madeDirs.add(dir);
    }
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await fill(temp);
      await rename(temp, target);
    } catch (e) {
      await rm(temp, { force: true });
      throw e;
    }
    // The rename is durable only once its folder is: the record's row is committed right after.
    const folder = await open(dir, 'r');
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
  }
}
