import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keychainDataKey, WRAPPED_KEY_FILE, type KeyWrapper } from '../../electron/main/keychain-key';
import { Engine } from '../../src/core/engine';
import { tempDir } from '../support/temp-dir';

/** Stands in for the OS keychain (the outermost seam: no keychain daemon here): a secret the test holds. */
function keychain(backend = 'gnome_libsecret', available = true): KeyWrapper {
  const secret = Buffer.alloc(64, 0x3c);
  const xor = (b: Buffer) => Buffer.from(b.map((x, i) => x ^ secret[i % secret.length]!));
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (text) => xor(Buffer.from(text, 'utf8')),
    decryptString: (wrapped) => xor(wrapped).toString('utf8'),
  };
}

describe('the app’s data key in the OS keychain', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('is made once at the first start, kept only wrapped, and opens the store', async () => {
    const userData = join(dir.path, 'app');
    const first = keychainDataKey(userData, keychain(), 'linux');
    expect(first.key).toHaveLength(32);
    const wrapped = readFileSync(join(userData, WRAPPED_KEY_FILE));
    expect(wrapped.includes(Buffer.from(first.key!.toString('hex')))).toBe(false);
    const engine = Engine.open({ dataDir: userData, key: first.key });
    await engine.close();
    const again = keychainDataKey(userData, keychain(), 'linux');
    expect(again.key!.equals(first.key!)).toBe(true);
    await Engine.open({ dataDir: userData, key: again.key }).close();
  });

  it('says plainly when there is no usable keychain, and then leaves the key to the key file', () => {
    for (const [wrapper, platform] of [
      [keychain('basic_text'), 'linux'],
      [keychain('unknown', false), 'win32'],
    ] as const) {
      const userData = join(dir.path, `none-${platform}`);
      const result = keychainDataKey(userData, wrapper, platform);
      expect(result.key).toBeUndefined();
      expect('reason' in result && result.reason).toMatch(/keychain is not available.*key file/);
      expect(existsSync(join(userData, WRAPPED_KEY_FILE))).toBe(false);
    }
  });

  it('keeps using the key file of a store first encrypted with one', async () => {
    const userData = join(dir.path, 'file-first');
    await Engine.open({ dataDir: userData, keyFile: join(dir.path, 'file-first.key') }).close();
    const result = keychainDataKey(userData, keychain(), 'linux');
    expect(result.key).toBeUndefined();
    expect(existsSync(join(userData, WRAPPED_KEY_FILE))).toBe(false);
  });
});
