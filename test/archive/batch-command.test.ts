import { writeFileSync } from 'node:fs';
import { PDFDocument, PDFName, type PDFRawStream } from 'pdf-lib';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSohoa } from '../support/cli';
import { runSohoaHere } from '../support/cli-here';
import { openRawDatabase, readStoredBlob } from '../support/data-key';
import { tempDir } from '../support/temp-dir';
import { countFiles, writeSmallPages, writeTree, type TreeDossier } from './batch-tree';
import { toWindows1258 } from './legacy-encodings';
import { TEST_AGENCY_ARGS } from '../support/agency';

/**
 * The tree: box 1 holds dossiers 1 (2 pages, as registered) and 2 (1 page, 3 registered); box 2
 * holds dossier 9, not in the register, with a file that is not an image. The register also lists
 * dossier 1/3, which has no folder, a row without a dossier number and a duplicate of 1/1. What the
 * pages say does not matter here: they are small generated ones, quick to read.
 */
const TREE = (pages: string[]): TreeDossier[] => [
  { relPath: 'Hop 01/HS 001', pages: [pages[0]!, pages[1]!] },
  { relPath: 'Hop 01/HS 002', pages: [pages[2]!] },
  { relPath: 'Hop 02/HS 009', pages: [pages[3]!], junk: ['ghi-chu.txt'] },
];
const REGISTER = [
  'Hộp số,Hồ sơ số,Tiêu đề,Năm,Lĩnh vực,Số trang,Thời hạn bảo quản',
  '1,1,Hồ sơ đăng ký khai sinh Lâm Quang Khoa,2020,Hộ tịch,2,Vĩnh viễn',
  '1,2,Hồ sơ xác nhận tình trạng hôn nhân,15/03/2021,Hộ tịch,3,20 năm',
  '1,3,Hồ sơ chứng thực,2021,Chứng thực,4,10 năm',
  '1,,Dòng thiếu số hồ sơ,2021,Hộ tịch,1,10 năm',
  '1,001,Trùng với dòng 2,2020,Hộ tịch,2,10 năm',
];
const pageFiles = 4;

describe('sohoa batch: a folder tree against its register', () => {
  const dir = tempDir('sohoa-batch-');
  const tree = join(dir.path, 'kho-2020');
  const register = join(dir.path, 'so-theo-doi.csv');
  const dataDir = join(dir.path, 'data');
  let first: ReturnType<typeof runSohoa>;

  beforeAll(async () => {
    writeTree(tree, TREE(await writeSmallPages(join(dir.path, 'pages'), pageFiles)));
    writeFileSync(register, REGISTER.join('\r\n'), 'utf8');
    first = runSohoa(['batch', ...TEST_AGENCY_ARGS, tree, '--manifest', register, '--data-dir', dataDir, '--json']);
  });
  afterAll(() => dir.remove());

  const counts = () => {
    const db = openRawDatabase(dataDir, { readonly: true });
    try {
      const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      return {
        pages: n('SELECT count(*) AS n FROM page'),
        jobs: n('SELECT count(*) AS n FROM job'),
        dossiers: n("SELECT count(*) AS n FROM dossier WHERE kind = 'archive'"),
        documents: n('SELECT count(*) AS n FROM document'),
        records: n('SELECT count(*) AS n FROM record'),
        batches: n('SELECT count(*) AS n FROM batch'),
        blobs: countFiles(join(dataDir, 'blobs')),
      };
    } finally {
      db.close();
    }
  };

  it('processes every page and prints the reconciliation, exiting 0', () => {
    expect(first.code, first.stderr).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(report.registered).toBe(3);
    expect(report.dossiersFound).toBe(3);
    expect(report.matched).toBe(2);
    expect(report.pages).toEqual({ found: pageFiles, expected: 2 + 3, read: pageFiles, failed: 0, records: 3 });
    const byFolder = Object.fromEntries(report.dossiers.map((d: { relPath: string }) => [d.relPath, d]));
    expect(byFolder['Hop 01/HS 001']).toMatchObject({
      box: '1',
      archiveNumber: '1',
      year: 2020,
      pages: 2,
      expectedPages: 2,
      registerLine: 2,
      title: 'Hồ sơ đăng ký khai sinh Lâm Quang Khoa',
      record: true,
    });
    expect(byFolder['Hop 01/HS 002']).toMatchObject({
      box: '1',
      archiveNumber: '2',
      year: 2021,
      pages: 1,
      expectedPages: 3,
      registerLine: 3,
      record: true,
    });
    expect(byFolder['Hop 02/HS 009']).toMatchObject({
      box: 'Hop 02',
      archiveNumber: 'HS 009',
      year: null,
      pages: 1,
      registerLine: null,
      record: true,
    });
    const flags = report.flags
      .map((f: { kind: string; box: string; archiveNumber: string }) => `${f.kind} ${f.box}/${f.archiveNumber}`)
      .sort();
    expect(flags).toEqual(['count-mismatch 1/2', 'extra Hop 02/HS 009', 'missing 1/3', 'unreadable-files Hop 02/HS 009'].sort());
    expect(report.flags.find((f: { kind: string }) => f.kind === 'count-mismatch').details).toMatchObject({ expected: 3, found: 1 });
    expect(report.registerProblems.map((p: { line: number; code: string }) => [p.line, p.code])).toEqual([
      [5, 'register.missing-value'],
      [6, 'register.duplicate-dossier'],
    ]);
    // Progress went to stderr, with the rate and the time left.
    expect(first.stderr).toMatch(new RegExp(`pages ${pageFiles}/${pageFiles} · [\\d.]+ pages/min`));
  });

  it('stores archive dossiers with their location and one record per dossier', () => {
    const db = openRawDatabase(dataDir, { readonly: true });
    try {
      const rows = db
        .prepare(
          `SELECT d.kind, d.box, d.archive_number AS n, d.year, d.batch_id AS batch, doc.title, (SELECT count(*) FROM record r WHERE r.document_id = doc.id) AS records
           FROM dossier d JOIN document doc ON doc.dossier_id = d.id ORDER BY d.id`,
        )
        .all();
      expect(rows).toEqual([
        { kind: 'archive', box: '1', n: '1', year: 2020, batch: 1, title: 'Hồ sơ đăng ký khai sinh Lâm Quang Khoa', records: 1 },
        { kind: 'archive', box: '1', n: '2', year: 2021, batch: 1, title: 'Hồ sơ xác nhận tình trạng hôn nhân', records: 1 },
        { kind: 'archive', box: 'Hop 02', n: 'HS 009', year: null, batch: 1, title: 'Hồ sơ HS 009', records: 1 },
      ]);
    } finally {
      db.close();
    }
  });

  it("writes the archive dossier's box, number, year, retention and register title into the record's XMP", async () => {
    const db = openRawDatabase(dataDir, { readonly: true });
    const records = db
      .prepare(
        `SELECT d.archive_number AS n, r.pdf_sha256 AS sha FROM record r JOIN document doc ON doc.id = r.document_id JOIN dossier d ON d.id = doc.dossier_id ORDER BY d.id`,
      )
      .all() as { n: string; sha: string }[];
    db.close();
    const xmpOf = async (sha: string) => {
      const pdf = await PDFDocument.load(readStoredBlob(dataDir, sha));
      return new TextDecoder().decode((pdf.catalog.lookup(PDFName.of('Metadata')) as PDFRawStream).contents);
    };
    const registered = await xmpOf(records.find((r) => r.n === '1')!.sha);
    for (const field of [
      '<sohoa:archiveBox>1</sohoa:archiveBox>',
      '<sohoa:archiveDossierNumber>1</sohoa:archiveDossierNumber>',
      '<sohoa:archiveYear>2020</sohoa:archiveYear>',
      '<sohoa:retentionPeriod>Vĩnh viễn</sohoa:retentionPeriod>',
      '<sohoa:registerTitle>Hồ sơ đăng ký khai sinh Lâm Quang Khoa</sohoa:registerTitle>',
      '<pdfaProperty:name>retentionPeriod</pdfaProperty:name>',
    ])
      expect(registered).toContain(field);
    // A folder not in the register: its location from the folders, nothing invented for the rest.
    const extra = await xmpOf(records.find((r) => r.n === 'HS 009')!.sha);
    expect(extra).toContain('<sohoa:archiveBox>Hop 02</sohoa:archiveBox>');
    expect(extra).not.toContain('<sohoa:retentionPeriod>');
    expect(extra).not.toContain('<sohoa:archiveYear>');
  });

  it('resumes the same batch on a second run and adds nothing', async () => {
    const before = counts();
    expect(before).toMatchObject({ pages: pageFiles, dossiers: 3, documents: 3, records: 3, batches: 1 });
    const again = await runSohoaHere(['batch', ...TEST_AGENCY_ARGS, tree, '--manifest', register, '--data-dir', dataDir]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('batch 1 resumed; 0 new page(s)');
    expect(counts()).toEqual(before);
    expect(again.stdout).toContain('! missing 1/3');
  });

  it('prints the stored flags with --report, by batch id or by folder', async () => {
    const byId = await runSohoaHere(['batch', '--report', '1', '--json', '--data-dir', dataDir]);
    expect(byId.code, byId.stderr).toBe(0);
    expect(
      JSON.parse(byId.stdout)
        .flags.map((f: { kind: string }) => f.kind)
        .sort(),
    ).toEqual(['count-mismatch', 'extra', 'missing', 'unreadable-files']);
    const byFolder = await runSohoaHere(['batch', '--report', tree, '--data-dir', dataDir]);
    expect(byFolder.code).toBe(0);
    expect(byFolder.stdout).toMatch(/^! count-mismatch 1\/2 .*"expected":3,"found":1/m);
    const unknown = await runSohoaHere(['batch', '--report', '42', '--data-dir', dataDir]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe('sohoa batch: No archive batch 42 [batch.not-found]');
  });

  it('lists the QC queue with reasons, approves the clean dossiers in bulk, and a flagged one by its code', async () => {
    const queue = await runSohoaHere(['batch', '--qc', '1', '--json', '--data-dir', dataDir]);
    expect(queue.code, queue.stderr).toBe(0);
    const items = JSON.parse(queue.stdout) as {
      kind: string;
      dossierId: number | null;
      dossierCode: string | null;
      box: string;
      archiveNumber: string;
      reasons: string[];
      approved: boolean;
    }[];
    const dossierItems = items.filter((i) => i.kind !== 'page').map((i) => [i.kind, `${i.box}/${i.archiveNumber}`, i.reasons.sort()]);
    expect(dossierItems).toEqual([
      ['dossier', '1/2', ['count-mismatch']],
      ['dossier', 'Hop 02/HS 009', ['extra', 'unreadable-files'].sort()],
      ['register-row', '1/3', ['missing']],
    ]);
    expect(items.every((i) => !i.approved)).toBe(true);

    const bulk = await runSohoaHere(['batch', '--approve', '1', '--data-dir', dataDir]);
    expect(bulk.code, bulk.stderr).toBe(0);
    const db = openRawDatabase(dataDir, { readonly: true });
    const approved = () =>
      (
        db.prepare('SELECT dossier_id AS id FROM archive_folder WHERE approved_at IS NOT NULL ORDER BY dossier_id').all() as {
          id: number;
        }[]
      ).map((r) => r.id);
    const all = db
      .prepare('SELECT dossier_id AS id, d.code FROM archive_folder f JOIN dossier d ON d.id = f.dossier_id ORDER BY dossier_id')
      .all() as { id: number; code: string }[];
    const flagged = new Set(items.map((i) => i.dossierId));
    expect(approved()).toEqual(all.filter((d) => !flagged.has(d.id)).map((d) => d.id));
    const extra = items.find((i) => i.archiveNumber === 'HS 009')!;
    expect(approved()).not.toContain(extra.dossierId);
    const one = await runSohoaHere(['batch', '--approve', '1', '--dossier', extra.dossierCode!, '--data-dir', dataDir]);
    expect(one.stdout).toContain('1 dossier(s) approved');
    expect(approved()).toContain(extra.dossierId);
    db.close();
    const after = JSON.parse((await runSohoaHere(['batch', '--qc', '1', '--json', '--data-dir', dataDir])).stdout) as {
      archiveNumber: string;
      approved: boolean;
    }[];
    expect(after.filter((i) => i.archiveNumber === 'HS 009').every((i) => i.approved)).toBe(true);
  });

  it('refuses a broken XLSX register and a missing folder with a one-line coded reason', async () => {
    const xlsx = join(dir.path, 'so.xlsx');
    writeFileSync(xlsx, 'PK\u0003\u0004');
    const r = await runSohoaHere(['batch', ...TEST_AGENCY_ARGS, tree, '--manifest', xlsx, '--data-dir', join(dir.path, 'other')]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('[register.unreadable]');
    const other = openRawDatabase(join(dir.path, 'other'), { readonly: true });
    expect(other.prepare('SELECT count(*) AS n FROM batch').get()).toEqual({ n: 0 });
    other.close();
    const missing = await runSohoaHere(['batch', ...TEST_AGENCY_ARGS, join(dir.path, 'nowhere'), '--data-dir', join(dir.path, 'other')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('[batch.folder-not-found]');
  });

  it('takes a Windows-1258 register, storing its Vietnamese text right', async () => {
    const legacyTree = join(dir.path, 'kho-1258');
    // A dossier folder with no page image in it: the register is what is looked at here, not OCR.
    writeTree(legacyTree, [{ relPath: 'Hộp 3/HS 14', pages: [], junk: ['ghi-chu.txt'] }]);
    const legacyRegister = join(dir.path, 'so-1258.csv');
    const title = 'Hồ sơ cấp giấy chứng nhận quyền sử dụng đất';
    writeFileSync(
      legacyRegister,
      toWindows1258(['Hộp số,Hồ sơ số,Tiêu đề,Năm,Lĩnh vực,Thời hạn bảo quản', `3,14,${title},2021,Đất đai,Vĩnh viễn`].join('\r\n')),
    );
    const legacyData = join(dir.path, 'data-1258');
    const r = await runSohoaHere([
      'batch',
      ...TEST_AGENCY_ARGS,
      legacyTree,
      '--manifest',
      legacyRegister,
      '--data-dir',
      legacyData,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.batch.registerEncoding).toBe('windows-1258');
    expect(report.dossiers).toEqual([
      expect.objectContaining({ relPath: 'Hộp 3/HS 14', box: '3', archiveNumber: '14', year: 2021, title, pages: 0 }),
    ]);
    const db = openRawDatabase(legacyData, { readonly: true });
    try {
      expect(db.prepare('SELECT title FROM document').all()).toEqual([{ title }]);
      expect(db.prepare('SELECT field, retention FROM archive_register_row').all()).toEqual([{ field: 'Đất đai', retention: 'Vĩnh viễn' }]);
    } finally {
      db.close();
    }
  });
});
