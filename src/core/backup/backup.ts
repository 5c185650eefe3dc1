import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { DB_FILE } from '../store/database';
import type { Store } from '../store/store';
import { KEY_ID_FILE } from '../security/key-file';
import { BackupInvalidError, BackupTargetExistsError } from './backup-errors';

export const BACKUP_MANIFEST = 'manifest-sha256.txt';

function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function* walk(dir: string): Generator<string> {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile() && !entry.name.endsWith('.tmp')) yield path;
  }
}

/**
 * A consistent online copy of the store, as encrypted as the store itself: the database by
 * `VACUUM INTO` (one read transaction, safe while the app writes; SQLite3MultipleCiphers writes the
 * copy under the same key, where the backup API refuses an encrypted source), every blob file as
 * stored, and the key id, with a manifest of SHA-256 hashes of the files as stored. Restoring needs
 * the same data key (the key file, or the app's keychain entry); the backup does not hold it.
 * Written into `<dest>.partial` and renamed at the end, so a half-made backup never looks finished.
 */
export async function backupStore(
  store: Pick<Store, 'dataDir' | 'copyDatabaseInto'>,
  dest: string,
  onProgress?: (done: number, total: number) => void,
): Promise<{ files: number }> {
  if (existsSync(dest)) throw new BackupTargetExistsError(dest);
  const partial = `${dest}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const { dataDir } = store;
  store.copyDatabaseInto(join(partial, DB_FILE));
  if (existsSync(join(dataDir, KEY_ID_FILE))) copyFileSync(join(dataDir, KEY_ID_FILE), join(partial, KEY_ID_FILE));
  const blobs = [...walk(join(dataDir, 'blobs'))];
  onProgress?.(0, blobs.length);
  for (const [i, src] of blobs.entries()) {
    const target = join(partial, relative(dataDir, src));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(src, target);
    onProgress?.(i + 1, blobs.length);
    // Lets the engine answer the window (and send this progress) during a long copy.
    if (i % 25 === 24) await new Promise((resolve) => setImmediate(resolve));
  }
  const lines = [...walk(partial)]
    .map((f) => `${sha256File(f)}  ${relative(partial, f).split('\\').join('/')}`)
    .sort((a, b) => a.slice(66).localeCompare(b.slice(66)));
  writeFileSync(join(partial, BACKUP_MANIFEST), `${lines.join('\n')}\n`);
  renameSync(partial, dest);
  return { files: lines.length };
}

export interface BackupCheck {
  ok: boolean;
  files: number;
  missing: string[];
  changed: string[];
  extra: string[];
}

/** Checks a backup against its manifest: every file present with its hash, nothing unlisted. Needs no key: blob contents are checked when read. */
export function checkBackup(dir: string): BackupCheck {
  const manifestPath = join(dir, BACKUP_MANIFEST);
  if (!existsSync(manifestPath)) throw new BackupInvalidError(dir, 'no manifest');
  const listed = new Map<string, string>();
  for (const line of readFileSync(manifestPath, 'utf8').split('\n').filter(Boolean)) {
    const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    if (!m || m[2]!.split('/').includes('..') || m[2]!.startsWith('/'))
      throw new BackupInvalidError(dir, `bad manifest line: ${line.slice(0, 80)}`);
    listed.set(m[2]!, m[1]!);
  }
  const present = new Set([...walk(dir)].map((f) => relative(dir, f).split('\\').join('/')).filter((f) => f !== BACKUP_MANIFEST));
  const missing: string[] = [];
  const changed: string[] = [];
  for (const [file, hash] of listed) {
    if (!present.has(file)) missing.push(file);
    else if (sha256File(join(dir, file)) !== hash) changed.push(file);
  }
  const extra = [...present].filter((f) => !listed.has(f));
  return { ok: missing.length + changed.length + extra.length === 0 && listed.has(DB_FILE), files: listed.size, missing, changed, extra };
}

/** Restores a checked backup into an empty data directory; it opens with the data key of the store it came from. */
export function restoreBackup(backupDir: string, dataDir: string): BackupCheck {
  const check = checkBackup(backupDir);
  if (!check.ok)
    throw new BackupInvalidError(
      backupDir,
      `${check.missing.length} missing, ${check.changed.length} changed, ${check.extra.length} unlisted files`,
    );
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) throw new BackupTargetExistsError(dataDir);
  for (const file of walk(backupDir)) {
    const rel = relative(backupDir, file);
    if (rel === BACKUP_MANIFEST) continue;
    const target = join(dataDir, rel);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, target);
  }
  statSync(join(dataDir, DB_FILE));
  return check;
}
