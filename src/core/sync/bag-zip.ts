import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as yauzl from 'yauzl';
import * as yazl from 'yazl';
import { BagArchiveRefusedError } from './bag-errors';
import { BAG } from './bag-layout';
import { isSafeBagPath } from './bag-validator';

/** What a zipped bag may hold before it is refused (issue 10: archives have a size and file-count limit). */
export interface ZipLimits {
  /** Sum of the entries' real (uncompressed) bytes. */
  maxTotalBytes: number;
  maxEntries: number;
  /**
   * Uncompressed / compressed, counted while inflating: for each entry past `entrySlackBytes` (small
   * tag files may compress well), and for the whole archive against its file size past `ratioFloorBytes`.
   * The archive's check also caps the temporary space one request can fill.
   */
  maxRatio: number;
  ratioFloorBytes: number;
  entrySlackBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxTotalBytes: 20 * 1024 ** 3,
  maxEntries: 100_000,
  maxRatio: 50,
  ratioFloorBytes: 1024 * 1024,
  entrySlackBytes: 64 * 1024,
};

export const isZipPath = (path: string) => path.toLowerCase().endsWith('.zip');

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** Zips a bag folder (RFC 8493 §4.2: one top-level folder named after the bag) into `zipPath`, written aside and renamed. */
export async function zipBagFolder(bagDir: string, zipPath: string): Promise<void> {
  const zip = new yazl.ZipFile();
  const root = basename(zipPath).replace(/\.zip$/i, '');
  const walk = async (rel: string) => {
    for (const e of await readdir(join(bagDir, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(path);
      else if (e.isFile()) zip.addFile(join(bagDir, path), `${root}/${path}`, { compress: !path.startsWith(`${BAG.payloadDir}/`) });
    }
  };
  await walk('');
  zip.end();
  const temp = `${zipPath}.partial-${process.pid}`;
  try {
    await pipeline(zip.outputStream, createWriteStream(temp));
    await rename(temp, zipPath);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}

function refusalOf(e: Error): BagArchiveRefusedError {
  if (e instanceof BagArchiveRefusedError) return e;
  if (/invalid relative path|absolute path|invalid characters/.test(e.message))
    return new BagArchiveRefusedError('bag.zip-unsafe-entry', `The zipped bag names a file outside the bag: ${e.message}`);
  return new BagArchiveRefusedError('bag.zip-corrupt', `The zipped bag cannot be read: ${e.message}`);
}

/**
 * Unpacks a zipped bag into `into`, refusing it (and leaving nothing usable) when it has too many
 * entries, too many real bytes, an entry that inflates beyond the ratio, a symbolic link, or a
 * name that leaves the bag. Bytes are counted as they inflate, not taken from the headers.
 * Returns the bag's folder: the single top-level folder, or `into` itself.
 */
export async function unzipBag(zipPath: string, into: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<string> {
  let zip: yauzl.ZipFile;
  let archiveBytes: number;
  try {
    archiveBytes = (await stat(zipPath)).size;
    zip = await yauzl.openPromise(zipPath, { lazyEntries: true, validateEntrySizes: true, decodeStrings: true });
  } catch (e) {
    throw refusalOf(e as Error);
  }
  try {
    if (zip.entryCount > limits.maxEntries)
      throw new BagArchiveRefusedError(
        'bag.zip-too-many-entries',
        `The zipped bag has ${zip.entryCount} entries; the limit is ${limits.maxEntries}`,
        { entries: zip.entryCount, limit: limits.maxEntries },
      );
    let total = 0;
    const archiveCap = Math.min(limits.maxTotalBytes, limits.maxRatio * archiveBytes + limits.ratioFloorBytes);
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (e: Error) => reject(refusalOf(e)));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        void (async () => {
          const name = entry.fileName;
          if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK)
            throw new BagArchiveRefusedError('bag.zip-unsafe-entry', `The zipped bag holds a symbolic link: ${name}`, { path: name });
          const path = name.endsWith('/') ? name.slice(0, -1) : name;
          if (path && !isSafeBagPath(path))
            throw new BagArchiveRefusedError('bag.zip-unsafe-entry', `The zipped bag names a file outside the bag: ${name}`, {
              path: name,
            });
          const entryCap = limits.maxRatio * entry.compressedSize + limits.entrySlackBytes;
          if (entry.uncompressedSize > entryCap) throw bomb(name, limits);
          if (total + entry.uncompressedSize > limits.maxTotalBytes) throw tooLarge(limits);
          if (total + entry.uncompressedSize > archiveCap) throw bomb(name, limits);
          if (name.endsWith('/')) {
            await mkdir(join(into, ...path.split('/')), { recursive: true });
            return zip.readEntry();
          }
          const target = join(into, ...path.split('/'));
          await mkdir(dirname(target), { recursive: true });
          const stream = await new Promise<NodeJS.ReadableStream>((ok, fail) =>
            zip.openReadStream(entry, (err, s) => (err ? fail(err) : ok(s))),
          );
          let inflated = 0;
          const counter = new Transform({
            transform(chunk: Buffer, _enc, done) {
              total += chunk.length;
              inflated += chunk.length;
              if (total > limits.maxTotalBytes) return done(tooLarge(limits));
              done(inflated > entryCap || total > archiveCap ? bomb(name, limits) : null, chunk);
            },
          });
          await pipeline(stream, counter, createWriteStream(target, { flags: 'wx' }));
          zip.readEntry();
        })().catch((e: Error) => reject(refusalOf(e)));
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  const top = await readdir(into, { withFileTypes: true });
  const only = top.length === 1 && top[0]!.isDirectory() ? top[0]!.name : undefined;
  return only ? join(into, only) : into;
}

function bomb(name: string, limits: ZipLimits): BagArchiveRefusedError {
  return new BagArchiveRefusedError('bag.zip-bomb', `${name} inflates more than ${limits.maxRatio}× its compressed size`, {
    path: name,
    limit: limits.maxRatio,
  });
}

function tooLarge(limits: ZipLimits): BagArchiveRefusedError {
  return new BagArchiveRefusedError('bag.zip-too-large', `The zipped bag unpacks to more than ${limits.maxTotalBytes} bytes`, {
    limit: limits.maxTotalBytes,
  });
}

/** Runs `use` on the unpacked bag in a private temp folder, removed afterwards whatever happens. */
export async function withUnzippedBag<T>(
  zipPath: string,
  use: (bagDir: string) => Promise<T>,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  tempRoot = tmpdir(),
): Promise<T> {
  const dir = await mkdtemp(join(tempRoot, 'sohoa-bag-'));
  try {
    return await use(await unzipBag(zipPath, dir, limits));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
