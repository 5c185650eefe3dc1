import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { verifyPdf } from '../../src/core/record/verify-pdf';
import { addReadDocument } from '../e2e-support/read-document';
import { recordPageFromCorpus } from '../record/support/corpus-pages';
import { createTestPki, type TestPki } from '../record/support/test-pki';
import { startTestTsa, type TestTsa } from '../record/support/test-tsa';
import { setTestAgency } from '../support/agency';
import { tempDir } from '../support/temp-dir';

/**
 * A waiting timestamp (the record was signed while the authority did not answer) that cannot be added
 * for another reason than the authority refusing: the failure is recorded against its document with a
 * code (the desk's notice and the sync status show it), audited, and the round goes on with the others
 * and on to the send.
 */
describe('waiting timestamps that fail for another reason than the authority', () => {
  const dir = tempDir('sohoa-timestamp-failures-');
  let pki: TestPki;
  let engine: Engine;
  let tsa: TestTsa;
  const documents: number[] = [];
  const latest = (documentId: number) => engine.store.records.latest(documentId)!;
  const failuresAudited = () =>
    (
      engine.store.db.prepare(`SELECT subject, details FROM audit_event WHERE action = 'record.timestamp-failed' ORDER BY seq`).all() as {
        subject: string;
        details: string;
      }[]
    ).map((e) => [Number(e.subject), (JSON.parse(e.details) as { code: string }).code]);

  /** A dossier with one read document, finalized while the authority refuses: its record waits for the timestamp. */
  async function signedWhileDown(name: string): Promise<number> {
    const { id } = await engine.handlers['dossier.create']({
      procedureCode: 'MAU-HT-01',
      applicantName: name,
      applicantCccd: '074190000123',
      receivedDate: '2026-11-23',
    });
    const documentId = await addReadDocument(engine.store, id, 'Tờ khai đăng ký khai sinh', [recordPageFromCorpus('viadm-2833')], {
      title: 'Tờ khai',
    });
    const result = await engine.handlers['dossier.finalize']({ dossierId: id, confirmMissing: true });
    expect(result.timestampPending).toEqual([documentId]);
    documents.push(documentId);
    return documentId;
  }

  beforeAll(async () => {
    pki = createTestPki();
    tsa = await startTestTsa(pki, { answer: 'refuse' });
    engine = setTestAgency(Engine.open({ dataDir: dir.path, actor: 'can-bo-1' }));
    engine.store.settings.set('signing.tsa-url', tsa.url);
    await engine.handlers['signer.unlock']({ p12Path: pki.signerP12, password: pki.password });
  }, 120_000);
  afterAll(async () => {
    await engine.close();
    await tsa?.close();
    pki?.cleanup();
    dir.remove();
  });

  it('a damaged stored record: coded and audited against its document, and the round still stamps the others and goes on to the send', async () => {
    const damaged = await signedWhileDown('Đỗ Thị Mai');
    const others = [await signedWhileDown('Lê Văn Hùng'), await signedWhileDown('Trần Thị Lan')];
    // One byte of the signed record's stored file changed on disk.
    const file = engine.store.blobs.pathOf(latest(damaged).pdfSha256);
    const bytes = readFileSync(file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    writeFileSync(file, bytes);
    const damagedVersion = latest(damaged).version;
    tsa.answer = 'token';

    const status = await engine.sync.runNow();

    // The others got their timestamp in the same round; the damaged one waits, with its reason.
    expect(others.map((d) => engine.store.timestampsPending.list().some((p) => p.documentId === d))).toEqual([false, false]);
    expect(latest(damaged).version).toBe(damagedVersion);
    const pending = await engine.handlers['record.pendingTimestamps']({});
    expect(pending.documentIds).toEqual([damaged]);
    expect(pending.failures).toEqual([{ documentId: damaged, code: 'store.blob-tampered', message: expect.any(String), attempts: 1 }]);
    expect(failuresAudited()).toEqual([[damaged, 'store.blob-tampered']]);
    // The sync status says it, and the round went on past it to the send (no hub here: not enrolled).
    expect(status.lastRun?.timestamps.map((t) => [t.documentId, t.code])).toEqual([[damaged, 'store.blob-tampered']]);
    expect(status.lastRun?.error?.code).toBe('sync.not-enrolled');
  });

  it('an authority that stays down: each round counts an attempt, the audit log said it once at signing', async () => {
    tsa.answer = 'refuse';
    const waiting = await signedWhileDown('Vũ Thị Hoa');
    const audited = () => failuresAudited().filter(([documentId]) => documentId === waiting);

    await engine.sync.runNow();
    await engine.sync.runNow();
    await engine.sync.runNow();

    const pending = await engine.handlers['record.pendingTimestamps']({});
    expect(pending.failures.find((f) => f.documentId === waiting)).toMatchObject({ code: 'signer.timestamp-failed', attempts: 3 });
    // The signing said it once ("timestamp pending"); the rounds that find the authority still down add nothing.
    const signing = engine.store.db
      .prepare(`SELECT details FROM audit_event WHERE action = 'record.sign' AND subject = ?`)
      .all(String(waiting)) as { details: string }[];
    expect(signing.map((e) => (JSON.parse(e.details) as { timestamp?: string }).timestamp)).toEqual(['pending']);
    expect(audited()).toEqual([]);
  });

  it('an authority answer that does not verify: not added, coded and audited, and the round ends as on a refusal', async () => {
    tsa.answer = 'refuse';
    const unverified = await signedWhileDown('Phạm Văn Nam');
    const signed = latest(unverified);
    tsa.answer = 'bad-signature';
    const asked = tsa.requests;

    const status = await engine.sync.runNow();

    // An authority whose tokens do not verify fails every document alike: its first answer ends the round.
    expect(tsa.requests).toBe(asked + 1);
    // (The record damaged in the first case still fails before it, on its own.)
    const failures = status.lastRun!.timestamps;
    expect(failures.filter((t) => t.code === 'signer.timestamp-invalid')).toHaveLength(1);
    expect(failures.at(-1)?.code).toBe('signer.timestamp-invalid');
    const tried = failures.at(-1)!.documentId;
    const pending = await engine.handlers['record.pendingTimestamps']({});
    expect(pending.failures.find((f) => f.documentId === tried)).toMatchObject({ code: 'signer.timestamp-invalid' });
    expect(failuresAudited()).toContainEqual([tried, 'signer.timestamp-invalid']);
    expect(pending.documentIds).toContain(unverified);
    expect(latest(unverified).version).toBe(signed.version);
    expect(latest(unverified).pdfSha256).toBe(signed.pdfSha256);
    expect(status.lastRun?.error?.code).toBe('sync.not-enrolled');
  });

  it('a token that does not verify at signing: the record is signed without it and waits, with the reason', async () => {
    tsa.answer = 'bad-signature';
    const asked = tsa.requests;
    const documentId = await signedWhileDown('Hoàng Văn Sơn');

    expect(tsa.requests).toBeGreaterThan(asked);
    const report = await verifyPdf(engine.store.blobs.get(latest(documentId).pdfSha256), { trustAnchors: [], fetchCrl: false });
    expect(report.signatures).toHaveLength(1);
    expect(report.signatures[0]!.timestamp).toBeUndefined();
    expect(report.documentTimestamps).toEqual([]);
    const pending = await engine.handlers['record.pendingTimestamps']({});
    expect(pending.documentIds).toContain(documentId);
    expect(engine.store.timestampsPending.list().find((p) => p.documentId === documentId)?.lastError?.code).toBe(
      'signer.timestamp-invalid',
    );
  });
});
