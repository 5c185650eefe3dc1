import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { verifyPdf } from '../../src/core/record/verify-pdf';
import { recordPageFromCorpus } from '../record/support/corpus-pages';
import { addReadDocument } from '../e2e-support/read-document';
import { pdfsig } from '../record/support/pdf-tools';
import { createTestPki, type TestPki } from '../record/support/test-pki';
import { startTestTsa, type TestTsa } from '../record/support/test-tsa';
import { tempDir } from '../support/temp-dir';
import { setTestAgency } from '../support/agency';

/**
 * The timestamp authority is down while the clerk signs the intake: the dossier is signed all the
 * same (without the timestamp), marked as waiting for it, and the document timestamp is added as an
 * incremental update once the authority answers again, on the next sync run or at the clerk's request.
 */
describe('dossier.finalize while the timestamp authority is down', () => {
  const dir = tempDir('sohoa-finalize-tsa-down-');
  let pki: TestPki;
  let engine: Engine;
  let tsa: TestTsa;
  const dossiers: number[] = [];
  const documents: number[] = [];
  const latest = (documentId: number) => engine.store.records.latest(documentId)!;
  const pdfOf = (documentId: number) => engine.store.blobs.get(latest(documentId).pdfSha256);
  const auditOf = (action: string) =>
    (
      engine.store.db.prepare(`SELECT subject, details FROM audit_event WHERE action = ? ORDER BY seq`).all(action) as {
        subject: string;
        details: string;
      }[]
    ).map((e) => ({ subject: e.subject, details: JSON.parse(e.details) as Record<string, unknown> }));

  async function readDossier(name: string) {
    const { id } = await engine.handlers['dossier.create']({
      procedureCode: 'MAU-HT-01',
      applicantName: name,
      applicantCccd: '074190000123',
      receivedDate: '2026-11-23',
    });
    const documentId = await addReadDocument(engine.store, id, 'Tờ khai đăng ký khai sinh', [recordPageFromCorpus('viadm-2833')], {
      title: 'Tờ khai',
    });
    dossiers.push(id);
    documents.push(documentId);
  }

  beforeAll(async () => {
    pki = createTestPki();
    // A real authority that refuses every query (HTTP 503) until the test lets it answer. It keeps its
    // address meanwhile: stopping it and listening on the same port again later raced with any other
    // process on the machine taking that port in between.
    tsa = await startTestTsa(pki, { answer: 'refuse' });
    engine = setTestAgency(Engine.open({ dataDir: dir.path, actor: 'can-bo-1' }));
    engine.store.settings.set('signing.tsa-url', tsa.url);
    await engine.handlers['signer.unlock']({ p12Path: pki.signerP12, password: pki.password });
    await readDossier('Đỗ Thị Mai');
    await readDossier('Lê Văn Hùng');
  }, 120_000);
  afterAll(async () => {
    await engine.close();
    await tsa?.close();
    pki?.cleanup();
    dir.remove();
  });

  it('signs the dossier without the timestamp and marks its record as waiting for it', async () => {
    const result = await engine.handlers['dossier.finalize']({ dossierId: dossiers[0]!, confirmMissing: true });
    expect(result.signed.map((s) => s.documentId)).toEqual([documents[0]]);
    expect(result.timestampPending).toEqual([documents[0]]);
    expect((await engine.handlers['dossier.get']({ id: dossiers[0]! })).status).toBe('finalized');
    const report = await verifyPdf(pdfOf(documents[0]!), { trustAnchors: pki.trustAnchors, fetchCrl: false });
    expect([report.intact, report.signatures.length, report.signatures[0]!.timestamp ?? null, report.documentTimestamps.length]).toEqual([
      true,
      1,
      null,
      0,
    ]);
    expect(await engine.handlers['record.pendingTimestamps']({ dossierId: dossiers[0]! })).toMatchObject({ documentIds: [documents[0]] });
    expect(auditOf('record.sign').at(-1)!.details).toMatchObject({ timestamp: 'pending' });
    expect(auditOf('dossier.finalize').at(-1)!.details).toMatchObject({ timestampPending: [documents[0]] });
    // The second dossier too: two records wait.
    await engine.handlers['dossier.finalize']({ dossierId: dossiers[1]!, confirmMissing: true });
    expect((await engine.handlers['record.pendingTimestamps']({})).documentIds.sort()).toEqual([...documents].sort());
  });

  it('asking again while the authority is still down adds nothing and keeps both waiting', async () => {
    const versions = documents.map((d) => latest(d).version);
    const again = await engine.handlers['record.addPendingTimestamps']({ dossierId: dossiers[0]! });
    expect(again).toMatchObject({ stamped: [], stillPending: [documents[0]] });
    expect(again.failed.map((f) => [f.documentId, f.code])).toEqual([[documents[0], 'signer.timestamp-failed']]);
    expect(documents.map((d) => latest(d).version)).toEqual(versions);
    expect(auditOf('record.timestamp')).toEqual([]);
    expect(tsa.requests).toBe(0);
  });

  it('once the authority answers, the clerk’s request stamps the dossier’s record, the sync run the other; each signature stays valid', async () => {
    tsa.answer = 'token';
    const signedVersion = latest(documents[0]!);
    const signedBytes = pdfOf(documents[0]!);
    const asked = await engine.handlers['record.addPendingTimestamps']({ dossierId: dossiers[0]! });
    expect(asked.stamped.map((s) => s.documentId)).toEqual([documents[0]]);
    expect(asked.stillPending).toEqual([]);
    expect(tsa.requests).toBe(1);
    const stamped = latest(documents[0]!);
    expect([stamped.version, stamped.signed, stamped.signer]).toEqual([signedVersion.version + 1, true, signedVersion.signer]);
    const bytes = pdfOf(documents[0]!);
    // An incremental update: the signed file is the stamped file's first bytes, unchanged.
    expect(Buffer.from(bytes.subarray(0, signedBytes.length)).equals(signedBytes)).toBe(true);
    expect(pdfsig(bytes, pki.caCert).validity[0]).toBe('Signature is Valid.');
    const report = await verifyPdf(bytes, { trustAnchors: pki.trustAnchors, fetchCrl: false });
    expect([report.intact, report.signatures.length, report.documentTimestamps.map((t) => t.valid)]).toEqual([true, 1, [true]]);
    expect(engine.store.db.prepare('SELECT count(*) FROM outbox_item WHERE record_id = ?').pluck().get(stamped.id)).toBe(1);

    // The other waits for the sync schedule: a run (not enrolled with a hub here) adds it first.
    expect(await engine.handlers['record.pendingTimestamps']({})).toMatchObject({ documentIds: [documents[1]] });
    await engine.sync.runNow();
    expect(await engine.handlers['record.pendingTimestamps']({})).toEqual({ documentIds: [], failures: [] });
    const other = await verifyPdf(pdfOf(documents[1]!), { trustAnchors: pki.trustAnchors, fetchCrl: false });
    expect([other.intact, other.signatures.length, other.documentTimestamps.map((t) => t.valid)]).toEqual([true, 1, [true]]);
    expect(auditOf('record.timestamp').map((e) => [e.subject, e.details.authority])).toEqual([
      [String(documents[0]), 'SoHoa Test TSA'],
      [String(documents[1]), 'SoHoa Test TSA'],
    ]);
  });
});
