import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { Engine } from '../../src/core/engine';
import { openP12Signer } from '../../src/core/record/p12-signer';
import { signPdf } from '../../src/core/record/sign-pdf';
import { readTrustAnchors } from '../../src/core/record/trust-anchors';
import { dispatch } from '../../src/core/rpc-dispatch';
import { OutboxRepository } from '../../src/core/store/outbox-repository';
import { WorkstationSync } from '../../src/core/sync/workstation-sync';
import { PadesRecordVerifier } from '../../src/hub/pades-record-verifier';
import type { MethodInput, MethodName, MethodResult } from '../../src/shared/contract';
import { startTestHub, type TestHub } from '../hub/support/hub-harness';
import { startPostgres, type TestPostgres } from '../hub/support/postgres';
import { createSignedBirthRegistration } from '../e2e-support/sample-dossier';
import { pdfsig, run, withPdfFile } from '../record/support/pdf-tools';
import { createForeignSigners, createTestPki, readBytes, type TestPki } from '../record/support/test-pki';
import { startTestTsa, type TestTsa } from '../record/support/test-tsa';
import { setTestAgency } from '../support/agency';
import { tempDir } from '../support/temp-dir';

/**
 * A result's way from the specialised system to the hub, on a real workstation and a real hub: the
 * unsigned PDF is given SoHoa's XMP before SoHoa signs it; the one signed by another CA keeps its
 * bytes and its signature, is timestamped by SoHoa and taken without the XMP.
 */
describe('results imported from the specialised system, synced to the hub', () => {
  const dir = tempDir('sohoa-result-xmp-');
  const scratch = tempDir('sohoa-result-xmp-files-');
  const blobs = tempDir('sohoa-result-xmp-hub-');
  let postgres: TestPostgres;
  let hub: TestHub;
  let pool: pg.Pool;
  let engine: Engine;
  let sync: WorkstationSync;
  let agency: TestPki;
  let issuer: ReturnType<typeof createForeignSigners>;
  let tsa: TestTsa;
  let dossierId = 0;
  let dossierCode = '';
  let nextId = 1;
  const files = { unsigned: '', issued: '' };

  async function call<K extends MethodName>(method: K, params: MethodInput<K>): Promise<MethodResult<K>> {
    const reply = await dispatch(engine.handlers, { kind: 'call', id: nextId++, method, params });
    if (!reply.ok) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
    return reply.result as MethodResult<K>;
  }
  const bytesOf = (recordId: number) => engine.store.blobs.get(engine.store.records.get(recordId)!.pdfSha256);
  const hubHas = async (sha256: string) => (await pool.query('SELECT 1 FROM record WHERE sha256 = $1', [sha256])).rowCount === 1;

  beforeAll(async () => {
    postgres = await startPostgres();
    const url = await postgres.createDatabase('hub_result_xmp');
    pool = new pg.Pool({ connectionString: url });
    agency = createTestPki();
    issuer = createForeignSigners('Sở Tư pháp', 'issuer-pass');
    tsa = await startTestTsa(agency);
    hub = await startTestHub(url, blobs.path, {
      verifier: new PadesRecordVerifier([...agency.trustAnchors, ...readTrustAnchors([issuer.otherCaCert])]),
    });
    engine = setTestAgency(Engine.open({ dataDir: dir.path, actor: 'canbo-a' }));
    sync = new WorkstationSync(engine);
    await sync.enroll(hub.url, await hub.hub.credentials.issueCode(), 'desk');
    await call('signer.unlock', { p12Path: agency.signerP12, password: agency.password });
    ({ id: dossierId, code: dossierCode } = await createSignedBirthRegistration(engine, { applicantName: 'Võ Thị Mai' }));
    // What the specialised system hands over: a plain PDF with no SoHoa metadata, signed or not.
    const plain = await PDFDocument.create();
    plain
      .addPage([595, 842])
      .drawText('QUYET DINH 45/QD-UBND', { x: 60, y: 760, size: 14, font: await plain.embedFont(StandardFonts.Helvetica) });
    const plainBytes = await plain.save({ useObjectStreams: false });
    files.unsigned = join(scratch.path, 'quyet-dinh.pdf');
    writeFileSync(files.unsigned, plainBytes);
    files.issued = join(scratch.path, 'giay-chung-nhan-da-ky.pdf');
    const issuerSigner = await openP12Signer(readBytes(issuer.otherCaP12), 'issuer-pass');
    writeFileSync(files.issued, await signPdf(plainBytes, { signer: issuerSigner, stamp: false }));
  }, 120_000);

  afterAll(async () => {
    await engine?.close();
    await hub?.close();
    await pool?.end();
    await tsa?.close();
    postgres?.stop();
    agency?.cleanup();
    issuer?.cleanup();
    for (const d of [dir, scratch, blobs]) d.remove();
  });

  it('writes SoHoa’s XMP into an unsigned imported result, signs it, and the hub takes it', async () => {
    const { id: documentId } = await call('result.create', { dossierId, kind: 'quyet-dinh' });
    await call('result.importPdf', { documentId, name: 'unsigned.pdf', dataBase64: readFileSync(files.unsigned).toString('base64') });
    const signed = await call('result.sign', { documentId });
    const bytes = bytesOf(signed.recordId);
    const meta = withPdfFile(bytes, (path) => run('pdfinfo', ['-meta', path]).stdout);
    expect(meta).toContain('<sohoa:documentKind>quyet-dinh</sohoa:documentKind>');
    expect(meta).toContain(`<sohoa:dossierCode>${dossierCode}</sohoa:dossierCode>`);
    expect(pdfsig(bytes, agency.caCert).validity).toEqual(['Signature is Valid.']);
    await sync.send({ backoff: { baseMs: 50, maxMs: 200 }, maxWaitMs: 20_000 });
    const entry = new OutboxRepository(engine.store.db).byRecord(signed.recordId)!;
    expect({ state: entry.state, rejection: entry.rejectionCode }).toEqual({ state: 'acknowledged', rejection: null });
    expect(await hubHas(engine.store.records.get(signed.recordId)!.pdfSha256)).toBe(true);
  });

  it('keeps a result signed by another CA as issued, timestamps it, and the hub takes it without the XMP', async () => {
    engine.store.settings.set('signing.tsa-url', tsa.url);
    const { id: documentId } = await call('result.create', { dossierId, kind: 'giay-chung-nhan' });
    await call('result.importPdf', { documentId, name: 'issued.pdf', dataBase64: readFileSync(files.issued).toString('base64') });
    const stamped = await call('result.timestamp', { documentId });
    const bytes = bytesOf(stamped.recordId);
    expect(withPdfFile(bytes, (path) => run('pdfinfo', ['-meta', path]).stdout)).not.toContain('sohoa:');
    expect(pdfsig(bytes, issuer.otherCaCert).validity[0]).toBe('Signature is Valid.');
    await sync.send({ backoff: { baseMs: 50, maxMs: 200 }, maxWaitMs: 20_000 });
    const entry = new OutboxRepository(engine.store.db).byRecord(stamped.recordId)!;
    expect({ state: entry.state, rejection: entry.rejectionCode }).toEqual({ state: 'acknowledged', rejection: null });
    expect(await hubHas(engine.store.records.get(stamped.recordId)!.pdfSha256)).toBe(true);
  });
});
