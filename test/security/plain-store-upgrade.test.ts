import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { dataKeyFromFile, keyFromFile } from '../../src/core/security/key-file';
import { FileBlobStore } from '../../src/core/store/blob-store';
import { databaseState, DB_FILE } from '../../src/core/store/database';
import { openRawDatabase } from '../support/data-key';
import { runSohoa } from '../support/cli';
import { codeOfSync } from '../support/coded-error';
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
const leaks = (dir: string) =>
  rawFiles(dir)
    .filter((f) => needlesIn(f.bytes, secrets).length > 0)
    .map((f) => f.path);

const snapshot = (dir: string) => Object.fromEntries(rawFiles(dir).map((f) => [f.path, Buffer.from(f.bytes).toString('base64')]));

describe('a store in clear from an earlier version', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('is refused at start with a coded error that names `sohoa store encrypt`, making no key and changing no file', async () => {
    const dataDir = join(dir.path, 'refused');
    const keyFile = join(dir.path, 'refused.key');
    await plainStore(dataDir, keyFile);
    const before = snapshot(dataDir);
    expect(codeOfSync(() => Engine.open({ dataDir, keyFile }))).toBe('store.plain-database');
    const cli = runSohoa(['status', '--data-dir', dataDir, '--key-file', keyFile]);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/sohoa store encrypt.*\[store\.plain-database\]/);
    expect(existsSync(keyFile)).toBe(false);
    expect(snapshot(dataDir)).toEqual(before);
  });

  it('is encrypted by `sohoa store encrypt`, the database and every blob, keeping all its data', async () => {
    const dataDir = join(dir.path, 'once');
    const keyFile = join(dir.path, 'once.key');
    const blob = await plainStore(dataDir, keyFile);
    expect(leaks(dataDir).sort()).toEqual([DB_FILE, `blobs/${blob.slice(0, 2)}/${blob.slice(2, 4)}/${blob}`].sort());

    const run = runSohoa(['store', 'encrypt', '--data-dir', dataDir, '--key-file', keyFile]);
    expect(run.code).toBe(0);
    expect(databaseState(dataDir)).toBe('encrypted');
    expect(existsSync(join(dataDir, 'key-id'))).toBe(true);
    const engine = Engine.open({ dataDir, keyFile });
    expect(engine.store.dossiers.list(10, 0).items.map((d) => d.applicantName)).toEqual([applicantName]);
    expect(engine.store.blobs.get(blob).toString()).toBe(pageText);
    await engine.close();
    expect(leaks(dataDir)).toEqual([]);
    expect(existsSync(join(dataDir, `${DB_FILE}.encrypting`))).toBe(false);
    expect(runSohoa(['store', 'encrypt', '--data-dir', dataDir, '--key-file', keyFile]).stderr).toContain('[store.nothing-to-encrypt]');
  });

  it('finishes an encryption a crash interrupted when run again: blobs half done, a half-written database copy left over', async () => {
    const dataDir = join(dir.path, 'interrupted');
    const keyFile = join(dir.path, 'interrupted.key');
    const blob = await plainStore(dataDir, keyFile);
    // The crash came after the blobs were sealed (with the key the first run made) and while the database was being copied.
    writeFileSync(join(dataDir, 'key-id.pending'), `${'ab'.repeat(16)}\n`);
    const key = keyFromFile(dataDir, keyFile);
    expect(new FileBlobStore(join(dataDir, 'blobs'), key).encryptPlainFiles()).toBe(1);
    const plainDb = readFileSync(join(dataDir, DB_FILE));
    writeFileSync(join(dataDir, `${DB_FILE}.encrypting`), plainDb.subarray(0, plainDb.length >> 1));
    writeFileSync(join(dataDir, 'blobs', blob.slice(0, 2), blob.slice(2, 4), `${blob}.0a1b2c.tmp`), pageText);
    expect(databaseState(dataDir)).toBe('plain');

    expect(runSohoa(['store', 'encrypt', '--data-dir', dataDir, '--key-file', keyFile]).code).toBe(0);
    const engine = Engine.open({ dataDir, keyFile });
    expect(engine.store.dossiers.list(10, 0).items.map((d) => d.applicantCccd)).toEqual([applicantCccd]);
    expect(engine.store.blobs.get(blob).toString()).toBe(pageText);
    await engine.close();
    expect(readdirSync(dataDir).filter((f) => f.startsWith(DB_FILE))).toEqual([DB_FILE]);
    expect(readdirSync(join(dataDir, 'blobs', blob.slice(0, 2), blob.slice(2, 4)))).toEqual([blob]);
    expect(readFileSync(join(dataDir, 'key-id'), 'utf8').trim()).toBe('ab'.repeat(16));
    expect(leaks(dataDir)).toEqual([]);
  });
});

describe('a database in clear put into a folder that was encrypted (issue #25)', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('is refused with a coded error, by the engine and by `store encrypt`, and nothing is changed', async () => {
    // The attacker has no key: they bring a database in clear (here: one with an administrator of their own) and put it in place.
    const victim = join(dir.path, 'victim');
    const keyFile = join(dir.path, 'victim.key');
    const engine = setTestAgency(Engine.open({ dataDir: victim, keyFile }));
    await engine.handlers['dossier.create']({ procedureCode: 'MAU-HT-01', applicantName, applicantCccd, receivedDate: '2021-04-02' });
    await engine.close();
    const forged = join(dir.path, 'forged');
    await plainStore(forged, join(dir.path, 'forged.key'));
    rmSync(join(victim, DB_FILE));
    for (const side of ['-wal', '-shm']) rmSync(join(victim, `${DB_FILE}${side}`), { force: true });
    writeFileSync(join(victim, DB_FILE), readFileSync(join(forged, DB_FILE)));
    expect(databaseState(victim)).toBe('plain');
    const before = snapshot(victim);

    expect(codeOfSync(() => Engine.open({ dataDir: victim, keyFile }))).toBe('store.plain-database-refused');
    const cli = runSohoa(['status', '--data-dir', victim, '--key-file', keyFile]);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain('[store.plain-database-refused]');
    const adopt = runSohoa(['store', 'encrypt', '--data-dir', victim, '--key-file', keyFile]);
    expect(adopt.code).toBe(1);
    expect(adopt.stderr).toContain('[store.plain-database-refused]');
    expect(snapshot(victim)).toEqual(before);
  });
});
