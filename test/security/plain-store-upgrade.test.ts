import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { dataKeyFromFile } from '../../src/core/security/key-file';
import { FileBlobStore } from '../../src/core/store/blob-store';
import { databaseState, DB_FILE } from '../../src/core/store/database';
import { openRawDatabase } from '../support/data-key';
import { tempDir } from '../support/temp-dir';
import { encodings, needlesIn, rawFiles } from './raw-search';
import { setTestAgency } from '../support/agency';

const applicantName = 'Trịnh Thị Xuân Hương';
const applicantCccd = '074193000517';
const pageText = `Giấy khai sinh của ${applicantName}, CCCD ${applicantCccd}`;

/**
 * A data directory as an earlier version left it: the same schema and rows, the database and the
 * blobs in clear. Made with today's engine, then decrypted in place.
 */
async function plainStore(dataDir: string, keyFile: string): Promise<string> {
  const engine = setTestAgency(Engine.open({ dataDir, keyFile }));
  await engine.handlers['dossier.create']({ procedureCode: 'MAU-HT-01', applicantName, applicantCccd, receivedDate: '2021-04-02' });
  const blob = engine.store.blobs.put(Buffer.from(pageText));
  const blobs = engine.store.blobs;
  const clear = blobs.get(blob);
  await engine.close();
  writeFileSync(blobs.pathOf(blob), clear);
  const db = openRawDatabase(dataDir, { key: dataKeyFromFile(dataDir, { keyFile }) });
  db.pragma('journal_mode = DELETE');
  db.pragma("rekey = ''");
  db.close();
  rmSync(join(dataDir, 'key-id'), { force: true });
  rmSync(keyFile);
  expect(databaseState(dataDir)).toBe('plain');
  return blob;
}

const secrets = [applicantName, applicantCccd, 'Xuan Huong', 'xuan huong'].flatMap(encodings);
const leaks = (dir: string) => rawFiles(dir).filter((f) => needlesIn(f.bytes, secrets).length > 0).map((f) => f.path);

describe('a store in clear from an earlier version', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('is encrypted once at start, the database and every blob, keeping all its data', async () => {
    const dataDir = join(dir.path, 'once');
    const keyFile = join(dir.path, 'once.key');
    const blob = await plainStore(dataDir, keyFile);
    expect(leaks(dataDir).sort()).toEqual([DB_FILE, `blobs/${blob.slice(0, 2)}/${blob.slice(2, 4)}/${blob}`].sort());

    const engine = setTestAgency(Engine.open({ dataDir, keyFile }));
    expect(databaseState(dataDir)).toBe('encrypted');
    expect(engine.store.dossiers.list(10, 0).items.map((d) => d.applicantName)).toEqual([applicantName]);
    expect(engine.store.blobs.get(blob).toString()).toBe(pageText);
    expect(engine.audit.verify().ok).toBe(true);
    await engine.close();
    expect(leaks(dataDir)).toEqual([]);
    expect(existsSync(join(dataDir, `${DB_FILE}.encrypting`))).toBe(false);
  });

  it('finishes an upgrade a crash interrupted: blobs half done, a half-written database copy left over', async () => {
    const dataDir = join(dir.path, 'interrupted');
    const keyFile = join(dir.path, 'interrupted.key');
    const blob = await plainStore(dataDir, keyFile);
    // The crash came after the blobs were sealed (with the key the first start made) and while the database was being copied.
    const key = dataKeyFromFile(dataDir, { keyFile });
    expect(new FileBlobStore(join(dataDir, 'blobs'), key).encryptPlainFiles()).toBe(1);
    const plainDb = readFileSync(join(dataDir, DB_FILE));
    writeFileSync(join(dataDir, `${DB_FILE}.encrypting`), plainDb.subarray(0, plainDb.length >> 1));
    writeFileSync(join(dataDir, 'blobs', blob.slice(0, 2), blob.slice(2, 4), `${blob}.0a1b2c.tmp`), pageText);
    expect(databaseState(dataDir)).toBe('plain');

    const engine = setTestAgency(Engine.open({ dataDir, keyFile }));
    expect(engine.store.dossiers.list(10, 0).items.map((d) => d.applicantCccd)).toEqual([applicantCccd]);
    expect(engine.store.blobs.get(blob).toString()).toBe(pageText);
    await engine.close();
    expect(readdirSync(dataDir).filter((f) => f.startsWith(DB_FILE))).toEqual([DB_FILE]);
    expect(readdirSync(join(dataDir, 'blobs', blob.slice(0, 2), blob.slice(2, 4)))).toEqual([blob]);
    expect(leaks(dataDir)).toEqual([]);
  });
});
