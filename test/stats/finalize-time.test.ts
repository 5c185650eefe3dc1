import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { buildRecordPdf } from '../../src/core/record/build-record-pdf';
import { computeIndicators } from '../../src/core/stats/indicators';
import { recordPageFromCorpus } from '../record/support/corpus-pages';
import { createTestPki, type TestPki } from '../record/support/test-pki';
import { tempDir } from '../support/temp-dir';
import { setTestAgency } from '../support/agency';

describe('finalizing a dossier at the desk', () => {
  const dir = tempDir();
  let pki: TestPki;
  let engine: Engine;
  let dossierId: number;

  beforeAll(async () => {
    pki = createTestPki();
    engine = setTestAgency(Engine.open({ dataDir: dir.path }));
    const { store } = engine;
    // Received long ago with a due date that has passed: finalizing it does not close it, handing back the result does.
    dossierId = (
      await engine.handlers['dossier.create']({
        procedureCode: 'MAU-HT-01',
        applicantName: 'Đỗ Thị Mai',
        applicantCccd: '074190000123',
        receivedDate: '2021-05-04',
        dueDate: '2021-05-05',
      })
    ).id;
    const page = recordPageFromCorpus('viadm-2833');
    const documentId = store.documents.create(dossierId, 'Tờ khai', null);
    const pageId = store.pages.addPage(documentId, store.blobs.put(page.image), 'scan').id;
    store.db.prepare(`UPDATE page SET state = 'read' WHERE id = ?`).run(pageId);
    const pdf = await buildRecordPdf({ pages: [page], metadata: { title: 'Tờ khai', digitizedAt: new Date() } });
    store.records.addVersion(documentId, store.blobs.put(pdf), null);
  });
  afterAll(async () => {
    await engine.close();
    pki?.cleanup();
    dir.remove();
  });

  it('records when it was finalized, once, and the dashboard still counts it open past due until its result is handed back', async () => {
    expect(computeIndicators(engine.store).intake.openPastDue.count).toBe(1);
    await engine.handlers['signer.unlock']({ p12Path: pki.signerP12, password: pki.password });
    const before = new Date().toISOString();
    await engine.handlers['dossier.finalize']({ dossierId, confirmMissing: true });
    const after = new Date().toISOString();
    const finalizedAt = () =>
      (engine.store.db.prepare('SELECT finalized_at AS at FROM dossier WHERE id = ?').get(dossierId) as { at: string }).at;
    const first = finalizedAt();
    expect(first >= before && first <= after).toBe(true);
    await engine.handlers['dossier.finalize']({ dossierId, confirmMissing: true });
    expect(finalizedAt()).toBe(first);
    const intake = computeIndicators(engine.store).intake;
    expect([intake.late.count, intake.onTime.count, intake.openPastDue.count]).toEqual([0, 0, 1]);
  });
});
