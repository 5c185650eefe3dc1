import { describe, expect, it } from 'vitest';
import writeExcelFile from 'write-excel-file/node';
import { parseColumnChoice } from '../../src/core/archive/register-columns';
import { parseRegister, readRegister } from '../../src/core/archive/register-import';
import { guessEncoding } from '../../src/core/archive/register-encoding';
import { numberKey, parsePageCount, parseYear } from '../../src/core/archive/register-values';
import { toTcvn3, toWindows1258 } from './legacy-encodings';

const utf8 = (lines: string[]) => Buffer.from(lines.join('\r\n'), 'utf8');

describe('reading a register (sổ theo dõi)', () => {
  it('maps Vietnamese headers, reports bad rows by line and keeps the good ones', () => {
    const r = parseRegister(
      utf8([
        'STT,Hộp số,Hồ sơ số,Tiêu đề hồ sơ,Năm,Lĩnh vực,Số trang,Thời hạn bảo quản',
        '1,01,001,Hồ sơ đăng ký khai sinh,2020,Hộ tịch,12,Vĩnh viễn',
        '2,01,,Không có số,2020,Hộ tịch,3,10 năm',
        '3,01,1,Trùng số hồ sơ,2020,Hộ tịch,4,10 năm',
        '4,02,7,Năm lạ,15/03/2021,Đất đai,5 trang,20 năm',
        '5,02,8,Năm hỏng,không rõ,Đất đai,mười,20 năm',
      ]),
      'register.csv',
    );
    expect(r.encoding).toBe('utf-8');
    expect(r.columns).toEqual({
      box: 'Hộp số',
      dossier: 'Hồ sơ số',
      title: 'Tiêu đề hồ sơ',
      year: 'Năm',
      field: 'Lĩnh vực',
      pages: 'Số trang',
      retention: 'Thời hạn bảo quản',
    });
    expect(r.rows.map((x) => [x.line, x.box, x.archiveNumber, x.year, x.expectedPages])).toEqual([
      [2, '01', '001', 2020, 12],
      [5, '02', '7', 2021, 5],
      [6, '02', '8', null, null],
    ]);
    expect(r.rows[0]).toMatchObject({
      title: 'Hồ sơ đăng ký khai sinh',
      field: 'Hộ tịch',
      retention: 'Vĩnh viễn',
      boxKey: '1',
      numberKey: '1',
    });
    expect(r.problems.map((p) => [p.line, p.code, p.severity])).toEqual([
      [3, 'register.missing-value', 'rejected'],
      [4, 'register.duplicate-dossier', 'rejected'],
      [6, 'register.bad-year', 'warning'],
      [6, 'register.bad-page-count', 'warning'],
    ]);
    expect(r.problems[1]!.message).toContain('line 2');
  });

  it('maps English headers, and reports absent optional columns on the header line', () => {
    const r = parseRegister(utf8(['Box,Dossier No,Title,Year', 'B1,12,Land use,2021']), 'r.csv');
    expect(r.columns).toEqual({ box: 'Box', dossier: 'Dossier No', title: 'Title', year: 'Year' });
    expect(r.rows).toHaveLength(1);
    expect(r.problems.filter((p) => p.line === 1).map((p) => p.code)).toEqual([
      'register.missing-column',
      'register.missing-column',
      'register.missing-column',
    ]);
  });

  it('keeps a remembered column choice over the guess', () => {
    const r = parseRegister(utf8(['Hồ sơ số,Mã lưu trữ,Tiêu đề', '5,LT-77,Một']), 'r.csv', { remembered: { dossier: 'Mã lưu trữ' } });
    expect(r.rows[0]!.archiveNumber).toBe('LT-77');
  });

  it('refuses a register without a dossier number column, an empty one, a broken XLSX and an old .xls, with codes', async () => {
    expect(() => parseRegister(utf8(['Tiêu đề,Năm', 'A,2020']), 'r.csv')).toThrow(
      expect.objectContaining({ code: 'register.missing-column' }),
    );
    expect(() => parseRegister(Buffer.alloc(0), 'r.csv')).toThrow(expect.objectContaining({ code: 'register.empty' }));
    await expect(readRegister(Buffer.from('PK\u0003\u0004rest'), 'r.xlsx')).rejects.toMatchObject({ code: 'register.unreadable' });
    await expect(readRegister(Buffer.from('PK\u0003\u0004rest'), 'r.csv')).rejects.toMatchObject({ code: 'register.unreadable' });
    await expect(readRegister(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'r.xls')).rejects.toMatchObject({
      code: 'register.xls-unsupported',
    });
  });

  it('reads an XLSX register like a CSV one, problems by their row number in the sheet', async () => {
    const sheet = await writeExcelFile([
      ['Hộp số', 'Hồ sơ số', 'Tiêu đề hồ sơ', 'Năm', 'Lĩnh vực', 'Số trang', 'Thời hạn bảo quản'],
      [1, '001', 'Hồ sơ đăng ký khai sinh', 2020, 'Hộ tịch', 12, 'Vĩnh viễn'],
      [null, null, null, null, null, null, null],
      [1, null, 'Không có số', 2020, 'Hộ tịch', 3, '10 năm'],
      [2, 7, 'Ngày là ô ngày tháng', { value: new Date(Date.UTC(2021, 2, 15)), format: 'dd/mm/yyyy' }, 'Đất đai', '5 trang', '20 năm'],
      [2, 7, 'Trùng', 2021, 'Đất đai', 1, '20 năm'],
      [2, 8, 'Năm hỏng', 'không rõ', 'Đất đai', 2.5, '20 năm'],
    ]).toBuffer();
    const r = await readRegister(sheet, 'so-theo-doi.xlsx');
    expect(r.encoding).toBe('xlsx');
    expect(r.columns).toEqual({
      box: 'Hộp số',
      dossier: 'Hồ sơ số',
      title: 'Tiêu đề hồ sơ',
      year: 'Năm',
      field: 'Lĩnh vực',
      pages: 'Số trang',
      retention: 'Thời hạn bảo quản',
    });
    expect(r.rows.map((x) => [x.line, x.box, x.archiveNumber, x.year, x.expectedPages, x.title])).toEqual([
      [2, '1', '001', 2020, 12, 'Hồ sơ đăng ký khai sinh'],
      [5, '2', '7', 2021, 5, 'Ngày là ô ngày tháng'],
      [7, '2', '8', null, null, 'Năm hỏng'],
    ]);
    expect(r.problems.map((p) => [p.line, p.code, p.severity])).toEqual([
      [4, 'register.missing-value', 'rejected'],
      [6, 'register.duplicate-dossier', 'rejected'],
      [7, 'register.bad-year', 'warning'],
      [7, 'register.bad-page-count', 'warning'],
    ]);
  });

  it('takes columns chosen by hand over the guess and the remembered map, and refuses a column that is not there', () => {
    const bytes = utf8(['Số hồ sơ,Mã lưu trữ,Hộp,Ghi chú', '5,LT-77,3,Trích yếu ghi ở đây']);
    const chosen = parseColumnChoice('number=Mã lưu trữ, title=ghi chu');
    const r = parseRegister(bytes, 'r.csv', { remembered: { dossier: 'Số hồ sơ', box: 'Hộp' }, chosen });
    expect(r.columns).toMatchObject({ dossier: 'Mã lưu trữ', title: 'Ghi chú', box: 'Hộp' });
    expect(r.rows[0]).toMatchObject({ archiveNumber: 'LT-77', title: 'Trích yếu ghi ở đây', box: '3' });
    expect(() => parseRegister(bytes, 'r.csv', { chosen: parseColumnChoice('title=Tiêu đề') })).toThrow(
      expect.objectContaining({ code: 'register.bad-map' }),
    );
    expect(() => parseColumnChoice('colour=Màu')).toThrow(expect.objectContaining({ code: 'register.bad-map' }));
    expect(() => parseColumnChoice('box')).toThrow(expect.objectContaining({ code: 'register.bad-map' }));
  });

  it('decodes a Windows-1258 register to the right Vietnamese text', () => {
    const lines = ['Hộp số,Hồ sơ số,Tiêu đề,Năm,Lĩnh vực', '3,14,Hồ sơ cấp giấy chứng nhận quyền sử dụng đất,2021,Đất đai'];
    const bytes = toWindows1258(lines.join('\n'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(guessEncoding(bytes)).toBe('windows-1258');
    const r = parseRegister(bytes, 'r.csv');
    expect(r.encoding).toBe('windows-1258');
    expect(r.rows).toEqual([
      expect.objectContaining({
        box: '3',
        archiveNumber: '14',
        title: 'Hồ sơ cấp giấy chứng nhận quyền sử dụng đất',
        year: 2021,
        field: 'Đất đai',
      }),
    ]);
  });

  it('decodes a TCVN3 (ABC) register', () => {
    const bytes = toTcvn3('Hộp số,Hồ sơ số,Tiêu đề\n1,2,Hồ sơ hộ tịch');
    expect(guessEncoding(bytes)).toBe('tcvn3');
    const r = parseRegister(bytes, 'r.csv');
    expect(r.encoding).toBe('tcvn3');
    expect(r.rows[0]).toMatchObject({ box: '1', archiveNumber: '2', title: 'Hồ sơ hộ tịch' });
  });

  it('reports a row with bytes no letter of TCVN3, and reads UTF-8 rows pasted into a legacy register as UTF-8', () => {
    const tcvn = Buffer.concat([toTcvn3('Hồ sơ số,Tiêu đề\n1,Hồ sơ\n2,'), Buffer.from([0x41, 0xba]), Buffer.from('\n')]);
    const broken = parseRegister(tcvn, 'r.csv', { encoding: 'tcvn3' });
    expect(broken.problems.filter((p) => p.line > 1).map((p) => [p.line, p.code])).toEqual([[3, 'register.bad-encoding']]);
    expect(broken.rows.map((r) => r.title)).toEqual(['Hồ sơ', 'A\ufffd']);

    const mixed = Buffer.concat([toWindows1258('Hồ sơ số,Tiêu đề\n1,Hồ sơ hộ tịch\n'), Buffer.from('2,Hồ sơ đất đai\n', 'utf8')]);
    const r = parseRegister(mixed, 'r.csv');
    expect(r.encoding).toBe('windows-1258');
    expect(r.rows.map((x) => x.title)).toEqual(['Hồ sơ hộ tịch', 'Hồ sơ đất đai']);
    expect(r.problems.filter((p) => p.line > 1).map((p) => [p.line, p.code])).toEqual([[3, 'register.mixed-encoding']]);
  });

  it('reads years, page counts and numbers the ways staff write them', () => {
    expect(['2020', '2020.0', 'năm 2020', '15/03/2020', '2020-03-15', '03.2020'].map(parseYear)).toEqual([
      2020, 2020, 2020, 2020, 2020, 2020,
    ]);
    expect(['20', '1800', '2020-2021', ''].map(parseYear)).toEqual([null, null, null, null]);
    expect(['12', '12 trang', '12.0', 'mười', '1,5'].map(parsePageCount)).toEqual([12, 12, 12, null, null]);
    expect(['Hộp 03', 'HS-0012', '12', 'A'].map(numberKey)).toEqual(['3', '12', '12', 'a']);
  });
});
