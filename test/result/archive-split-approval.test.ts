import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { dispatch } from '../../src/core/rpc-dispatch';
import { ArchiveRepository } from '../../src/core/store/archive-repository';
import type { MethodInput, MethodName, MethodResult } from '../../src/shared/contract';
import { tempDir } from '../support/temp-dir';
import { setTestAgency } from '../support/agency';
import { insertArchiveDossier } from '../support/archive-dossier';

/**
 * A split at QC changes the documents of the dossier: an approval given to the arrangement before it
 * must not carry bulk signing over the new one.
 */
describe('a split at the QC station withdraws the dossier’s earlier approval', () => {
  const dir = tempDir('sohoa-archive-split-approval-');
  let engine: Engine;
  let batchId = 0;
  let nextId = 1;
  const folders: { dossierId: number; documentId: number; pageIds: number[] }[] = [];

  async function call<K extends MethodName>(method: K, params: MethodInput<K>): Promise<MethodResult<K>> {
    const reply = await dispatch(engine.handlers, { kind: 'call', id: nextId++, method, params });
    if (!reply.ok) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
    return reply.result as MethodResult<K>;
  }
  const approvedAt = (dossierId: number) =>
    new ArchiveRepository(engine.store.db).approvals(batchId).find((a) => a.dossierId === dossierId)?.approvedAt ?? null;
  const withdrawals = () =>
    (
      engine.store.db.prepare(`SELECT actor, subject, details FROM audit_event WHERE action = 'batch.qc.withdraw' ORDER BY seq`).all() as {
        actor: string;
        subject: string;
        details: string;
      }[]
    ).map((e) => ({ ...e, details: JSON.parse(e.details) as unknown }));

  beforeAll(() => {
    engine = setTestAgency(Engine.open({ dataDir: dir.path, actor: 'luu-tru-1' }));
    const { store } = engine;
    batchId = Number(
      store.db.prepare(`INSERT INTO batch (name, source, created_at) VALUES ('Hộp 2021', '/lt', ?)`).run(new Date().toISOString())
        .lastInsertRowid,
    );
    for (const n of [1, 2]) {
      const d = insertArchiveDossier(engine, { batchId, box: 'H3', archiveNumber: String(n), year: 2021 });
      const documentId = store.documents.create(d.id, 'Hồ sơ lưu trữ', null);
      const pageIds = [0, 1, 2].map((k) => store.pages.addPage(documentId, store.blobs.put(Buffer.from(`trang ${n} ${k}`)), null).id);
      store.db
        .prepare('INSERT INTO archive_folder (batch_id, rel_path, dossier_id, document_id) VALUES (?, ?, ?, ?)')
        .run(batchId, `HS ${n}`, d.id, documentId);
      folders.push({ dossierId: d.id, documentId, pageIds });
    }
  });
  afterAll(async () => {
    await engine.close();
    dir.remove();
  });

  it('puts an approved dossier back to waiting for QC, audited, and bulk signing leaves it out', async () => {
    const [one, two] = folders;
    expect((await call('batch.approve', { batchId, dossierIds: [one!.dossierId, two!.dossierId] })).approved).toHaveLength(2);
    const archive = new ArchiveRepository(engine.store.db);
    expect(archive.dossiersToSign(batchId).sort()).toEqual([one!.dossierId, two!.dossierId].sort());

    const split = await call('batch.splitResult', {
      batchId,
      documentId: one!.documentId,
      pageIds: [one!.pageIds[2]!],
      kind: 'quyet-dinh',
    });
    expect(split.approvalWithdrawn).toBe(true);
    expect(approvedAt(one!.dossierId)).toBeNull();
    // The other dossier was not touched: its approval stands.
    expect(approvedAt(two!.dossierId)).not.toBeNull();
    expect(archive.dossiersToSign(batchId)).toEqual([two!.dossierId]);
    const qc = await call('batch.qc', { batchId });
    expect(qc.dossiers.find((d) => d.dossierId === one!.dossierId)?.approved).toBe(false);
    expect(withdrawals()).toEqual([
      { actor: 'luu-tru-1', subject: `batch:${batchId}`, details: { dossierIds: [one!.dossierId], reason: 'split-result' } },
    ]);
  });

  it('a split of a dossier not approved has nothing to withdraw and writes no withdrawal', async () => {
    const two = folders[1]!;
    engine.store.db.prepare('UPDATE archive_folder SET approved_at = NULL, approved_by = NULL WHERE dossier_id = ?').run(two.dossierId);
    const split = await call('batch.splitResult', { batchId, documentId: two.documentId, pageIds: [two.pageIds[0]!], kind: 'giay-phep' });
    expect(split.approvalWithdrawn).toBe(false);
    expect(withdrawals()).toHaveLength(1);
  });
});
