import Database from 'better-sqlite3-multiple-ciphers';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { subkey } from '../../src/core/security/data-key';
import { DB_FILE, openDatabase, schemaVersion } from '../../src/core/store/database';
import { migrations } from '../../src/core/store/migrations';
import { codeOfSync } from '../support/coded-error';
import { TEST_KEY } from '../support/data-key';
import { tempDir } from '../support/temp-dir';

const hex = subkey(TEST_KEY, 'database').toString('hex');

/** A bare connection keyed one way; `reads` says whether the file opens under it. */
function reads(file: string, pragma: string): boolean {
  const db = new Database(file);
  try {
    db.pragma(pragma);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return true;
  } catch (e) {
    expect((e as { code?: string }).code).toBe('SQLITE_NOTADB');
    return false;
  } finally {
    db.close();
  }
}

describe('the store key', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('is given to the cipher as a raw 256-bit key: a new store does not open under the passphrase form (a key derivation per opening)', () => {
    const dataDir = join(dir.path, 'new');
    openDatabase(dataDir, TEST_KEY).close();
    const file = join(dataDir, DB_FILE);
    expect(reads(file, `key = 'raw:${hex}'`)).toBe(true);
    expect(reads(file, `hexkey = '${hex}'`)).toBe(false);
    expect(reads(file, `key = 'raw:${subkey(Buffer.alloc(32, 1), 'database').toString('hex')}'`)).toBe(false);
  });

  it('still opens a store keyed the way earlier versions did (the subkey as a passphrase), with its rows, and refuses another key', () => {
    const dataDir = join(dir.path, 'older');
    const earlier = openDatabase(
      dataDir,
      TEST_KEY,
      migrations.filter((m) => m.version <= 1),
    );
    earlier.close();
    // Rewrite it as earlier versions keyed it: the same subkey, taken as a passphrase.
    const file = join(dataDir, DB_FILE);
    const raw = new Database(file);
    raw.pragma(`key = 'raw:${hex}'`);
    raw.pragma('journal_mode = DELETE');
    raw.exec(`CREATE TABLE kept (note TEXT); INSERT INTO kept VALUES ('hồ sơ cũ')`);
    raw.pragma(`hexrekey = '${hex}'`);
    raw.close();
    expect(reads(file, `hexkey = '${hex}'`)).toBe(true);
    expect(reads(file, `key = 'raw:${hex}'`)).toBe(false);

    const db = openDatabase(dataDir, TEST_KEY);
    expect(schemaVersion(db)).toBe(Math.max(...migrations.map((m) => m.version)));
    expect(db.prepare('SELECT note FROM kept').pluck().get()).toBe('hồ sơ cũ');
    db.close();
    expect(codeOfSync(() => openDatabase(dataDir, Buffer.alloc(32, 7)))).toBe('security.key-wrong');
  });
});
