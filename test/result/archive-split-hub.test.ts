import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeInBatch } from '../../src/core/archive/batch-intake';
import { Engine } from '../../src/core/engine';
import { createPipelineStages } from '../../src/core/jobs/real-stages';
import { dispatch } from '../../src/core/rpc-dispatch';
import { WorkstationSync } from '../../src/core/sync/workstation-sync';
import type { MethodInput, MethodName, MethodResult } from '../../src/shared/contract';
import { writeSmallPages, writeTree } from '../archive/batch-tree';
import type { TestHub } from '../hub/support/hub-harness';
import { startHubOnPostgres, type HubOnPostgres } from '../hub/support/hub-on-postgres';
import { createTestPki, type TestPki } from '../record/support/test-pki';
import { tempDir } from '../support/temp-dir';
import { setTestAgency } from '../support/agency';

/**
 * An archive folder whose last page is its result: split at QC, approved, signed by the real bulk
 * signing and sent to a real hub (PostgreSQL), which holds one result document for that dossier.
 */
describe('a dossier split at QC through bulk signing and the hub', () => {
  const dir = tempDir('sohoa-split-hub-');
  const blobs = tempDir('sohoa-split-hub-blobs-');
  const dataDir = join(dir.path, 'data');
  const stages = createPipelineStages({ dataDir, ocrWorkers: 1 });
  let engine: Engine;
  let pki: TestPki;
  let served: HubOnPostgres;
  let pool: pg.Pool;
  let hub: TestHub;
  let batchId = 0;
  let nextId = 1;

  async function call<K extends MethodName>(method: K, params: MethodInput<K>): Promise<MethodResult<K>> {
    const reply = await dispatch(engine.handlers, { kind: 'call', id: nextId++, method, params });
    if (!reply.ok) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
    return reply.result as MethodResult<K>;
  }

  beforeAll(async () => {
    pki = createTestPki();
    served = await startHubOnPostgres('hub_split_result', blobs.path);
    ({ hub, pool } = served);
    const pages = await writeSmallPages(join(dir.path, 'pages'), 3);
    const tree = join(dir.path, 'kho');
    writeTree(tree, [{ relPath: 'HS 1', pages }]);
    engine = setTestAgency(Engine.open({ dataDir, actor: 'luu-tru', pipeline: { stages, concurrency: 1 } }));
    batchId = (await takeInBatch(engine, { folder: tree, actor: 'luu-tru' })).batch.id;
    await engine.idle();
  }, 300_000);
  afterAll(async () => {
    await engine?.close();
    await stages.close();
    await served?.close();
    pki?.cleanup();
    dir.remove();
    blobs.remove();
  });

  it(
    'approved, then split: bulk signing waits for a new approval, then signs both documents, and the hub counts one result document',
    { timeout: 300_000 },
    async () => {
      const [dossier] = (await call('batch.qc', { batchId })).dossiers;
      const [folderDoc] = await call('document.list', { dossierId: dossier!.dossierId });
      expect(folderDoc!.pages.map((p) => p.state)).toEqual(['read', 'read', 'read']);
      // Approved as one document first; the split changes that arrangement, so the approval is withdrawn.
      expect((await call('batch.approve', { batchId, dossierIds: [dossier!.dossierId] })).approved).toEqual([dossier!.dossierId]);
      const split = await call('batch.splitResult', {
        batchId,
        documentId: folderDoc!.id,
        pageIds: [folderDoc!.pages[2]!.id],
        kind: 'quyet-dinh',
      });
      // The records of both documents are built again from their pages by the pipeline.
      expect(split.approvalWithdrawn).toBe(true);
      await engine.idle();
      await call('signer.unlock', { p12Path: pki.signerP12, password: pki.password });
      expect(await call('batch.sign', { batchId })).toMatchObject({ total: 0, signed: [], documentsSigned: 0 });
      // Looked at again and approved: now bulk signing signs the new arrangement.
      expect((await call('batch.approve', { batchId, dossierIds: [dossier!.dossierId] })).approved).toEqual([dossier!.dossierId]);
      const signed = await call('batch.sign', { batchId });
      expect(signed).toMatchObject({ total: 1, signed: [dossier!.dossierId], documentsSigned: 2, skipped: [] });
      const docs = await call('document.list', { dossierId: dossier!.dossierId });
      expect(docs.map((d) => [d.id, d.isResult, d.record?.signed, d.pages.length])).toEqual([
        [folderDoc!.id, false, true, 2],
        [split.resultDocumentId, true, true, 1],
      ]);

      const sync = new WorkstationSync(engine);
      await sync.enroll(hub.url, await hub.hub.credentials.issueCode(), 'lưu trữ');
      const sent = await sync.send({ maxWaitMs: 20_000 });
      expect(sent.rejected).toEqual([]);
      const rows = (
        await pool.query<{ document_key: string; is_result: boolean }>(
          'SELECT DISTINCT document_key, is_result FROM record WHERE dossier_code = $1 ORDER BY is_result',
          [dossier!.code],
        )
      ).rows;
      expect(rows.map((r) => r.is_result)).toEqual([false, true]);
      expect(rows.filter((r) => r.is_result)).toHaveLength(1);
    },
  );
});
