import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeInBatch } from '../../src/core/archive/batch-intake';
import { Engine } from '../../src/core/engine';
import { buildRecordPdf } from '../../src/core/record/build-record-pdf';
import { writeTree } from '../archive/batch-tree';
import { recordPageFromCorpus } from '../record/support/corpus-pages';
import { createTestPki, type TestPki } from '../record/support/test-pki';
import { tempDir } from '../support/temp-dir';
import { setTestAgency } from '../support/agency';

/**
 * Issue: a dossier still at the desk counted as "Số hóa đầy đủ", "Bản điện tử đã ký" counted unsigned
 * drafts, and "Đã duyệt" read "chưa ghi nhận" after QC approvals. The store is built through the
 * engine's own paths; every tile is checked against a count made here from the base tables' rows.
 */
describe('the dashboard’s figures equal counts made independently from the records', () => {
  const dir = tempDir();
  const files = tempDir('sohoa-dashboard-truth-');
  let pki: TestPki;
  let engine: Engine;

  async function dossierWithReadDocument(name: string, cccd: string) {
    const { store, handlers } = engine;
    const dossier = await handlers['dossier.create']({
      procedureCode: 'MAU-HT-01',
      applicantName: name,
      applicantCccd: cccd,
      receivedDate: '2026-11-23',
    });
    const scan = recordPageFromCorpus('viadm-2833');
    const documentId = store.documents.create(dossier.id, 'Tờ khai đăng ký khai sinh', null);
    const pageId = store.pages.addPage(documentId, store.blobs.put(scan.image), 'scan').id;
    store.db.prepare(`UPDATE page SET state = 'read' WHERE id = ?`).run(pageId);
    store.records.addVersion(
      documentId,
      store.blobs.put(Buffer.from(await buildRecordPdf({ pages: [scan], metadata: { title: name, digitizedAt: new Date() } }))),
      null,
    );
    return { dossierId: dossier.id, documentId };
  }

  beforeAll(async () => {
    pki = createTestPki();
    engine = setTestAgency(Engine.open({ dataDir: dir.path }));
    const { handlers, store } = engine;
    await handlers['signer.unlock']({ p12Path: pki.signerP12, password: pki.password });

    // Desk: A signed and filed; its record reaches the hub.
    const a = await dossierWithReadDocument('Đỗ Thị Mai', '074190000123');
    await handlers['dossier.finalize']({ dossierId: a.dossierId, confirmMissing: true });
    // Reuse: B (same CCCD) reuses A's signed form, and has a page of its own with an unsigned record: still at the desk.
    const b = await dossierWithReadDocument('Đỗ Thị Mai', '074190000123');
    await handlers['document.reuse']({ dossierId: b.dossierId, sourceDocumentId: a.documentId });
    // C signed, then reopened: it is back at the desk.
    const c = await dossierWithReadDocument('Lê Văn Nam', '001085000111');
    await handlers['dossier.finalize']({ dossierId: c.dossierId, confirmMissing: true });
    await handlers['dossier.reopen']({ id: c.dossierId, reason: 'bổ sung' });
    // D signed and filed; its record waits for the hub.
    const d = await dossierWithReadDocument('Trần Thị Bích', '079190012345');
    await handlers['dossier.finalize']({ dossierId: d.dossierId, confirmMissing: true });

    // Sync: A's record acknowledged by the hub, D's still waiting.
    const aRecord = store.records.latest(a.documentId)!;
    const outbox = store.outbox;
    const entry = outbox.byRecord(aRecord.id)!;
    outbox.markSending(entry.id, 1);
    outbox.acknowledge(entry.id, '{}');

    // Archive: three register rows, two folders taken in, the QC station approves one.
    const tree = join(files.path, 'kho');
    writeTree(tree, [
      { relPath: 'HS 1', pages: ['viadm-eb2a.png'] },
      { relPath: 'HS 2', pages: ['viadm-4448.png'] },
    ]);
    const register = join(files.path, 'so.csv');
    writeFileSync(register, ['Hồ sơ số,Tiêu đề,Năm,Số trang', '1,Khai sinh,2020,1', '2,Kết hôn,2020,1', '3,Chứng thực,2021,2'].join('\n'));
    const batch = (await takeInBatch(engine, { folder: tree, registerPath: register, actor: 'e2e' })).batch;
    const first = (await handlers['batch.qc']({ batchId: batch.id })).dossiers.find((x) => x.archiveNumber === '1')!;
    await handlers['batch.approve']({ batchId: batch.id, dossierIds: [first.dossierId] });
  }, 120_000);

  afterAll(async () => {
    await engine.close();
    pki?.cleanup();
    dir.remove();
    files.remove();
  });

  it('counts every tile as the rows say', async () => {
    const db = engine.store.db;
    const rows = <T>(sql: string) => db.prepare(sql).all() as T[];
    const dossiers = rows<{ id: number; status: string }>(`SELECT id, status FROM dossier WHERE kind = 'intake' AND deleted_at IS NULL`);
    const documents = rows<{ id: number; dossier_id: number; is_result: number; reused_from: number | null }>(
      `SELECT id, dossier_id, is_result, reused_from FROM document`,
    );
    const records = rows<{ id: number; document_id: number; version: number; signed: number }>(
      `SELECT id, document_id, version, signed FROM record`,
    );
    const outbox = rows<{ state: string; created_at: string }>(`SELECT state, created_at FROM outbox_item`);
    const latestSigned = (documentId: number) => {
      const versions = records.filter((r) => r.document_id === documentId).sort((x, y) => y.version - x.version);
      return versions.length > 0 && versions[0]!.signed === 1;
    };
    const fully = dossiers.filter((d) => {
      const components = documents.filter((doc) => doc.dossier_id === d.id && doc.is_result === 0);
      return ['finalized', 'synced'].includes(d.status) && components.length > 0 && components.every((doc) => latestSigned(doc.id));
    });
    const reused = dossiers.filter((d) => documents.some((doc) => doc.dossier_id === d.id && doc.reused_from !== null));
    const folders = rows<{ dossier_id: number; register_line: number | null; approved_at: string | null }>(
      `SELECT dossier_id, register_line, approved_at FROM archive_folder`,
    );
    const liveDossierIds = new Set(rows<{ id: number }>(`SELECT id FROM dossier WHERE deleted_at IS NULL`).map((d) => d.id));
    const qcApproved = new Set(folders.filter((f) => f.approved_at !== null && liveDossierIds.has(f.dossier_id)).map((f) => f.dossier_id));
    const registerRows = rows<{ line: number }>(`SELECT line FROM archive_register_row`);

    const { indicators, backlog, pagesPerDay } = await engine.handlers['stats.dashboard']({});
    const status = await engine.handlers['status.get']({});

    expect(indicators.intake.received).toBe(dossiers.length);
    expect(indicators.intake.fullyDigitized.count).toBe(fully.length);
    expect(indicators.intake.reused.count).toBe(reused.length);
    const byState = (s: string) => outbox.filter((o) => o.state === s).length;
    expect(indicators.sync).toMatchObject({
      waiting: byState('waiting'),
      sending: byState('sending'),
      acknowledged: byState('acknowledged'),
      rejected: byState('rejected'),
    });
    // "Chờ gửi từ": the oldest waiting item's time, not an older item already acknowledged.
    const waitingSince = outbox.filter((o) => o.state === 'waiting').map((o) => o.created_at);
    expect(waitingSince.length).toBeGreaterThan(0);
    expect(outbox.some((o) => o.state !== 'waiting' && o.created_at < waitingSince.sort()[0]!)).toBe(true);
    expect(indicators.sync.oldestWaitingSince).toBe(waitingSince.sort()[0]);
    expect(status.records).toBe(records.filter((r) => r.signed === 1).length);
    expect(backlog.totals.registered).toBe(registerRows.length);
    expect(backlog.totals.approved).toBe(folders.filter((f) => f.register_line !== null && f.approved_at !== null).length);
    expect(backlog.approvalTracked).toBe(true);
    // "Kiểm tra chất lượng: đã duyệt" counts the QC station's standing approvals, as "Đã duyệt" in the backlog does.
    expect(indicators.quality.qcApproved).toBe(qcApproved.size);

    // "Trang đã quét" and the bars of "Số trang quét mỗi ngày" count the same pages: those of the intake dossiers.
    const intakePages = rows<{ dossier_id: number }>(
      `SELECT document.dossier_id FROM page JOIN document ON document.id = page.document_id`,
    ).filter((p) => dossiers.some((d) => d.id === p.dossier_id)).length;
    expect(indicators.quality.pages).toBe(intakePages);
    expect(pagesPerDay.reduce((sum, day) => sum + day.pages, 0)).toBe(intakePages);

    // The store this test made, in words: only A and D are signed and filed; B (reused + unsigned) and C (reopened) are not.
    expect(fully.length).toBe(2);
    expect(reused.length).toBe(1);
    expect(backlog.totals.approved).toBe(1);
    expect(qcApproved.size).toBe(1);
    // Every signed record of a filed dossier is on its way to the hub, or there: "Bản điện tử đã ký" and the sync tiles agree.
    const filedSigned = records.filter(
      (r) => r.signed === 1 && documents.some((doc) => doc.id === r.document_id && fully.some((d) => d.id === doc.dossier_id)),
    ).length;
    expect(byState('waiting') + byState('sending') + byState('acknowledged') + byState('rejected')).toBeGreaterThanOrEqual(filedSigned);
    const drill = await engine.handlers['stats.drilldown']({ filter: {}, figure: 'fullyDigitized', limit: 50, offset: 0 });
    expect(drill.items.map((x) => x.id).sort()).toEqual(fully.map((d) => d.id).sort());
  });
});
