import { close, constants, createReadStream, fsync, open, write } from 'node:fs';
import { access, copyFile, mkdir, rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import type { BlobStorage } from './blob-storage';

// The callback forms, promisified: a FileHandle per call costs more than the write it wraps at
// hundreds of blobs a second.
const openFd = promisify(open);
const writeFd = promisify(write);
const fsyncFd = promisify(fsync);
const closeFd = promisify(close);

/** Opens `path`, runs `use` (if any) on the descriptor, fsyncs it and closes it, even when `use` fails. */
async function withSyncedFd(path: string, flags: number, use?: (fd: number) => Promise<unknown>): Promise<void> {
  const fd = await openFd(path, flags);
  try {
    await use?.(fd);
    await fsyncFd(fd);
  } finally {
    await closeFd(fd);
  }
}

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
  /** Temp names: unique across instances sharing the folder by the prefix, within this one by the counter. */
  private readonly tempPrefix = randomBytes(6).toString('hex');
  private tempCount = 0;

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
    if (await this.has(sha256)) return;
    await this.store(sha256, async (temp) => {
      if (options.move) await rename(path, temp).catch(() => copyFile(path, temp));
      else await copyFile(path, temp);
      await withSyncedFd(temp, constants.O_RDWR);
    });
  }

  /**
   * Written without first asking whether the blob exists: the caller has just found the record
   * version new, and the same bytes stored again under their own hash replace a file with itself.
   */
  async putBytes(sha256: string, bytes: Uint8Array): Promise<void> {
    await this.store(sha256, (temp) =>
      withSyncedFd(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, async (fd) => {
        for (let offset = 0; offset < bytes.length;)
          offset += (await writeFd(fd, bytes, offset, bytes.length - offset, offset)).bytesWritten;
      }),
    );
  }

  read(sha256: string): Readable {
    return createReadStream(this.pathOf(sha256));
  }

  /** Has `fill` write a durable temp file, then renames it into place and syncs the folder; the temp never outlives a failure. */
  private async store(sha256: string, fill: (temp: string) => Promise<void>): Promise<void> {
    const target = this.pathOf(sha256);
    const dir = dirname(target);
    if (!this.madeDirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      this.madeDirs.add(dir);
    }
    const temp = `${target}.${this.tempPrefix}-${this.tempCount++}.tmp`;
    try {
      await fill(temp);
      await rename(temp, target);
    } catch (e) {
      await rm(temp, { force: true });
      throw e;
    }
    // The rename is durable only once its folder is: the record's row is committed right after.
    await withSyncedFd(dir, constants.O_RDONLY);
  }
}
