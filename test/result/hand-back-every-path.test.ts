import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { dispatch } from '../../src/core/rpc-dispatch';
import { computeBacklog, computeIndicators } from '../../src/core/stats/indicators';
import { WorkstationSync } from '../../src/core/sync/workstation-sync';
import type { MethodInput, MethodName, MethodResult } from '../../src/shared/contract';
import type { ProgressReport } from '../../src/shared/sync-protocol';
import type { TestHub } from '../hub/support/hub-harness';
import { startHubOnPostgres, type HubOnPostgres } from '../hub/support/hub-on-postgres';
import { enrollAtHub } from '../hub/support/enroll';
import { pdfsig } from '../record/support/pdf-tools';
import { createTestPki, type TestPki } from '../record/support/test-pki';
import { recordFactory, type RecordFactory } from '../sync/support/signed-records';
import { setTestAgency } from '../support/agency';
import { insertArchiveDossier } from '../support/archive-dossier';
import { tempDir } from '../support/temp-dir';
import { resultPdfInput } from '../support/result-pdf-input';

/**
 * Dossiers built through every path a result takes, then each dashboard figure checked against a count
 * made here from the base tables (hand_back, document, record, dossier), and the hub's /progress
 * against the workstation's hand-backs after a sync.
 */
describe('results and hand-backs through every path, counted on the dashboard and at the hub', () => {
  const dir = tempDir('sohoa-every-path-');
  const scratch = tempDir('sohoa-every-path-files-');
  const blobs = tempDir('sohoa-every-path-hub-');
  let engine: Engine;
  let agency: TestPki;
  let factory: RecordFactory;
  let served: HubOnPostgres;
  let hub: TestHub;
  let pool: pg.Pool;
  let sync: WorkstationSync;
  let nextId = 1;
  const ids: Record<string, number> = {};

  async function call<K extends MethodName>(method: K, params: MethodInput<K>): Promise<MethodResult<K>> {
    const reply = await dispatch(engine.handlers, { kind: 'call', id: nextId++, method, params });
    if (!reply.ok) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
    return reply.result as MethodResult<K>;
  }
  const intake = async (name: string, receivedDate: string, dueDate: string) =>
    (
      await call('dossier.create', {
        procedureCode: 'MAU-HT-01',
        applicantName: name,
        applicantCccd: '074190000123',
        receivedDate,
        dueDate,
      })
    ).id;
  /** A result from a PDF file: an unsigned one is signed with the copy stamp, a signed one counter-signed. */
  const result = async (dossierId: number, pdf: Uint8Array, file: string) => {
    const doc = (await call('result.create', { dossierId, kind: 'giay-chung-nhan', number: `${dossierId}/GCN` })).id;
    writeFileSync(join(scratch.path, file), pdf);
    await call('result.importPdf', resultPdfInput(doc, join(scratch.path, file)));
    return { doc, signed: await call('result.sign', { documentId: doc }) };
  };
  const count = (sql: string, ...params: unknown[]) => (engine.store.db.prepare(sql).get(...params) as { n: number }).n;
  const progress = async () => {
    const { token } = await enrollAtHub(hub.url, await hub.hub.credentials.issueCode('supervisor'), 'lãnh đạo');
    return (await (await fetch(`${hub.url}/progress`, { headers: { authorization: `Bearer ${token}` } })).json()) as ProgressReport;
  };

  beforeAll(async () => {
    agency = createTestPki();
    factory = await recordFactory();
    served = await startHubOnPostgres('hub_every_path', blobs.path);
    ({ hub, pool } = served);
    engine = setTestAgency(Engine.open({ dataDir: dir.path, actor: 'canbo-a' }));
    await call('signer.unlock', { p12Path: agency.signerP12, password: agency.password });
    sync = new WorkstationSync(engine);
    await sync.enroll(hub.url, await hub.hub.credentials.issueCode(), 'một cửa');

    // On time: the result scanned elsewhere and brought as a PDF, signed here with the copy stamp; due far ahead.
    ids.onTime = await intake('Đúng hạn', '2026-11-02', '2099-12-31');
    await result(ids.onTime, await factory.unsigned('Giay chung nhan 1'), 'kq-1.pdf');
    await call('result.handBack', { dossierId: ids.onTime, receiverName: 'Nguyễn Văn An' });
    // Late: due 9 January 2026; its result reaches the hub before the hand-back is recorded.
    ids.late = await intake('Trễ hạn', '2026-01-05', '2026-01-09');
    await result(ids.late, await factory.unsigned('Giay chung nhan 2'), 'kq-2.pdf');
    // Already signed by the issuing system: counter-signed, handed back on time.
    ids.issued = await intake('Đã ký sẵn', '2026-11-02', '2099-12-31');
    const issued = await result(ids.issued, await factory.signed('Giay phep'), 'kq-3.pdf');
    expect(issued.signed.countersigned).toBe(true);
    expect(pdfsig(engine.store.blobs.get(engine.store.records.latest(issued.doc)!.pdfSha256)).validity).toEqual([
      'Signature is Valid.',
      'Signature is Valid.',
    ]);
    await call('result.handBack', {
      dossierId: ids.issued,
      receiverName: 'Trần Thị Bình',
      receiverKind: 'authorized',
      authorizationRef: 'GUQ 7/2026',
    });
    // Open and past due: nothing handed back, due 9 January 2026.
    ids.open = await intake('Quá hạn', '2026-01-05', '2026-01-09');
    // A result signed, not yet handed back, not yet due.
    ids.waiting = await intake('Chờ trả', '2026-11-02', '2099-12-31');
    await result(ids.waiting, await factory.unsigned('Quyet dinh'), 'kq-5.pdf');
    // An archive dossier whose folder the QC station marks as its result.
    const batchId = Number(
      engine.store.db.prepare(`INSERT INTO batch (name, source, created_at) VALUES ('Hộp 2020', '/lt', ?)`).run(new Date().toISOString())
        .lastInsertRowid,
    );
    const archive = insertArchiveDossier(engine, { batchId, box: 'H1', archiveNumber: '1', year: 2020, prefix: 'LT-' });
    const archiveDoc = engine.store.documents.create(archive.id, 'Hồ sơ lưu trữ', null);
    // Built by the archive pipeline, so it carries SoHoa's XMP like any record the workstation makes.
    const archived = await factory.signed('Ho so luu tru', 0, { dossierCode: archive.code });
    engine.store.records.addVersion(archiveDoc, engine.store.blobs.put(archived), {
      signer: 'CN=Lưu trữ',
      signedAt: new Date().toISOString(),
    });
    await call('batch.markResult', { batchId, documentId: archiveDoc, kind: 'quyet-dinh' });
    ids.archive = archive.id;
  }, 180_000);

  afterAll(async () => {
    await engine?.close();
    await served?.close();
    agency?.cleanup();
    factory?.cleanup();
    for (const d of [dir, scratch, blobs]) d.remove();
  });

  it('sends the results, then the late hand-back recorded after its result was sent, and the hub counts on time and late', async () => {
    const first = await sync.send({ maxWaitMs: 20_000 });
    expect(first.rejected).toEqual([]);
    // The late dossier is handed back after its result reached the hub.
    await call('result.handBack', {
      dossierId: ids.late!,
      receiverName: 'Lê Văn Cường',
      lateReason: 'Chờ ý kiến thẩm định của Sở Tài nguyên và Môi trường',
    });
    const second = await sync.send({ maxWaitMs: 20_000 });
    expect(second).toMatchObject({ acknowledged: 1, duplicates: 1, rejected: [] });

    // Counted here from the workstation's own hand_back table.
    const handBacks = engine.store.db
      .prepare('SELECT d.code, h.on_time AS onTime, h.late_reason AS reason FROM hand_back h JOIN dossier d ON d.id = h.dossier_id')
      .all() as { code: string; onTime: number; reason: string | null }[];
    expect(handBacks).toHaveLength(3);
    const hubRows = (
      await pool.query<{ dossier_code: string; on_time: boolean; late_reason: string | null }>(
        'SELECT dossier_code, on_time, late_reason FROM hand_back ORDER BY dossier_code',
      )
    ).rows;
    expect(hubRows).toEqual(
      handBacks
        .map((h) => ({ dossier_code: h.code, on_time: h.onTime === 1, late_reason: h.reason }))
        .sort((a, b) => a.dossier_code.localeCompare(b.dossier_code)),
    );
    const report = await progress();
    expect(report.handBacks).toEqual({
      total: handBacks.length,
      onTime: handBacks.filter((h) => h.onTime === 1).length,
      late: handBacks.filter((h) => h.onTime === 0).length,
      withReason: handBacks.filter((h) => h.onTime === 0 && h.reason).length,
    });
    // Result dossiers at the hub: the intake results signed and the archive's, one each.
    const resultDossiers = count(
      `SELECT count(DISTINCT doc.dossier_id) AS n FROM document doc JOIN record r ON r.document_id = doc.id AND r.signed = 1 WHERE doc.is_result = 1`,
    );
    expect(report.results?.dossiers).toBe(resultDossiers);
  });

  it('shows each figure of the dashboard as counted from the base tables', () => {
    const figures = computeIndicators(engine.store);
    const today = figures.today;
    const intakeDossiers = count(`SELECT count(*) AS n FROM dossier WHERE kind = 'intake' AND deleted_at IS NULL`);
    const withSignedResult = count(
      `SELECT count(*) AS n FROM dossier d WHERE d.kind = 'intake' AND EXISTS (SELECT 1 FROM document doc JOIN record r ON r.document_id = doc.id WHERE doc.dossier_id = d.id AND doc.is_result = 1 AND r.signed = 1)`,
    );
    const returnedWithDue = count(`SELECT count(*) AS n FROM hand_back WHERE due_date IS NOT NULL`);
    const onTime = count(`SELECT count(*) AS n FROM hand_back WHERE on_time = 1`);
    const late = count(`SELECT count(*) AS n FROM hand_back WHERE on_time = 0`);
    // Past due, by hand: neither of the two open dossiers due in January 2026 is handed back; today is long after.
    const open = count(
      `SELECT count(*) AS n FROM dossier d WHERE d.kind = 'intake' AND d.due_date < ? AND NOT EXISTS (SELECT 1 FROM hand_back h WHERE h.dossier_id = d.id)`,
      today,
    );
    const archiveResults = count(
      `SELECT count(DISTINCT d.id) AS n FROM dossier d JOIN document doc ON doc.dossier_id = d.id JOIN record r ON r.document_id = doc.id WHERE d.kind = 'archive' AND doc.is_result = 1 AND r.signed = 1`,
    );
    expect([intakeDossiers, withSignedResult, returnedWithDue, onTime, late, open, archiveResults]).toEqual([5, 4, 3, 2, 1, 1, 1]);
    expect(figures.intake.received).toBe(intakeDossiers);
    expect(figures.intake.resultsDigitized).toEqual({
      count: withSignedResult,
      of: intakeDossiers,
      rate: withSignedResult / intakeDossiers,
    });
    expect(figures.intake.onTime).toMatchObject({ count: onTime, of: returnedWithDue });
    expect(figures.intake.late).toMatchObject({ count: late, of: returnedWithDue });
    expect(figures.intake.openPastDue.count).toBe(open);
    expect(computeBacklog(engine.store).resultsDigitized).toBe(archiveResults);
    expect(engine.store.db.prepare('SELECT late_reason AS r FROM hand_back WHERE dossier_id = ?').get(ids.late)).toEqual({
      r: 'Chờ ý kiến thẩm định của Sở Tài nguyên và Môi trường',
    });
  });
});
