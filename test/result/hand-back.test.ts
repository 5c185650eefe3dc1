import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { createPipelineStages } from '../../src/core/jobs/real-stages';
import { buildRecordPdf } from '../../src/core/record/build-record-pdf';
import { openP12Signer } from '../../src/core/record/p12-signer';
import { signPdf } from '../../src/core/record/sign-pdf';
import { dispatch } from '../../src/core/rpc-dispatch';
import { OutboxRepository } from '../../src/core/store/outbox-repository';
import { descriptorOf } from '../../src/core/sync/sync-runner';
import { computeIndicators } from '../../src/core/stats/indicators';
import type { MethodInput, MethodName, MethodResult } from '../../src/shared/contract';
import { corpusPage } from '../e2e-support/desk-fixtures';
import { recordPageFromCorpus } from '../record/support/corpus-pages';
import { pdfsig, pdftotext, qpdfCheck } from '../record/support/pdf-tools';
import { createTestPki, readBytes, type TestPki } from '../record/support/test-pki';
import { tempDir } from '../support/temp-dir';
import { setTestAgency } from '../support/agency';
import { resultPdfInput } from '../support/result-pdf-input';

/**
 * Two dossiers received before the 30 April and 1 May holidays, both finalized at intake, then each
 * given its result (one imported already signed by the specialised system, one scanned) and handed back.
 */
const plans = [
  { name: 'Lê Văn Hùng', received: '2026-04-27', due: '2026-04-30', returnedAt: '2026-05-04T03:00:00.000Z' },
  { name: 'Trần Thị Hoa', received: '2026-04-28', due: '2026-05-05', returnedAt: '2026-05-08T03:00:00.000Z' },
];

describe('handing back the result (Trả kết quả) through the engine contract', () => {
  const dir = tempDir('sohoa-result-');
  const scratch = tempDir('sohoa-result-files-');
  let stages: ReturnType<typeof createPipelineStages>;
  let engine: Engine;
  let agency: TestPki;
  let issuer: TestPki;
  let nextId = 1;
  const dossierIds: number[] = [];
  let issuedPdf: Uint8Array;
  let importedDoc = 0;
  let scannedDoc = 0;

  async function call<K extends MethodName>(method: K, params: MethodInput<K>): Promise<MethodResult<K>> {
    const reply = await dispatch(engine.handlers, { kind: 'call', id: nextId++, method, params });
    if (!reply.ok) throw Object.assign(new Error(reply.error.message), { code: reply.error.code, details: reply.error.details });
    return reply.result as MethodResult<K>;
  }
  const codeOf = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (e: { code: string }) => e.code,
    );
  const latestPdf = (documentId: number) => engine.store.blobs.get(engine.store.records.latest(documentId)!.pdfSha256);

  beforeAll(async () => {
    agency = createTestPki();
    issuer = createTestPki();
    stages = createPipelineStages({ dataDir: dir.path, ocrWorkers: 1 });
    engine = setTestAgency(Engine.open({ dataDir: dir.path, actor: 'canbo-a', pipeline: { stages, concurrency: 2 } }));
    await call('signer.unlock', { p12Path: agency.signerP12, password: agency.password });
    for (const p of plans) {
      const d = await call('dossier.create', {
        procedureCode: 'MAU-HT-01',
        applicantName: p.name,
        applicantCccd: '074190000123',
        receivedDate: p.received,
        dueDate: p.due,
      });
      dossierIds.push(d.id);
      // Its component, digitized at intake: a record built from a corpus page, then the dossier signed.
      const { store } = engine;
      const page = recordPageFromCorpus('viadm-2833');
      const documentId = store.documents.create(d.id, 'Tờ khai', null);
      const pageId = store.pages.addPage(documentId, store.blobs.put(page.image), 'scan').id;
      store.db.prepare(`UPDATE page SET state = 'read' WHERE id = ?`).run(pageId);
      store.records.addVersion(
        documentId,
        store.blobs.put(await buildRecordPdf({ pages: [page], metadata: { title: 'Tờ khai', digitizedAt: new Date() } })),
        null,
      );
      await call('dossier.finalize', { dossierId: d.id, confirmMissing: true });
    }
    // The certificate as the specialised system issues it: signed by another agency's certificate.
    const issuerSigner = await openP12Signer(readBytes(issuer.signerP12), issuer.password);
    const unsigned = await buildRecordPdf({
      pages: [recordPageFromCorpus('viadm-863d')],
      metadata: { title: 'Giấy chứng nhận', digitizedAt: new Date() },
    });
    issuedPdf = await signPdf(unsigned, { signer: issuerSigner, stamp: false });
    writeFileSync(join(scratch.path, 'giay-chung-nhan.pdf'), issuedPdf);
    writeFileSync(join(scratch.path, 'not-a-pdf.pdf'), 'hello');
  }, 120_000);

  afterAll(async () => {
    await engine?.close();
    await stages?.close();
    agency?.cleanup();
    issuer?.cleanup();
    dir.remove();
    scratch.remove();
  });

  it('adds a result to a finalized dossier, while its components stay locked', async () => {
    const [first] = dossierIds;
    expect((await call('dossier.get', { id: first! })).status).toBe('finalized');
    expect(await codeOf(call('document.create', { dossierId: first! }))).toBe('dossier.finalized');
    importedDoc = (await call('result.create', { dossierId: first!, kind: 'giay-chung-nhan', number: '123/GCN', date: '2026-04-29' })).id;
    expect(await codeOf(call('result.importPdf', resultPdfInput(importedDoc, join(scratch.path, 'not-a-pdf.pdf'))))).toBe(
      'result.pdf-unreadable',
    );
    const component = engine.store.documents.ofDossier(first!)[0]!.id;
    expect(await codeOf(call('result.importPdf', resultPdfInput(component, join(scratch.path, 'giay-chung-nhan.pdf'))))).toBe(
      'result.not-a-result',
    );
    const imported = await call('result.importPdf', resultPdfInput(importedDoc, join(scratch.path, 'giay-chung-nhan.pdf')));
    expect(imported).toMatchObject({ pageCount: 1, signatures: 1 });
    expect(Buffer.from(latestPdf(importedDoc)).equals(Buffer.from(issuedPdf))).toBe(true);
  });

  it('counter-signs an already signed result as an incremental update: the issuer’s signature stays valid', async () => {
    const signed = await call('result.sign', { documentId: importedDoc });
    expect(signed).toMatchObject({ countersigned: true, signaturesBefore: 1, version: 2 });
    const bytes = latestPdf(importedDoc);
    expect(Buffer.from(bytes.subarray(0, issuedPdf.length)).equals(Buffer.from(issuedPdf))).toBe(true);
    expect(qpdfCheck(bytes).status).toBe(0);
    const sig = pdfsig(bytes);
    expect(sig.validity).toEqual(['Signature is Valid.', 'Signature is Valid.']);
    // The issuer's page carries no stamp of ours.
    expect(pdftotext(bytes)).not.toContain('SAO Y');
    // Queued for the hub, and sent marked as the result; the intake's component is not.
    const outbox = new OutboxRepository(engine.store.db);
    expect(descriptorOf(outbox.byRecord(signed.recordId)!, bytes.length)).toMatchObject({ isResult: true, version: 2 });
    const component = engine.store.records.latest(engine.store.documents.ofDossier(dossierIds[0]!)[0]!.id)!;
    expect(descriptorOf(outbox.byRecord(component.id)!, 1).isResult).toBe(false);
  });

  it(
    'reads a scanned result like any page, keeps the clerk’s number in place, and signs it with the copy stamp',
    { timeout: 240_000 },
    async () => {
      const second = dossierIds[1]!;
      scannedDoc = (await call('result.create', { dossierId: second, kind: 'quyet-dinh', number: '45/QĐ-UBND' })).id;
      expect(await codeOf(call('result.sign', { documentId: scannedDoc }))).toBe('result.not-ready');
      const added = await call('document.importFiles', { documentId: scannedDoc, paths: [corpusPage('viadm-82f0').path] });
      expect(added.added).toHaveLength(1);
      await engine.idle();
      expect((await call('dossier.get', { id: second })).status).toBe('finalized');
      const fields = await call('document.fields', { documentId: scannedDoc });
      expect(fields.find((f) => f.name === 'docNumber')).toMatchObject({ value: '45/QĐ-UBND', corrected: true });
      await call('document.setField', { documentId: scannedDoc, name: 'docDate', value: '2026-05-06' });
      await engine.idle();
      const signed = await call('result.sign', { documentId: scannedDoc });
      expect(signed).toMatchObject({ countersigned: false, signaturesBefore: 0 });
      const bytes = latestPdf(scannedDoc);
      expect(pdfsig(bytes, agency.caCert).validity).toEqual(['Signature is Valid.']);
      const text = pdftotext(bytes, '-f', '1', '-l', '1');
      expect(text).toContain('SAO Y');
      expect(text.length).toBeGreaterThan(200);
    },
  );

  it('judges on time against the working-day calendar the administrator sets for the year', async () => {
    const first = dossierIds[0]!;
    const at = plans[0]!.returnedAt;
    expect(await call('result.timeliness', { dossierId: first, returnedAt: at })).toMatchObject({
      dueDate: '2026-04-30',
      deadline: '2026-04-30',
      onTime: false,
      workingDaysLate: 2,
    });
    expect(await call('calendar.setHolidays', { year: 2026, days: ['2026-01-01', '2026-04-30', '2026-05-01'] })).toEqual({
      year: 2026,
      days: ['2026-01-01', '2026-04-30', '2026-05-01'],
    });
    expect(await codeOf(call('calendar.setHolidays', { year: 2026, days: ['2025-12-31'] }))).toBe('input.invalid');
    expect((await call('calendar.holidays', { year: 2026 })).days).toHaveLength(3);
    expect(await call('result.timeliness', { dossierId: first, returnedAt: at })).toMatchObject({
      deadline: '2026-05-04',
      onTime: true,
      workingDaysLate: 0,
    });
  });

  it('records the hand-back, with its checks, and closes the dossier as returned', async () => {
    const [first, second] = dossierIds as [number, number];
    expect(
      await codeOf(call('result.handBack', { dossierId: first, receiverName: 'Lê Văn Hùng', returnedAt: '2099-01-01T00:00:00Z' })),
    ).toBe('result.time-invalid');
    expect(
      await codeOf(call('result.handBack', { dossierId: first, receiverName: 'Lê Văn Hùng', returnedAt: '2026-04-01T03:00:00Z' })),
    ).toBe('result.time-invalid');
    expect(
      await codeOf(
        call('result.handBack', {
          dossierId: first,
          receiverName: 'Ngô Văn Tư',
          receiverKind: 'authorized',
          returnedAt: plans[0]!.returnedAt,
        }),
      ),
    ).toBe('result.authorization-required');
    const onTime = await call('result.handBack', {
      dossierId: first,
      receiverName: 'Ngô Văn Tư',
      receiverKind: 'authorized',
      authorizationRef: 'GUQ 12/2026',
      method: 'desk',
      returnedAt: plans[0]!.returnedAt,
    });
    expect(onTime).toMatchObject({ onTime: true, clerk: 'canbo-a', authorizationRef: 'GUQ 12/2026', lateReason: null });
    expect((await call('dossier.get', { id: first })).status).toBe('returned');
    expect(await codeOf(call('result.handBack', { dossierId: first, receiverName: 'Lê Văn Hùng' }))).toBe('result.already-returned');
    expect(await codeOf(call('dossier.reopen', { id: first, reason: 'sửa' }))).toBe('result.already-returned');
    expect(await codeOf(call('document.importFiles', { documentId: importedDoc, paths: [corpusPage('viadm-82f0').path] }))).toBe(
      'dossier.finalized',
    );

    const late = { dossierId: second, receiverName: 'Trần Thị Hoa', method: 'post' as const, returnedAt: plans[1]!.returnedAt };
    const refused = await call('result.handBack', late).catch((e: { code: string; details: unknown }) => e);
    expect(refused).toMatchObject({ code: 'result.late-reason-required', details: { workingDaysLate: 3 } });
    expect((await call('dossier.get', { id: second })).status).toBe('finalized');
    const handed = await call('result.handBack', {
      ...late,
      lateReason: 'Chờ ý kiến của Sở Tài nguyên và Môi trường',
      newDate: '2026-05-08',
    });
    expect(handed).toMatchObject({
      onTime: false,
      workingDaysLate: 3,
      method: 'post',
      lateReason: 'Chờ ý kiến của Sở Tài nguyên và Môi trường',
      newDate: '2026-05-08',
    });
    expect((await call('result.status', { dossierId: second })).handBack).toMatchObject({
      receiverName: 'Trần Thị Hoa',
      onTime: false,
      returnedAt: plans[1]!.returnedAt,
    });
    const audited = engine.store.db.prepare(`SELECT count(*) AS n FROM audit_event WHERE action = 'dossier.hand-back'`).get() as {
      n: number;
    };
    expect(audited.n).toBe(2);
  });

  it('counts the results and the hand-backs on the dashboard', () => {
    const intake = computeIndicators(engine.store).intake;
    // Independently: both have a signed result; the first was on time once the holidays count, the second late.
    expect(intake.resultsDigitized).toEqual({ count: 2, of: 2, rate: 1 });
    expect([intake.onTime.count, intake.late.count, intake.openPastDue.count, intake.onTime.of]).toEqual([1, 1, 0, 2]);
  });
});
