import { hkdfSync, randomBytes } from 'node:crypto';
import { DataKeyInvalidError } from './key-errors';

/** The 256-bit secret of one data directory. The database and the blobs each use a key derived from it. */
export type DataKey = Buffer;

export const DATA_KEY_BYTES = 32;

export function newDataKey(): DataKey {
  return randomBytes(DATA_KEY_BYTES);
}

export function checkDataKey(key: Uint8Array, source: string): DataKey {
  if (key.length !== DATA_KEY_BYTES) throw new DataKeyInvalidError(source, `${key.length} bytes instead of ${DATA_KEY_BYTES}`);
  return Buffer.from(key);
}

/** A key for one use (HKDF-SHA256), so the database cipher and the blob cipher never share key material. */
export function subkey(key: DataKey, purpose: 'database' | 'blobs' | 'audit-anchor'): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `sohoa ${purpose} v1`, DATA_KEY_BYTES));
}
