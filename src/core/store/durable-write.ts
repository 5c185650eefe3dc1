import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export interface DurableWriteOptions {
  /** The new file's permission bits (default 0o666 less the umask). */
  mode?: number;
  /** Only make a new file: when one is there already, leave it and return false. */
  exclusive?: boolean;
}

/**
 * Writes a file complete or not at all: a temp file beside it, fsynced, renamed over the target (or,
 * `exclusive`, hard-linked to it, which fails when it exists), then the folder fsynced so the new name
 * survives a power cut. A crash leaves the old file or the new one; a failure (a full disk) leaves no
 * temp file behind. Returns false only when `exclusive` found the file there.
 */
export function durableWrite(target: string, data: string | Uint8Array, options: DurableWriteOptions = {}): boolean {
  const folder = dirname(target);
  mkdirSync(folder, { recursive: true });
  const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', options.mode ?? 0o666);
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    unlinkSync(temp);
    throw e;
  }
  closeSync(fd);
  let placed = true;
  try {
    if (options.exclusive) linkSync(temp, target);
    else renameSync(temp, target);
  } catch (e) {
    if (!(options.exclusive && (e as NodeJS.ErrnoException).code === 'EEXIST')) {
      if (existsSync(temp)) unlinkSync(temp);
      throw e;
    }
    placed = false;
  }
  if (options.exclusive) unlinkSync(temp);
  if (placed) fsyncPath(folder);
  return placed;
}

/** fsync of a file or a folder by path (a folder's fsync makes a rename in it durable). */
export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
