import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../src/core/store/database';
import { FileBlobStore } from '../../src/core/store/blob-store';
import { DB_FILE, databaseState, openKeyed } from '../../src/core/store/database';
import { keyFilePath, readKeyFile } from '../../src/core/security/key-file';

/** A fixed data key for tests that open a store directly (several processes can share it). */
export const TEST_KEY = Buffer.alloc(32, 0x5a);

/** A plain SQLite connection, as an earlier version of the app made its database. */
export function openPlainDatabase(file: string): Db {
  return new Database(file) as unknown as Db;
}

/**
 * A raw connection to a data directory's encrypted database, with the key the engine found for it
 * (its key file, which must exist) unless one is given: for tests that look at rows the API does not show.
 */
export function openRawDatabase(dataDir: string, options: { readonly?: boolean; key?: Buffer } = {}): Db {
  const key = options.key ?? readKeyFile(keyFilePath(dataDir));
  return openKeyed(join(dataDir, DB_FILE), key, options.readonly ? { readonly: true, fileMustExist: true } : undefined);
}

/**
 * The store of a data directory another process is writing, if it is there yet (made, encrypted and
 * keyed); null before that. For tests that watch a running batch or engine from outside.
 */
export function peekDatabase(dataDir: string): Db | null {
  if (!existsSync(join(dataDir, DB_FILE)) || databaseState(dataDir) !== 'encrypted') return null;
  try {
    return openRawDatabase(dataDir, { readonly: true });
  } catch {
    return null;
  }
}

/** A stored file's plain bytes (blobs are encrypted on disk), with the key the engine found for the data directory. */
export function readStoredBlob(dataDir: string, sha256: string): Buffer {
  return new FileBlobStore(join(dataDir, 'blobs'), readKeyFile(keyFilePath(dataDir))).get(sha256);
}
