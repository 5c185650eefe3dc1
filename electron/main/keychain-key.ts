import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { databaseState } from '../../src/core/store/database-file';
import { durableWrite } from '../../src/core/store/durable-write';

/** The part of Electron's safeStorage used here (passed in, so this file imports no electron). */
export interface KeyWrapper {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend?(): string;
  encryptString(text: string): Buffer;
  decryptString(wrapped: Buffer): string;
}

/** The data key wrapped by the OS keychain (DPAPI, Keychain, libsecret/kwallet), in the userData folder. */
export const WRAPPED_KEY_FILE = 'data-key.safe';

export type KeychainKey = { key: Buffer } | { key: undefined; reason: string };

/**
 * The data key as the app keeps it: made at the first start and wrapped with safeStorage. Without a
 * usable keychain (or for a store first encrypted with a key file) there is no key here and the
 * engine falls back to its key file; `reason` says why, for the user.
 */
export function keychainDataKey(userData: string, wrapper: KeyWrapper, platform: NodeJS.Platform = process.platform): KeychainKey {
  const file = join(userData, WRAPPED_KEY_FILE);
  const backend = wrapper.getSelectedStorageBackend?.();
  const available = wrapper.isEncryptionAvailable() && !(platform === 'linux' && (backend === 'basic_text' || backend === 'unknown'));
  if (!available)
    return {
      key: undefined,
      reason: `the OS keychain is not available to SoHoa (safeStorage${backend ? ` backend ${backend}` : ''}); the data key is kept in a key file readable only by this user instead`,
    };
  if (existsSync(file)) return { key: Buffer.from(wrapper.decryptString(readFileSync(file)), 'hex') };
  if (databaseState(userData) === 'encrypted')
    return { key: undefined, reason: 'this data was encrypted with a key file, which stays in use' };
  const key = randomBytes(32);
  durableWrite(file, wrapper.encryptString(key.toString('hex')), { mode: 0o600 });
  return { key };
}
