import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import writeExcelFile from 'write-excel-file/node';
import { runSohoaHere } from '../support/cli-here';
import { openRawDatabase } from '../support/data-key';
import { tempDir } from '../support/temp-dir';
import { writeTree } from './batch-tree';
import { TEST_AGENCY_ARGS } from '../support/agency';

/** Dossier folders with no page image: the register and its columns are what is looked at here, not OCR. */
describe('sohoa batch with an XLSX register: preview, columns by hand, remembered', () => {
  const dir = tempDir('sohoa-batch-xlsx-');
  const tree = join(dir.path, 'kho');
  const register = join(dir.path, 'so-theo-doi.xlsx');
  const dataDir = join(dir.path, 'data');

  beforeAll(async () => {
    writeTree(tree, [
      { relPath: 'Hop 1/HS 7', pages: [], junk: ['ghi-chu.txt'] },
      { relPath: 'Hop 1/HS 8', pages: [], junk: ['ghi-chu.txt'] },
    ]);
    // "Mã số" is the dossier number; "Số thứ tự" would be guessed by nothing, "Ký hiệu" neither.
    const sheet = [
      ['Số thứ tự', 'Hộp số', 'Mã số', 'Trích yếu nội dung', 'Năm', 'Số tờ'],
      [1, 1, 7, 'Hồ sơ giao đất', 2019, 0],
      [2, 1, 8, 'Hồ sơ cấp phép xây dựng', { value: new Date(Date.UTC(2018, 5, 2)), format: 'dd/mm/yyyy' }, 0],
      [3, 1, 8, 'Trùng số', 2018, 0],
    ];
    writeFileSync(register, await writeExcelFile(sheet).toBuffer());
  });
  afterAll(() => dir.remove());

  it('previews the guessed mapping without the dossier column, refusing to guess', async () => {
    const r = await runSohoaHere(['batch', '--preview', tree, '--manifest', register, '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[register.missing-column]');
  });

  it('previews the mapping chosen with --map and the first rows as they will be read', async () => {
    const r = await runSohoaHere([
      'batch',
      '--preview',
      tree,
      '--manifest',
      register,
      '--map',
      'number=Mã số,pages=Số tờ',
      '--data-dir',
      dataDir,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const preview = JSON.parse(r.stdout);
    expect(preview.encoding).toBe('xlsx');
    expect(preview.columns).toEqual({ box: 'Hộp số', dossier: 'Mã số', title: 'Trích yếu nội dung', year: 'Năm', pages: 'Số tờ' });
    expect(preview.rows.map((x: { line: number; archiveNumber: string; year: number }) => [x.line, x.archiveNumber, x.year])).toEqual([
      [2, '7', 2019],
      [3, '8', 2018],
    ]);
    expect(
      preview.problems.filter((p: { line: number }) => p.line > 1).map((p: { line: number; code: string }) => [p.line, p.code]),
    ).toEqual([[4, 'register.duplicate-dossier']]);
    const text = await runSohoaHere(['batch', '--preview', tree, '--manifest', register, '--map', 'number=Mã số', '--data-dir', dataDir]);
    expect(text.stdout).toMatch(/^ {2}dossier +← Mã số$/m);
    expect(text.stdout).toContain('line 3: box 1 · dossier 8 · title Hồ sơ cấp phép xây dựng · year 2018');
    // A preview imports nothing.
    const db = openRawDatabase(dataDir, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM batch').get()).toEqual({ n: 0 });
    db.close();
  });

  it('runs the batch with the chosen columns, then remembers them for the next run and the next preview', async () => {
    const first = await runSohoaHere([
      'batch',
      ...TEST_AGENCY_ARGS,
      tree,
      '--manifest',
      register,
      '--map',
      'number=Mã số',
      '--data-dir',
      dataDir,
      '--json',
    ]);
    expect(first.code, first.stderr).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(report.batch.registerEncoding).toBe('xlsx');
    expect(report.matched).toBe(2);
    expect(report.dossiers.map((d: { archiveNumber: string; title: string; year: number }) => [d.archiveNumber, d.title, d.year])).toEqual([
      ['7', 'Hồ sơ giao đất', 2019],
      ['8', 'Hồ sơ cấp phép xây dựng', 2018],
    ]);
    expect(report.registerProblems.map((p: { line: number; code: string }) => [p.line, p.code])).toContainEqual([
      4,
      'register.duplicate-dossier',
    ]);

    const again = await runSohoaHere(['batch', ...TEST_AGENCY_ARGS, tree, '--manifest', register, '--data-dir', dataDir, '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).matched).toBe(2);
    const preview = await runSohoaHere(['batch', '--preview', tree, '--manifest', register, '--data-dir', dataDir, '--json']);
    expect(JSON.parse(preview.stdout).columns.dossier).toBe('Mã số');
  });

  it('refuses --map naming a column the register does not have', async () => {
    const r = await runSohoaHere(['batch', '--preview', tree, '--manifest', register, '--map', 'number=Số hồ sơ', '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[register.bad-map]');
  });
});
