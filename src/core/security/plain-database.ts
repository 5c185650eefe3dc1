import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { databaseState } from '../store/database-file';
import { PlainDatabaseError, PlainDatabaseInEncryptedFolderError } from './plain-database-errors';

/** Names the key id of a `sohoa store encrypt` in progress; it becomes `key-id` once the database is encrypted. */
export const PENDING_KEY_ID_FILE = 'key-id.pending';

/**
 * A database in clear is never opened: in a folder that was encrypted (it has a key-id) it can only
 * be a swap by someone without the key; in one that never was, it waits for `sohoa store encrypt`.
 */
export function refusePlainDatabase(dataDir: string): void {
  if (databaseState(dataDir) !== 'plain') return;
  if (existsSync(join(dataDir, 'key-id'))) throw new PlainDatabaseInEncryptedFolderError(dataDir);
  throw new PlainDatabaseError(dataDir);
}
