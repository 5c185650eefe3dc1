import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { buildRecordPdf } from '../../src/core/record/build-record-pdf';
import { openP12Signer } from '../../src/core/record/p12-signer';
import { signPdf } from '../../src/core/record/sign-pdf';
import { verifyPdf } from '../../src/core/record/verify-pdf';
import { dispatch } from '../../src/core/rpc-dispatch';
import { computeIndicators } from '../../src/core/stats/indicators';
import { OutboxRepository } from '../../src/core/store/outbox-repository';
import type { MethodInput, MethodName, MethodResult } from '../../src/shared/contract';
import { recordPageFromCorpus } from '../record/support/corpus-pages';
import { createSignedBirthRegistration } from '../e2e-support/sample-dossier';
import { pdfsig } from '../record/support/pdf-tools';
import { createTestPki, readBytes, type TestPki } from '../record/support/test-pki';
import { startTestTsa, type TestTsa } from '../record/support/test-tsa';
import { setTestAgency } from '../support/agency';
import { tempDir } from '../support/temp-dir';
import { resultPdfInput } from '../support/result-pdf-input';

/**
 * The PAdES document timestamp at the hand-back: on a result the specialised system signed, and on
 * SoHoa's own signed result when the timestamp authority did not answer at signing time.
 */
describe('a document timestamp on a signed result (result.timestamp)', () => {
  const dir = tempDir('sohoa-result-ts-');
  const scratch = tempDir('sohoa-result-ts-files-');
  let engine: Engine;
  let agency: TestPki;
  let issuer: TestPki;
  let tsa: TestTsa;
  let nextId = 1;
  let dossierId = 0;
  const files = { issued: '', scanned: '' };
  const today = new Date().toISOString().slice(0, 10);
  const dates = { receivedDate: today, dueDate: '2099-12-31' };

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
  const latest = (documentId: number) => engine.store.records.latest(documentId)!;
  const bytesOf = (documentId: number) => engine.store.blobs.get(latest(documentId).pdfSha256);
  const setTsa = (url: string) => engine.store.settings.set('signing.tsa-url', url);
  const unreachable = () => tsa.url.replace(/:\d+\//, ':1/');
  const newResult = async (path: string) => {
    const { id } = await call('result.create', { dossierId, kind: 'quyet-dinh' });
    await call('result.importPdf', resultPdfInput(id, path));
    return id;
  };

  beforeAll(async () => {
    agency = createTestPki();
    issuer = createTestPki();
    tsa = await startTestTsa(agency);
    engine = setTestAgency(Engine.open({ dataDir: dir.path, actor: 'canbo-a' }));
    await call('signer.unlock', { p12Path: agency.signerP12, password: agency.password });
    ({ id: dossierId } = await createSignedBirthRegistration(engine, { applicantName: 'Võ Thị Mai', ...dates }));
    const result = await buildRecordPdf({
      pages: [recordPageFromCorpus('viadm-863d')],
      metadata: { title: 'QĐ', digitizedAt: new Date() },
    });
    files.issued = join(scratch.path, 'quyet-dinh-da-ky.pdf');
    writeFileSync(files.issued, await signPdf(result, { signer: await openP12Signer(readBytes(issuer.signerP12), issuer.password) }));
    files.scanned = join(scratch.path, 'quyet-dinh-chua-ky.pdf');
    writeFileSync(files.scanned, result);
  }, 120_000);

  afterAll(async () => {
    await engine?.close();
    await tsa?.close();
    agency?.cleanup();
    issuer?.cleanup();
    dir.remove();
    scratch.remove();
  });

  it('refuses without an authority configured, and on a result nobody signed', async () => {
    setTsa('');
    const issued = await newResult(files.issued);
    expect(await codeOf(call('result.timestamp', { documentId: issued }))).toBe('result.tsa-not-configured');
    setTsa(tsa.url);
    const unsigned = await newResult(files.scanned);
    expect(await codeOf(call('result.timestamp', { documentId: unsigned }))).toBe('result.timestamp-unsigned');
    const component = engine.store.documents.ofDossier(dossierId).find((d) => !d.isResult)!.id;
    expect(await codeOf(call('result.timestamp', { documentId: component }))).toBe('result.not-a-result');
  });

  it('timestamps a result signed elsewhere: a new version, the issuer’s signature still valid for pdfsig, queued for the hub', async () => {
    setTsa(tsa.url);
    const documentId = await newResult(files.issued);
    const imported = latest(documentId);
    const before = bytesOf(documentId);
    const requests = tsa.requests;
    const stamped = await call('result.timestamp', { documentId });
    expect(tsa.requests).toBe(requests + 1);
    expect(stamped).toMatchObject({ documentId, version: imported.version + 1, authority: 'SoHoa Test TSA' });
    const after = bytesOf(documentId);
    expect(Buffer.from(after.subarray(0, before.length)).equals(Buffer.from(before))).toBe(true);
    expect(pdfsig(after, issuer.caCert).validity[0]).toBe('Signature is Valid.');
    const report = await verifyPdf(after, { trustAnchors: issuer.trustAnchors, fetchCrl: false });
    expect(report.intact).toBe(true);
    expect(report.documentTimestamps.map((t) => [t.valid, t.time])).toEqual([[true, stamped.time]]);
    expect(new OutboxRepository(engine.store.db).byRecord(stamped.recordId)).toBeDefined();
    const audited = engine.store.db
      .prepare(`SELECT details FROM audit_event WHERE action = 'result.timestamp' AND subject = ?`)
      .get(String(documentId)) as {
      details: string;
    };
    expect(JSON.parse(audited.details)).toMatchObject({ recordId: stamped.recordId, authority: 'SoHoa Test TSA' });
    // The workstation's view of the record: the document timestamp, dated by the authority.
    expect((await call('record.verify', { recordId: stamped.recordId })).timestamp).toEqual({
      time: stamped.time,
      authority: 'SoHoa Test TSA',
      // The token matches the file and its authority's signature verifies; whose roots vouch for it is the badge's question.
      valid: true,
      kind: 'document',
    });
  });

  it('signs anyway when the authority does not answer, says so, and the timestamp is added once it answers', async () => {
    const documentId = await newResult(files.scanned);
    setTsa(unreachable());
    const signed = await call('result.sign', { documentId });
    expect(signed).toMatchObject({ countersigned: false, timestamp: 'unreachable' });
    const signedBytes = bytesOf(documentId);
    const plain = await verifyPdf(signedBytes, { trustAnchors: agency.trustAnchors, fetchCrl: false });
    expect(plain.signatures.map((s) => s.timestamp)).toEqual([undefined]);
    expect((await call('record.verify', { recordId: signed.recordId })).timestamp).toBeNull();
    expect(await codeOf(call('result.timestamp', { documentId }))).toBe('signer.timestamp-failed');
    expect(latest(documentId).id).toBe(signed.recordId);

    setTsa(tsa.url);
    const stamped = await call('result.timestamp', { documentId });
    expect(latest(documentId)).toMatchObject({ id: stamped.recordId, signed: true, signer: latest(documentId).signer });
    const bytes = bytesOf(documentId);
    expect(pdfsig(bytes, agency.caCert).validity[0]).toBe('Signature is Valid.');
    const report = await verifyPdf(bytes, { trustAnchors: agency.trustAnchors, fetchCrl: false });
    expect(report).toMatchObject({ intact: true, modifiedAfterSigning: [] });
    expect(report.signatures[0]!.changesAfterSigning).toEqual(['a document timestamp']);
    // The dossier can be handed back with it.
    const handBack = await call('result.handBack', { dossierId, receiverName: 'Võ Thị Mai' });
    expect(handBack.receiverName).toBe('Võ Thị Mai');
  });

  it('with the authority answering, SoHoa’s signature on the result carries its timestamp (B-T)', async () => {
    const other = await createSignedBirthRegistration(engine, { applicantName: 'Đỗ Văn Nam', ...dates });
    const { id: documentId } = await call('result.create', { dossierId: other.id, kind: 'quyet-dinh' });
    await call('result.importPdf', resultPdfInput(documentId, files.scanned));
    const signed = await call('result.sign', { documentId });
    expect(signed.timestamp).toBe('present');
    const report = await verifyPdf(bytesOf(documentId), { trustAnchors: agency.trustAnchors, fetchCrl: false });
    expect(report.signatures[0]!.timestamp).toMatchObject({ valid: true, authority: 'SoHoa Test TSA' });
    expect((await call('record.verify', { recordId: signed.recordId })).timestamp?.kind).toBe('signature');
  });
  it('hands back a result signed elsewhere once SoHoa’s timestamp is on it, and counts it as a digitized result returned on time', async () => {
    setTsa(tsa.url);
    const { store } = engine;
    const other = await createSignedBirthRegistration(engine, { applicantName: 'Trần Văn Bình', ...dates });
    const intake = () => computeIndicators(store).intake;
    const before = intake();
    const { id: documentId } = await call('result.create', { dossierId: other.id, kind: 'quyet-dinh' });
    await call('result.importPdf', resultPdfInput(documentId, files.issued));
    const listed = async () => (await call('document.list', { dossierId: other.id })).find((d) => d.id === documentId)!.record!;
    // Signed by the issuer only: not yet SoHoa's electronic result, so the hand-back asks for it first.
    expect(await listed()).toMatchObject({ signed: false, sohoaTimestamp: false });
    expect(await codeOf(call('result.handBack', { dossierId: other.id, receiverName: 'Trần Văn Bình' }))).toBe('result.not-signed');

    const stamped = await call('result.timestamp', { documentId });
    expect(await listed()).toMatchObject({ id: stamped.recordId, signed: false, sohoaTimestamp: true });
    // Marked on the timestamped version itself, in the same transaction (not looked up in the audit log), and only there.
    const marks = store.db
      .prepare('SELECT version, sohoa_timestamped AS marked FROM record WHERE document_id = ? ORDER BY version')
      .all(documentId);
    expect(marks).toEqual([
      { version: stamped.version - 1, marked: 0 },
      { version: stamped.version, marked: 1 },
    ]);
    // A finished electronic result from now on: counted as digitized before the hand-back, as a SoHoa-signed one is.
    expect([intake().resultsDigitized.count, intake().onTime.count]).toEqual([before.resultsDigitized.count + 1, before.onTime.count]);
    const handBack = await call('result.handBack', { dossierId: other.id, receiverName: 'Trần Văn Bình' });
    expect(handBack).toMatchObject({ receiverName: 'Trần Văn Bình', onTime: true });
    expect(store.dossiers.get(other.id)!.status).toBe('returned');
    // The issuer's signature is still the record's first, valid; SoHoa added no signature of its own.
    const bytes = bytesOf(documentId);
    expect(pdfsig(bytes, issuer.caCert).validity).toEqual(['Signature is Valid.', expect.any(String)]);
    const after = intake();
    expect([after.resultsDigitized.count, after.onTime.count]).toEqual([before.resultsDigitized.count + 1, before.onTime.count + 1]);
    // The timestamped version is queued for the hub as the dossier's result, with its hand-back.
    const queued = engine.store.db
      .prepare(
        `SELECT o.state, doc.is_result AS isResult FROM outbox_item o JOIN record r ON r.id = o.record_id JOIN document doc ON doc.id = r.document_id WHERE r.id = ?`,
      )
      .get(stamped.recordId);
    expect(queued).toEqual({ state: 'waiting', isResult: 1 });
  });
});
