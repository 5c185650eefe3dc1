import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { dispatch } from '../../src/core/rpc-dispatch';
import { computeBacklog } from '../../src/core/stats/indicators';
import type { MethodInput, MethodName, MethodResult } from '../../src/shared/contract';
import { tempDir } from '../support/temp-dir';
import { setTestAgency } from '../support/agency';
import { insertArchiveDossier } from '../support/archive-dossier';

/** Archive folders of one batch: each with its documents, which are signed, and which the QC station marks as the result. */
const folders = [
  { docs: [{ signed: true }, { signed: true, markResult: true }] },
  { docs: [{ signed: true }, { signed: false, markResult: true }] },
  { docs: [{ signed: true }] },
  {
    docs: [
      { signed: true, markResult: true },
      { signed: true, markResult: true },
    ],
  },
];

describe('archive results marked at the QC station', () => {
  const dir = tempDir('sohoa-archive-result-');
  let engine: Engine;
  let batchId = 0;
  let otherBatch = 0;
  let nextId = 1;
  const documents: number[][] = [];

  async function call<K extends MethodName>(method: K, params: MethodInput<K>): Promise<MethodResult<K>> {
    const reply = await dispatch(engine.handlers, { kind: 'call', id: nextId++, method, params });
    if (!reply.ok) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
    return reply.result as MethodResult<K>;
  }
  const codeOf = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (e: { code: string }) => e.code,
    );

  beforeAll(() => {
    engine = setTestAgency(Engine.open({ dataDir: dir.path }));
    const { store } = engine;
    const newBatch = (name: string) =>
      Number(
        store.db.prepare(`INSERT INTO batch (name, source, created_at) VALUES (?, '/lt', ?)`).run(name, new Date().toISOString())
          .lastInsertRowid,
      );
    batchId = newBatch('Hộp 2020');
    otherBatch = newBatch('Hộp 2021');
    for (const [i, folder] of folders.entries()) {
      const prefix = `LT-${batchId}-`;
      const d = insertArchiveDossier(engine, { batchId, box: 'H1', archiveNumber: String(i + 1), year: 2020, prefix });
      documents.push(
        folder.docs.map((doc, k) => {
          const docId = store.documents.create(d.id, 'Hồ sơ lưu trữ', null);
          store.records.addVersion(
            docId,
            store.blobs.put(Buffer.from(`archive ${i} ${k}`)),
            doc.signed ? { signer: 'CN=Test', signedAt: new Date().toISOString() } : null,
          );
          return docId;
        }),
      );
    }
  });
  afterAll(async () => {
    await engine.close();
    dir.remove();
  });

  it('counts the dossiers whose marked result is signed, counted apart from what was put in', async () => {
    expect(computeBacklog(engine.store).resultsDigitized).toBe(0);
    for (const [i, folder] of folders.entries()) {
      for (const [k, doc] of folder.docs.entries())
        if (doc.markResult) await call('batch.markResult', { batchId, documentId: documents[i]![k]!, kind: 'giay-chung-nhan' });
    }
    const expected = folders.filter((f) => f.docs.some((d) => d.markResult && d.signed)).length;
    expect(expected).toBe(2);
    expect(computeBacklog(engine.store).resultsDigitized).toBe(expected);
    // Unmarked again: no longer counted.
    await call('batch.markResult', { batchId, documentId: documents[0]![1]!, isResult: false });
    expect(computeBacklog(engine.store).resultsDigitized).toBe(expected - 1);
  });

  it('refuses a document of another batch, or of an intake dossier, with a coded error', async () => {
    expect(await codeOf(call('batch.markResult', { batchId: otherBatch, documentId: documents[2]![0]! }))).toBe('archive.not-in-batch');
    const intake = await call('dossier.create', {
      procedureCode: 'MAU-HT-01',
      applicantName: 'Lý Văn Tám',
      applicantCccd: '074190000123',
      receivedDate: '2021-03-01',
    });
    const docId = engine.store.documents.create(intake.id, null, null);
    expect(await codeOf(call('batch.markResult', { batchId, documentId: docId }))).toBe('archive.not-in-batch');
    expect(computeBacklog(engine.store).resultsDigitized).toBe(1);
  });
});
