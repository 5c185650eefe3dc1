import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeInBatch } from '../../src/core/archive/batch-intake';
import { readRegister } from '../../src/core/archive/register-import';
import { Engine } from '../../src/core/engine';
import { computeBacklog } from '../../src/core/stats/indicators';
import { writeTree, type TreeDossier } from '../archive/batch-tree';
import { setTestAgency } from '../support/agency';
import { tempDir } from '../support/temp-dir';

/** Four archive folders; the register's "Kết quả giải quyết" column says which hold the dossier's result, and of what kind. */
const ROWS = [
  { number: '1', result: 'Quyết định số 12/QĐ-UBND', kind: 'quyet-dinh' },
  { number: '2', result: '', kind: null },
  { number: '3', result: 'x', kind: 'khac' },
  { number: '4', result: 'Không', kind: null },
  { number: '5', result: 'GCN', kind: 'giay-chung-nhan' },
] as const;
const TREE: TreeDossier[] = ROWS.map((r) => ({ relPath: `HS ${r.number}`, pages: ['viadm-eb2a.png'] }));
const REGISTER = [
  'Hồ sơ số,Tiêu đề,Năm,Số trang,Kết quả giải quyết',
  ...ROWS.map((r) => `${r.number},Hồ sơ ${r.number},2020,1,${r.result}`),
].join('\n');

describe('the register column that marks an archive dossier’s result', () => {
  const dir = tempDir('sohoa-archive-register-result-');
  const tree = join(dir.path, 'kho');
  const registerPath = join(dir.path, 'so-theo-doi.csv');
  let engine: Engine;
  let batchId = 0;
  const documentOf = (number: string) =>
    engine.store.db
      .prepare(
        `SELECT doc.id, doc.is_result AS isResult, doc.result_kind AS kind FROM archive_folder f JOIN document doc ON doc.id = f.document_id WHERE f.rel_path = ?`,
      )
      .get(`HS ${number}`) as {
      id: number;
      isResult: number;
      kind: string | null;
    };

  beforeAll(async () => {
    writeTree(tree, TREE);
    writeFileSync(registerPath, REGISTER);
    engine = setTestAgency(Engine.open({ dataDir: join(dir.path, 'data') }));
    batchId = (await takeInBatch(engine, { folder: tree, registerPath, actor: 'lưu trữ' })).batch.id;
  });
  afterAll(async () => {
    await engine.close();
    dir.remove();
  });

  it('reads the column by its Vietnamese name, without a warning for registers that have none', async () => {
    const read = await readRegister(Buffer.from(REGISTER), 'so.csv', {});
    expect(read.columns.result).toBe('Kết quả giải quyết');
    expect(read.rows.map((r) => r.resultKind)).toEqual(ROWS.map((r) => r.kind));
    const without = await readRegister(
      Buffer.from('Hồ sơ số,Tiêu đề,Năm,Số trang,Hộp số,Lĩnh vực,Thời hạn bảo quản\n1,A,2020,1,1,Hộ tịch,Vĩnh viễn'),
      'so.csv',
      {},
    );
    expect(without.problems.filter((p) => p.code === 'register.missing-column')).toEqual([]);
  });

  it('marks the folders the register names, with their kind, and counts them once their record is signed', async () => {
    for (const r of ROWS) expect(documentOf(r.number)).toMatchObject({ isResult: r.kind ? 1 : 0, kind: r.kind });
    // Nothing is signed yet: nothing counts.
    expect(computeBacklog(engine.store).resultsDigitized).toBe(0);
    for (const r of ROWS) {
      const doc = documentOf(r.number);
      engine.store.records.addVersion(doc.id, engine.store.blobs.put(Buffer.from(`record ${r.number}`)), {
        signer: 'CN=Lưu trữ',
        signedAt: new Date().toISOString(),
      });
    }
    const marked = ROWS.filter((r) => r.kind !== null).length;
    expect(computeBacklog(engine.store).resultsDigitized).toBe(marked);
    const audit = engine.store.db.prepare(`SELECT count(*) AS n FROM audit_event WHERE action = 'archive.mark-result'`).get() as {
      n: number;
    };
    expect(audit.n).toBe(marked);
  });

  it('a run taken up again leaves the QC station’s unmarking alone', async () => {
    await engine.handlers['batch.markResult']({ batchId, documentId: documentOf('3').id, isResult: false, kind: 'khac' });
    await takeInBatch(engine, { folder: tree, registerPath, actor: 'lưu trữ' });
    expect(documentOf('3').isResult).toBe(0);
    expect(computeBacklog(engine.store).resultsDigitized).toBe(ROWS.filter((r) => r.kind !== null).length - 1);
  });
});
