import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSheet } from 'read-excel-file/node';
import writeExcelFile from 'write-excel-file/node';
import { afterAll, describe, expect, it } from 'vitest';
import { auditCsv } from '../../src/core/audit/audit-csv';
import { parseCatalogCsv } from '../../src/core/catalog/catalog-import';
import { readRegister, type ParsedRegister } from '../../src/core/archive/register-import';
import { runSohoaHere } from '../support/cli-here';
import { TEST_AGENCY_ARGS } from '../support/agency';
import { openRawDatabase } from '../support/data-key';
import { tempDir } from '../support/temp-dir';
import { en } from '../../src/renderer/src/i18n/en';
import { errorMessage } from '../../src/renderer/src/i18n/error-messages';
import { translator } from '../../src/renderer/src/i18n/translate';
import { vi } from '../../src/renderer/src/i18n/vi';
import { writeTree } from './batch-tree';

const FIXTURES = new URL('../fixtures/registers/', import.meta.url).pathname;
const fixture = (name: string) => readFileSync(join(FIXTURES, name));

type Row = [
  box: string,
  dossier: string,
  title: string | null,
  year: number | null,
  field: string | null,
  pages: number | null,
  retention: string | null,
];
const rowsOf = (r: Pick<ParsedRegister, 'rows'>): Row[] =>
  r.rows.map((x) => [x.box, x.archiveNumber, x.title, x.year, x.field, x.expectedPages, x.retention]);

const KHAI_SINH: Row = ['1', '1', 'Hồ sơ đăng ký khai sinh', 2020, 'Hộ tịch', 15, 'Vĩnh viễn'];
const HYPERLINK = '=HYPERLINK("http://vi.example/x";"Bấm vào")';

/** What each fixture holds (see test/fixtures/registers/make-registers.ts), as the import must read it. */
const EXPECTED: Record<string, { rows: Row[]; encoding: string; delimiter: string | null; headerLines: number[]; vniCells?: number }> = {
  'so-theo-doi-cham-phay.csv': {
    encoding: 'utf-8',
    delimiter: 'semicolon (;)',
    headerLines: [2],
    rows: [
      KHAI_SINH,
      ['1', '2', 'Hồ sơ giao đất; cấp giấy chứng nhận', 2019, 'Đất đai', 8, 'Vĩnh viễn'],
      ['2', '3', 'Hồ sơ cấp phép xây dựng', 2018, HYPERLINK, 12, '20 năm'],
    ],
  },
  'unicode-text-utf16.txt': {
    encoding: 'utf-16le',
    delimiter: 'tab',
    headerLines: [1],
    rows: [KHAI_SINH, ['1', '2', 'Hồ sơ "giao đất"', 2019, 'Đất đai', 8, 'Vĩnh viễn']],
  },
  'vni.csv': {
    encoding: 'vni',
    delimiter: 'comma (,)',
    headerLines: [1],
    rows: [KHAI_SINH, ['1', '2', 'Hồ sơ cấp phép xây dựng', 2019, 'Xây dựng', 8, '10 năm']],
  },
  'tcvn3.csv': {
    encoding: 'tcvn3',
    delimiter: 'comma (,)',
    headerLines: [1],
    rows: [KHAI_SINH, ['1', '2', 'Hồ sơ Đất đai', 2019, 'Đất đai', 8, 'Vĩnh viễn']],
  },
  'vni.xlsx': {
    encoding: 'xlsx',
    delimiter: null,
    headerLines: [1],
    vniCells: 13,
    rows: [[...KHAI_SINH.slice(0, 6), null] as Row, ['1', '2', 'Hồ sơ giao đất', 2019, 'Đất đai', 8, null]],
  },
  // Sheet 'Hộp 1': title block, header over rows 6–7 with merged cells, column numbers on row 8,
  // a spacer column, dates as text, an Excel serial, a date cell and a year alone, "15 tờ", a totals row.
  'muc-luc-ho-so.xlsx': {
    encoding: 'xlsx',
    delimiter: null,
    headerLines: [6, 7],
    rows: [
      KHAI_SINH,
      ['1', '2', 'Hồ sơ giao đất', 2020, 'Đất đai', 8, 'Vĩnh viễn'],
      ['1', '3', 'Hồ sơ cấp phép xây dựng', 2019, 'Xây dựng', 12, '20 năm'],
      ['1', '4', 'Hồ sơ hòa giải', 2018, 'Tư pháp', 5, '10 năm'],
    ],
  },
};
const HOP_2: Row[] = [
  ['2', '5', 'Hồ sơ đăng ký kết hôn', 2021, 'Hộ tịch', 6, 'Vĩnh viễn'],
  ['2', '6', 'Hồ sơ chứng thực', 2021, 'Tư pháp', 3, '5 năm'],
];

describe('registers as offices keep them', () => {
  for (const [name, want] of Object.entries(EXPECTED)) {
    it(`reads ${name}: ${want.encoding}${want.delimiter ? `, ${want.delimiter}` : ''}, header on row ${want.headerLines.join('–')}`, async () => {
      const r = await readRegister(fixture(name), name);
      expect(rowsOf(r)).toEqual(want.rows);
      expect(r.encoding).toBe(want.encoding);
      expect(r.delimiter === null ? null : { ';': 'semicolon (;)', '\t': 'tab', ',': 'comma (,)', '|': 'bar (|)' }[r.delimiter]).toBe(
        want.delimiter,
      );
      expect(r.headerLines).toEqual(want.headerLines);
      expect(r.vniCells).toBe(want.vniCells ?? 0);
      expect(r.problems.filter((p) => p.severity === 'rejected')).toEqual([]);
    });
  }

  it('leaves out the totals row with a warning, and reads one sheet, another by name or number, or all of them', async () => {
    const bytes = fixture('muc-luc-ho-so.xlsx');
    const first = await readRegister(bytes, 'm.xlsx');
    expect(first.sheets.map((s) => s.name)).toEqual(['Hộp 1']);
    expect(first.problems.map((p) => [p.line, p.code])).toEqual([[13, 'register.totals-row']]);
    expect(rowsOf(await readRegister(bytes, 'm.xlsx', { sheet: 'Hộp 2' }))).toEqual(HOP_2);
    expect(rowsOf(await readRegister(bytes, 'm.xlsx', { sheet: '2' }))).toEqual(HOP_2);
    const all = await readRegister(bytes, 'm.xlsx', { sheet: 'all' });
    expect(rowsOf(all)).toEqual([...EXPECTED['muc-luc-ho-so.xlsx']!.rows, ...HOP_2]);
    expect(new Set(all.rows.map((x) => x.line)).size).toBe(6);
    expect(all.problems.map((p) => [p.sheet, p.sheetRow ?? null, p.code])).toEqual([
      ['Ghi chú', null, 'register.sheet-skipped'],
      ['Hộp 1', 13, 'register.totals-row'],
      ['Hộp 2', 11, 'register.totals-row'],
    ]);
    await expect(readRegister(bytes, 'm.xlsx', { sheet: 'Hộp 9' })).rejects.toMatchObject({
      code: 'register.sheet-not-found',
      details: { sheets: ['Hộp 1', 'Hộp 2', 'Ghi chú'] },
    });
  });

  it('reads UTF-16 BE text and tab text without a byte-order mark', async () => {
    const le = fixture('unicode-text-utf16.txt');
    const be = Buffer.from(le);
    be.swap16();
    const r = await readRegister(be, 'be.txt');
    expect(r.encoding).toBe('utf-16be');
    expect(rowsOf(r)).toEqual(EXPECTED['unicode-text-utf16.txt']!.rows);
    const noBom = await readRegister(le.subarray(2), 'le.txt');
    expect(noBom.encoding).toBe('utf-16le');
    expect(rowsOf(noBom)).toEqual(EXPECTED['unicode-text-utf16.txt']!.rows);
  });

  it('converts VNI text saved as a UTF-8 CSV, and counts the cells converted', async () => {
    const utf8 = Buffer.from(fixture('vni.csv').toString('latin1'), 'utf8');
    const r = await readRegister(utf8, 'vni-utf8.csv');
    expect(r.encoding).toBe('utf-8');
    // 8 header cells, 5 in the first row, 3 in the second (numbers and empty cells are not VNI).
    expect(r.vniCells).toBe(16);
    expect(rowsOf(r)).toEqual(EXPECTED['vni.csv']!.rows);
  });

  it('takes an XLSX formula cell saved without a value as its formula text, not as an empty cell', async () => {
    const sheet = [
      [{ value: 'Hồ sơ số' }, { value: 'Tiêu đề hồ sơ' }, { value: 'Số tờ' }],
      [{ value: 1 }, { type: 'Formula', value: 'HYPERLINK("http://vi.example/x","Bấm vào")' }, { value: 3 }],
      [{ value: 2 }, { value: 'Hồ sơ thường' }, { type: 'Formula', value: '1+2' }],
    ];
    const r = await readRegister(await writeExcelFile(sheet as never).toBuffer(), 'f.xlsx');
    expect(r.rows.map((x) => [x.archiveNumber, x.title, x.expectedPages])).toEqual([
      ['1', '=HYPERLINK("http://vi.example/x","Bấm vào")', 3],
      ['2', 'Hồ sơ thường', null],
    ]);
    expect(r.problems.map((p) => [p.line, p.code])).toContainEqual([3, 'register.bad-page-count']);
  });

  it('refuses a register whose header names no dossier number, saying what it saw and how to fix it', async () => {
    const bytes = Buffer.from('\ufeffHộp;Tên hồ sơ;Năm\r\n1;Khai sinh;2020\r\n', 'utf8');
    const error = await readRegister(bytes, 'so.csv').catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'register.missing-column',
      details: { encoding: 'utf-8', delimiter: 'semicolon (;)', headerLines: [1], header: ['Hộp', 'Tên hồ sơ', 'Năm'] },
    });
    expect((error as Error).message).toContain('delimiter semicolon (;)');
    expect((error as Error).message).toContain('row 1 taken as the header');
    expect((error as Error).message).toContain('--map number=');
  });

  it('has a Vietnamese and an English message for every register error code', () => {
    const codes = [
      'register.missing-column',
      'register.empty',
      'register.unreadable',
      'register.xls-unsupported',
      'register.bad-map',
      'register.too-large',
      'register.sheet-not-found',
      'csv.syntax',
      'csv.cell-too-large',
    ];
    for (const [catalog, t] of [
      [vi, translator(vi)],
      [en, translator(en)],
    ] as const) {
      for (const code of codes) expect([code, errorMessage(t, code)]).not.toEqual([code, catalog['error.generic'].replace('{code}', code)]);
    }
    expect(errorMessage(translator(vi), 'register.too-large')).not.toBe(errorMessage(translator(en), 'register.too-large'));
  });

  it('reads a semicolon procedure catalog with the maintained parser, components still split by |', () => {
    const { procedures, problems } = parseCatalogCsv(
      '\ufeffcode;name;field;level;processing_days;components\r\nHT-01;"Đăng ký khai sinh; lưu động";Hộ tịch;3;1;Tờ khai|Giấy chứng sinh\r\n',
    );
    expect(problems).toEqual([]);
    expect(procedures).toMatchObject([
      { code: 'HT-01', name: 'Đăng ký khai sinh; lưu động', processingDays: 1, components: ['Tờ khai', 'Giấy chứng sinh'] },
    ]);
  });
});

/** Dossier folders with no page image: the register is what is looked at here, not OCR. */
describe('sohoa batch --preview and the import, on every register fixture', () => {
  const dir = tempDir('sohoa-register-formats-');
  const tree = join(dir.path, 'kho');
  writeTree(
    tree,
    [1, 2, 3, 4]
      .map((n) => ({ relPath: `Hop 1/HS ${n}`, pages: [] }))
      .concat(
        [5, 6].map((n) => ({ relPath: `Hop 2/HS ${n}`, pages: [] })),
        [{ relPath: 'Hop 2/HS 3', pages: [] }],
      ),
  );
  afterAll(() => dir.remove());

  type Dossier = { box: string; archiveNumber: string; title: string | null; year: number | null; expectedPages: number | null };
  for (const [name, want] of Object.entries(EXPECTED)) {
    it(`previews and imports ${name}`, async () => {
      const dataDir = join(dir.path, `data-${name}`);
      const manifest = join(FIXTURES, name);
      const preview = await runSohoaHere(['batch', '--preview', tree, '--manifest', manifest, '--data-dir', dataDir, '--json']);
      expect(preview.code, preview.stderr).toBe(0);
      const p = JSON.parse(preview.stdout);
      expect([p.encoding, p.delimiter, p.headerLines, p.rowCount]).toEqual([
        want.encoding,
        want.delimiter,
        want.headerLines,
        want.rows.length,
      ]);
      const text = await runSohoaHere(['batch', '--preview', tree, '--manifest', manifest, '--data-dir', dataDir]);
      expect(text.stdout).toContain(`Dòng tiêu đề / header row: ${want.headerLines.join('–')}`);
      if (want.delimiter) expect(text.stdout).toContain(`Dấu phân cách / delimiter: ${want.delimiter}`);
      if (want.encoding === 'vni' || want.vniCells) expect(text.stdout).toContain('VNI → Unicode (NFC)');

      const run = await runSohoaHere(['batch', tree, ...TEST_AGENCY_ARGS, '--manifest', manifest, '--data-dir', dataDir, '--json']);
      expect(run.code, run.stderr).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report.registered).toBe(want.rows.length);
      const matched = (report.dossiers as (Dossier & { registerLine: number | null })[]).filter((d) => d.registerLine !== null);
      expect(matched.map((d) => [d.box, d.archiveNumber, d.title, d.year, d.expectedPages])).toEqual(
        want.rows.map((r) => [r[0], r[1], r[2], r[3], r[5]]),
      );
    });
  }

  it('imports every sheet with --sheet all', async () => {
    const dataDir = join(dir.path, 'data-all');
    const run = await runSohoaHere([
      'batch',
      tree,
      ...TEST_AGENCY_ARGS,
      '--manifest',
      join(FIXTURES, 'muc-luc-ho-so.xlsx'),
      '--sheet',
      'all',
      '--data-dir',
      dataDir,
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.registered).toBe(6);
    expect(report.matched).toBe(6);
    // Taken up again without --sheet: the batch reads the sheets it was started with, not only the first.
    const again = await runSohoaHere([
      'batch',
      tree,
      ...TEST_AGENCY_ARGS,
      '--manifest',
      join(FIXTURES, 'muc-luc-ho-so.xlsx'),
      '--data-dir',
      dataDir,
      '--json',
    ]);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ registered: 6, matched: 6 });
  });

  it('imports nothing from a register it cannot use, and says why', async () => {
    const dataDir = join(dir.path, 'data-bad');
    const bad = join(dir.path, 'khong-co-so.csv');
    writeFileSync(bad, '\ufeffHộp;Tên hồ sơ;Năm\r\n1;Khai sinh;2020\r\n');
    const r = await runSohoaHere(['batch', tree, ...TEST_AGENCY_ARGS, '--manifest', bad, '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[register.missing-column]');
    expect(r.stderr).toContain('delimiter semicolon (;)');
    const db = openRawDatabase(dataDir, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM batch').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM archive_register_row').get()).toEqual({ n: 0 });
    db.close();
  });

  it('keeps a formula cell as text and neutralises it in the spreadsheet and CSV exports', async () => {
    const dataDir = join(dir.path, 'data-formula');
    const run = await runSohoaHere([
      'batch',
      tree,
      ...TEST_AGENCY_ARGS,
      '--manifest',
      join(FIXTURES, 'so-theo-doi-cham-phay.csv'),
      '--data-dir',
      dataDir,
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const db = openRawDatabase(dataDir, { readonly: true });
    expect(db.prepare("SELECT field FROM archive_register_row WHERE archive_number = '3'").get()).toEqual({ field: HYPERLINK });
    db.close();
    const xlsx = join(dir.path, 'bao-cao.xlsx');
    const status = await runSohoaHere(['status', '--data-dir', dataDir, '--xlsx', xlsx]);
    expect(status.code, status.stderr).toBe(0);
    const backlog = await readSheet(readFileSync(xlsx), 'Tồn đọng lưu trữ');
    const fields = backlog.slice(1).map((row) => row[1]);
    expect(fields).toContain(`'${HYPERLINK}`);
    expect(fields).not.toContain(HYPERLINK);

    const { csv } = auditCsv([
      {
        seq: 1,
        at: '2026-01-01T00:00:00Z',
        actor: '@cmd',
        workstation_id: 'w',
        action: '+x',
        subject: HYPERLINK,
        details: '-2+3',
        hash: 'h',
      },
    ] as never);
    const cells = csv.split('\r\n')[1]!;
    expect(cells).toContain(`'@cmd,w,'+x,"'=HYPERLINK(""http://vi.example/x"";""Bấm vào"")",'-2+3`);
  });
});
