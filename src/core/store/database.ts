import type BetterSqlite3 from 'better-sqlite3';
import Database from 'better-sqlite3-multiple-ciphers';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadNativeAddon } from '../native/native-modules';
import { subkey, type DataKey } from '../security/data-key';
import { DataKeyWrongError } from '../security/key-errors';
import { databaseState, DB_FILE } from './database-file';
import { fsyncPath } from './durable-write';
import { migrations as allMigrations, type Migration } from './migrations';
import { SchemaNewerError } from './schema-errors';

export type Db = BetterSqlite3.Database;

/** SQLite's page cache for the store's connection, in KiB. */
const CACHE_KIB = 256 * 1024;

export { databaseState, DB_FILE };

/**
 * Opens (creating if needed) the store's encrypted database in a data directory and brings its schema
 * up to date. This is the only place that opens it: SQLite3MultipleCiphers (ChaCha20-Poly1305 per
 * page, WAL included) under a key derived from the data key. A database in clear from an earlier
 * version is encrypted first (see encryptPlainDatabase).
 */
export function openDatabase(dataDir: string, key: DataKey, migrations: readonly Migration[] = allMigrations): Db {
  mkdirSync(dataDir, { recursive: true });
  if (databaseState(dataDir) === 'plain') encryptPlainDatabase(dataDir, key);
  const db = openKeyed(join(dataDir, DB_FILE), key);
  try {
    db.pragma('journal_mode = WAL');
  } catch (e) {
    db.close();
    if ((e as { code?: string }).code === 'SQLITE_NOTADB') throw new DataKeyWrongError(dataDir);
    throw e;
  }
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // Pages are decrypted into SQLite's cache; one large enough for the indexes the dashboard reads
  // (about 100 MB at 1,000,000 pages) spares decrypting them again on every query. It grows only as used.
  db.pragma(`cache_size = -${CACHE_KIB}`);
  try {
    migrate(db, migrations);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

/**
 * The database subkey (HKDF from the data key, 256 bits of key already) given to the cipher as its key,
 * as it is. A store made before took it as a passphrase, run through PBKDF2 (64,007 iterations, about
 * 20 ms of CPU at every opening) for no gain on a key of full strength: the same cipher, the same
 * subkey, one derivation fewer.
 */
const rawKey = (key: DataKey) => `key = 'raw:${subkey(key, 'database').toString('hex')}'`;
/** How stores made before this took the subkey: as a passphrase, through PBKDF2. */
const passphraseKey = (key: DataKey) => `hexkey = '${subkey(key, 'database').toString('hex')}'`;

/**
 * A connection to one encrypted database file (also a backup copy), nothing else set: a new file takes
 * the raw key; one that does not read under it is opened as a store made before was keyed (a wrong key
 * is then refused by the caller's first read, as before).
 */
export function openKeyed(file: string, key: DataKey, options?: BetterSqlite3.Options): Db {
  const existed = existsSync(file);
  const db = openFile(file, options);
  db.pragma(rawKey(key));
  if (!existed || readsUnderKey(db)) return db;
  db.close();
  const older = openFile(file, options);
  older.pragma(passphraseKey(key));
  return older;
}

function readsUnderKey(db: Db): boolean {
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return true;
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_NOTADB') return false;
    db.close();
    throw e;
  }
}

/** Every connection goes through here: the addon built for the running runtime's ABI, already loaded (see native-modules). */
function openFile(file: string, options?: BetterSqlite3.Options): Db {
  return new Database(file, { ...options, nativeBinding: loadNativeAddon('better-sqlite3-multiple-ciphers').file }) as unknown as Db;
}

/**
 * Encrypts a database in clear, once: its WAL folded in, copied to a temp file, compacted (no free
 * page keeps old text) and rekeyed there, fsynced, then renamed over the original. A crash at any
 * point leaves either the original in clear (done again at the next start) or the encrypted file.
 */
export function encryptPlainDatabase(dataDir: string, key: DataKey): void {
  const file = join(dataDir, DB_FILE);
  const temp = `${file}.encrypting`;
  rmSync(temp, { force: true });
  rmSync(`${temp}-journal`, { force: true });
  const plain = openFile(file);
  plain.pragma('wal_checkpoint(TRUNCATE)');
  plain.close();
  copyFileSync(file, temp);
  const copy = openFile(temp);
  copy.pragma('journal_mode = DELETE');
  copy.exec('VACUUM');
  copy.pragma(`re${rawKey(key)}`);
  copy.close();
  fsyncPath(temp);
  for (const side of ['-wal', '-shm']) rmSync(`${file}${side}`, { force: true });
  renameSync(temp, file);
  fsyncPath(dataDir);
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies the migrations the store lacks, in order; a store made by a newer SoHoa is left untouched and refused. */
export function migrate(db: Db, migrations: readonly Migration[]): void {
  const current = schemaVersion(db);
  const known = Math.max(0, ...migrations.map((m) => m.version));
  if (current > known) throw new SchemaNewerError(current, known);
  for (const m of migrations.filter((m) => m.version > current).sort((a, b) => a.version - b.version)) {
    db.transaction(() => {
      if ('sql' in m) db.exec(m.sql);
      else m.apply(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
