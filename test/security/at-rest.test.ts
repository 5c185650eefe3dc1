import { createHash, randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { createPipelineStages } from '../../src/core/jobs/real-stages';
import { dataKeyFromFile } from '../../src/core/security/key-file';
import { foldVietnamese } from '../../src/shared/fold';
import { corpusPage } from '../e2e-support/desk-fixtures';
import { createTestPki, type TestPki } from '../record/support/test-pki';
import { runSohoa } from '../support/cli';
import { codeOf } from '../support/coded-error';
import { openRawDatabase } from '../support/data-key';
import { tempDir } from '../support/temp-dir';
import { encodings, needlesIn, rawFiles } from './raw-search';
import { setTestAgency } from '../support/agency';

// A clean corpus page whose text names the applicant and gives her CCCD, OCR'd by the real pipeline.
const page = corpusPage('viadm-18d1');
const applicantName = page.fields.names[1]!;
const applicantCccd = page.fields.cccd![0]!;

const snapshot = (dir: string) => rawFiles(dir).map((f) => `${f.path} ${createHash('sha256').update(f.bytes).digest('hex')}`);

describe('personal data at rest', () => {
  const dir = tempDir();
  const dataDir = join(dir.path, 'data');
  const keyFile = join(dir.path, 'keys', 'desk.key');
  const copy = join(dir.path, 'copied');
  const liveCopy = join(dir.path, 'copied-while-open');
  let pki: TestPki;
  let recordSha = '';
  let clearBlobs: Buffer[] = [];

  beforeAll(async () => {
    pki = createTestPki();
    const stages = createPipelineStages({ dataDir, ocrWorkers: 1 });
    const engine = setTestAgency(Engine.open({ dataDir, keyFile, pipeline: { stages, concurrency: 1 } }));
    try {
      const dossier = await engine.handlers['dossier.create']({
        procedureCode: 'MAU-HT-01',
        applicantName,
        applicantCccd,
        receivedDate: '2026-11-23',
      });
      const documentId = (await engine.handlers['document.create']({ dossierId: dossier.id, component: 'Tờ khai' })).id;
      await engine.handlers['document.importFiles']({ documentId, paths: [page.path] });
      await engine.idle();
      await engine.handlers['signer.unlock']({ p12Path: pki.signerP12, password: pki.password });
      const signed = await engine.handlers['dossier.finalize']({ dossierId: dossier.id, confirmMissing: true });
      expect(signed.signed).toHaveLength(1);
      const doc = (await engine.handlers['dossier.desk']({ id: dossier.id })).documents[0]!;
      expect(doc.record).toMatchObject({ signed: true });
      recordSha = doc.record!.pdfSha256;
      const shas = engine.store.db
        .prepare('SELECT image_sha256 AS a, clean_sha256 AS b, ocr_image_sha256 AS c, text_sha256 AS d FROM page')
        .all() as Record<string, string | null>[];
      clearBlobs = [...shas.flatMap((r) => Object.values(r)), recordSha]
        .filter((s): s is string => !!s)
        .map((s) => engine.store.blobs.get(s));
      engine.store.dossiers.list(1, 0);
      cpSync(dataDir, liveCopy, { recursive: true });
    } finally {
      await engine.close();
      await stages.close();
    }
    cpSync(dataDir, copy, { recursive: true });
  });
  afterAll(() => {
    pki?.cleanup();
    dir.remove();
  });

  const needles = () => {
    const folded = foldVietnamese(applicantName);
    const texts = [applicantName, applicantName.toUpperCase(), folded, folded.toLowerCase(), folded.toUpperCase(), applicantCccd];
    return texts.flatMap(encodings);
  };

  it('makes the search itself able to fail: the blobs and the database, decrypted, hold the name and the CCCD', () => {
    const cccd = encodings(applicantCccd);
    expect(clearBlobs.filter((b) => needlesIn(b, cccd).length > 0).length).toBeGreaterThan(0);
    const decrypted = join(dir.path, 'decrypted');
    cpSync(copy, decrypted, { recursive: true });
    const db = openRawDatabase(decrypted, { key: dataKeyFromFile(decrypted, { keyFile }) });
    db.pragma('journal_mode = DELETE');
    db.pragma("rekey = ''");
    db.close();
    const found = needlesIn(readFileSync(join(decrypted, 'sohoa.db')), needles()).map((n) => n.toString('utf8'));
    expect(found).toContain(applicantCccd);
    expect(found).toContain(applicantName.normalize('NFC'));
    expect(found).toContain(foldVietnamese(applicantName).toLowerCase());
  });

  it('leaves no name or CCCD in any file of a copied data directory, as it is or deflated', () => {
    const files = rawFiles(copy);
    expect(files.map((f) => f.path)).toContain('sohoa.db');
    expect(files.filter((f) => f.path.startsWith('blobs')).length).toBeGreaterThanOrEqual(5);
    const found = files
      .map((f) => ({ path: f.path, found: needlesIn(f.bytes, needles()).map((n) => n.toString('utf8')) }))
      .filter((f) => f.found.length > 0);
    expect(found).toEqual([]);
  });

  it('leaves none either in a copy taken while the app had the store open (its WAL included)', () => {
    const files = rawFiles(liveCopy);
    expect(files.map((f) => f.path)).toContain('sohoa.db-wal');
    const found = files
      .map((f) => ({ path: f.path, found: needlesIn(f.bytes, needles()).map((n) => n.toString('utf8')) }))
      .filter((f) => f.found.length > 0);
    expect(found).toEqual([]);
  });

  it('opens the copy with the key: the dossier, its search and its signed record are all there', async () => {
    const engine = setTestAgency(Engine.open({ dataDir: copy, keyFile }));
    try {
      expect(engine.store.dossiers.list(10, 0).items.map((d) => [d.applicantName, d.applicantCccd])).toEqual([
        [applicantName, applicantCccd],
      ]);
      const hits = await engine.handlers['search.query']({ text: foldVietnamese(applicantName).toLowerCase(), limit: 10 });
      expect(hits.length).toBeGreaterThan(0);
      const pdf = engine.store.blobs.get(recordSha);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(createHash('sha256').update(pdf).digest('hex')).toBe(recordSha);
    } finally {
      await engine.close();
    }
  });

  it('refuses the copy without its key or with another, with a coded error, and changes no file', async () => {
    const untouched = join(dir.path, 'untouched');
    cpSync(copy, untouched, { recursive: true });
    const before = snapshot(untouched);
    expect(
      await codeOf(Promise.resolve().then(() => Engine.open({ dataDir: untouched, keyFile: join(dir.path, 'keys', 'none.key') }))),
    ).toBe('security.key-missing');
    const wrong = join(dir.path, 'keys', 'wrong.key');
    mkdirSync(join(dir.path, 'keys'), { recursive: true });
    writeFileSync(wrong, randomBytes(32).toString('hex'), { mode: 0o600 });
    expect(await codeOf(Promise.resolve().then(() => Engine.open({ dataDir: untouched, keyFile: wrong })))).toBe('security.key-wrong');
    const cli = runSohoa(['status', '--data-dir', untouched, '--key-file', wrong]);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/cannot be opened with this key.*\[security\.key-wrong\]/);
    expect(snapshot(untouched)).toEqual(before);
  });
});
