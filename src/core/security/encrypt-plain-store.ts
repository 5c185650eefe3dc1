import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { databaseState } from '../store/database-file';
import { openStore } from '../store/store';
import { durableWrite, fsyncPath } from '../store/durable-write';
import { KEY_ID_FILE, keyFileNamed, keyFromFile, type KeyFileOptions } from './key-file';
import { NothingToEncryptError, PlainDatabaseInEncryptedFolderError } from './plain-database-errors';
import { PENDING_KEY_ID_FILE } from './plain-database';

/**
 * `sohoa store encrypt`: adopts a store in clear from an earlier version, only in a folder that was
 * never encrypted (no key-id). The key id is kept as `key-id.pending` while the blobs and the
 * database are encrypted and becomes `key-id` last, so an interrupted run is finished by running it
 * again, and a key-id never stands beside a database in clear.
 */
export function encryptPlainStore(dataDir: string, options: KeyFileOptions = {}): { keyFile: string } {
  const keyIdFile = join(dataDir, KEY_ID_FILE);
  const pendingFile = join(dataDir, PENDING_KEY_ID_FILE);
  const state = databaseState(dataDir);
  if (existsSync(keyIdFile)) {
    if (state === 'plain') throw new PlainDatabaseInEncryptedFolderError(dataDir);
    throw new NothingToEncryptError(dataDir);
  }
  if (state !== 'plain' && !existsSync(pendingFile)) throw new NothingToEncryptError(dataDir);
  if (!existsSync(pendingFile)) durableWrite(pendingFile, `${randomBytes(16).toString('hex')}\n`, { mode: 0o644, exclusive: true });
  const id = readFileSync(pendingFile, 'utf8').trim();
  const env = options.env ?? process.env;
  const explicit = options.keyFile ?? env.SOHOA_KEY_FILE;
  const keyFile = explicit ? resolve(explicit) : keyFileNamed(id, env);
  const key = keyFromFile(dataDir, keyFile);
  if (databaseState(dataDir) === 'plain') openStore(dataDir, key, { adoptPlainDatabase: true }).close();
  renameSync(pendingFile, keyIdFile);
  fsyncPath(dataDir);
  return { keyFile };
}
