import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { databaseState } from '../store/database';
import { durableWrite } from '../store/durable-write';
import { checkDataKey, newDataKey, type DataKey } from './data-key';
import { DataKeyInvalidError, DataKeyMissingError, KeyFileExposedError, KeyFileInsideDataError } from './key-errors';
import { refusePlainDatabase } from './plain-database';

/** Names the data directory's key among the user's key files. Not secret: it travels with the folder and its backups. */
export const KEY_ID_FILE = 'key-id';

export interface KeyFileOptions {
  /** --key-file; else SOHOA_KEY_FILE; else the per-user key folder. */
  keyFile?: string;
  env?: NodeJS.ProcessEnv;
}

/** The per-user folder of key files, outside every data directory (~/.config/sohoa/keys, %APPDATA%\SoHoa\keys; SOHOA_KEY_DIR overrides). */
export function keyFolder(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SOHOA_KEY_DIR) return env.SOHOA_KEY_DIR;
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'SoHoa', 'keys');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'sohoa', 'keys');
}

/** The data directory's key id, made at its first start. */
export function keyIdOf(dataDir: string, create: boolean): string | undefined {
  const file = join(dataDir, KEY_ID_FILE);
  if (existsSync(file)) {
    const id = readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-f]{32}$/.test(id)) throw new DataKeyInvalidError(file, 'not a key id');
    return id;
  }
  if (!create) return undefined;
  const id = randomBytes(16).toString('hex');
  mkdirSync(dataDir, { recursive: true });
  // Another process starting on the same new folder may have written it first: then its id holds.
  return durableWrite(file, `${id}\n`, { mode: 0o644, exclusive: true }) ? id : keyIdOf(dataDir, false);
}

export function keyFilePath(dataDir: string, options: KeyFileOptions = {}): string {
  const env = options.env ?? process.env;
  const explicit = options.keyFile ?? env.SOHOA_KEY_FILE;
  if (explicit) return resolve(explicit);
  const id = keyIdOf(dataDir, databaseState(dataDir) === 'none');
  return keyFileNamed(id ?? 'unknown', env);
}

/**
 * Where the audit log's anchor is kept: beside the key file (`<key file>.audit-anchor.json`, or
 * `<key id>.audit-anchor.json` in the key folder), outside the data directory like the key.
 */
export function auditAnchorPath(dataDir: string, options: KeyFileOptions = {}): string {
  return keyFilePath(dataDir, options).replace(/(\.key)?$/, '.audit-anchor.json');
}

/** The key file of the key id `id` in the per-user key folder. */
export function keyFileNamed(id: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(keyFolder(env), `${id}.key`);
}

/**
 * The data key of a data directory from its key file (CLI and plain Node; the app keeps it in the
 * OS keychain instead). The key file is made, mode 0600, when the directory holds no encrypted data
 * yet; afterwards a missing file is an error, never a reason to make a new key.
 */
export function dataKeyFromFile(dataDir: string, options: KeyFileOptions = {}): DataKey {
  // Before anything is made: a database in clear gets no key id and no key file by being opened.
  refusePlainDatabase(dataDir);
  return keyFromFile(dataDir, keyFilePath(dataDir, options));
}

/** The key in `file`, made when the directory holds no encrypted data yet (see dataKeyFromFile). */
export function keyFromFile(dataDir: string, file: string): DataKey {
  const inside = relative(resolve(dataDir), file);
  if (!inside.startsWith('..') && !isAbsolute(inside)) throw new KeyFileInsideDataError(file, dataDir);
  if (existsSync(file)) return readKeyFile(file);
  if (databaseState(dataDir) === 'encrypted') throw new DataKeyMissingError(dataDir, file);
  const key = newDataKey();
  mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
  return durableWrite(file, `${key.toString('hex')}\n`, { mode: 0o600, exclusive: true }) ? key : readKeyFile(file);
}

/** Reads a key file: 64 hex digits, and (on POSIX) readable by its owner only. */
export function readKeyFile(file: string): DataKey {
  if (process.platform !== 'win32') {
    const mode = statSync(file).mode & 0o777;
    if (mode & 0o077) throw new KeyFileExposedError(file, mode);
  }
  const text = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-fA-F]{64}$/.test(text)) throw new DataKeyInvalidError(file, 'expected 64 hexadecimal digits');
  return checkDataKey(Buffer.from(text, 'hex'), file);
}
