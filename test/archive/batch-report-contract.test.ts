import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeInBatch } from '../../src/core/archive/batch-intake';
import { Engine } from '../../src/core/engine';
import { ROLES, type Role } from '../../src/shared/roles';
import { signedInPerRole, type Connection } from '../auth/connection';
import { setTestAgency } from '../support/agency';
import { codeOf } from '../support/coded-error';
import { tempDir } from '../support/temp-dir';
import { writeTree, type TreeDossier } from './batch-tree';

/** Three dossier folders, one not in the register; the register says dossier 2 has 2 pages and lists a dossier with no folder. */
const TREE: TreeDossier[] = [
  { relPath: 'HS 1', pages: ['viadm-eb2a.png'] },
  { relPath: 'HS 2', pages: ['viadm-4448.png'] },
  { relPath: 'HS 9', pages: ['viadm-863d.png'] },
];
const REGISTER = ['Hồ sơ số,Tiêu đề,Năm,Số trang', '1,Khai sinh,2020,1', '2,Kết hôn,2020,2', '4,Không có thư mục,2021,1'];

describe('a batch’s report and QC items through the contract (what `sohoa batch --report / --qc` print)', () => {
  const dir = tempDir('sohoa-batch-report-');
  const tree = join(dir.path, 'kho');
  const registerPath = join(dir.path, 'so-theo-doi.csv');
  let engine: Engine;
  let as: Record<Role, Connection>;
  let batchId = 0;

  beforeAll(async () => {
    writeTree(tree, TREE);
    writeFileSync(registerPath, REGISTER.join('\n'));
    // No pipeline runs: the report and the queue are read from what the intake stored.
    engine = setTestAgency(Engine.open({ dataDir: join(dir.path, 'data'), actor: 'test' }));
    as = await signedInPerRole(engine, ROLES);
    batchId = (await takeInBatch(engine, { folder: tree, registerPath, actor: 'test' })).batch.id;
  }, 120_000);

  afterAll(async () => {
    await engine?.close();
    dir.remove();
  });

  it('reports the register against the folders: matched, missing, extra and the count mismatch', async () => {
    const report = await as.supervisor.call('batch.report', { batchId });
    expect(report.batch).toMatchObject({ id: batchId, registerPath, status: 'open', separation: 'folders' });
    expect(report).toMatchObject({ registered: 3, dossiersFound: 3, matched: 2 });
    expect(report.pages).toEqual({ found: 3, expected: 1 + 2, read: 0, failed: 0, records: 0 });
    expect(report.dossiers.map((d) => [d.relPath, d.archiveNumber, d.registerLine, d.expectedPages])).toEqual([
      ['HS 1', '1', 2, 1],
      ['HS 2', '2', 3, 2],
      ['HS 9', 'HS 9', null, null],
    ]);
    expect(report.missing.map((f) => f.archiveNumber)).toEqual(['4']);
    expect(report.extra.map((f) => f.archiveNumber)).toEqual(['HS 9']);
    expect(report.flags.find((f) => f.kind === 'count-mismatch')).toMatchObject({ archiveNumber: '2', details: { expected: 2, found: 1 } });
  });

  it('lists the QC items in order: the dossier with a count mismatch, the extra folder, the register row with no folder', async () => {
    const report = await as.archivist.call('batch.report', { batchId });
    const { batchId: listed, items } = await as.archivist.call('batch.qcItems', { batchId });
    expect(listed).toBe(batchId);
    // No page is read yet, so none is flagged: the reconciliation's dossiers come first, then the register rows with no folder.
    expect(items.map((i) => [i.kind, i.archiveNumber, i.reasons])).toEqual([
      ['dossier', '2', ['count-mismatch']],
      ['dossier', 'HS 9', ['extra']],
      ['register-row', '4', ['missing']],
    ]);
    expect(items[0]).toMatchObject({ dossierId: report.dossiers[1]!.dossierId, approved: false, pageId: null, source: null });
    expect(items[2]).toMatchObject({ dossierId: null, dossierCode: null });
  });

  it('previews the register alone as a run of the folder would read it, nothing taken in', async () => {
    const preview = await as.archivist.call('batch.registerPreview', { folder: tree, registerPath });
    expect(preview).toMatchObject({ encoding: 'utf-8', delimiter: 'comma (,)', headerLines: [1], vniCells: 0, rowCount: 3 });
    expect(preview.columns).toMatchObject({ dossier: 'Hồ sơ số', title: 'Tiêu đề', year: 'Năm', pages: 'Số trang' });
    expect(preview.rows.map((r) => [r.line, r.archiveNumber, r.title])).toEqual([
      [2, '1', 'Khai sinh'],
      [3, '2', 'Kết hôn'],
      [4, '4', 'Không có thư mục'],
    ]);
    // Nothing taken in: still the one batch.
    expect((await as.archivist.call('batch.list', {})).map((b) => b.id)).toEqual([batchId]);
  });

  it('reads no register inside the data folder, none by another kind of file, and none for a clerk', async () => {
    const inData = join(dir.path, 'data', 'so.csv');
    writeFileSync(inData, REGISTER.join('\n'));
    expect(await codeOf(as.archivist.call('batch.registerPreview', { folder: tree, registerPath: inData }))).toBe('path.not-allowed');
    const pdf = join(dir.path, 'so.pdf');
    writeFileSync(pdf, REGISTER.join('\n'));
    expect(await codeOf(as.archivist.call('batch.registerPreview', { folder: tree, registerPath: pdf }))).toBe('path.not-allowed');
    expect(await codeOf(as.archivist.call('batch.registerPreview', { folder: tree, registerPath, encoding: 'latin-1' } as never))).toBe(
      'input.invalid',
    );
    expect(await codeOf(as.clerk.call('batch.registerPreview', { folder: tree, registerPath }))).toBe('auth.forbidden');
  });

  it('refuses both to a clerk, and names an unknown batch with its code', async () => {
    expect(await codeOf(as.clerk.call('batch.report', { batchId }))).toBe('auth.forbidden');
    expect(await codeOf(as.clerk.call('batch.qcItems', { batchId }))).toBe('auth.forbidden');
    expect(await codeOf(as.archivist.call('batch.report', { batchId: 999 }))).toBe('batch.not-found');
    expect(await codeOf(as.archivist.call('batch.qcItems', { batchId: 999 }))).toBe('batch.not-found');
    expect(await codeOf(as.archivist.call('batch.report', { batchId: 0 } as never))).toBe('input.invalid');
  });
});
