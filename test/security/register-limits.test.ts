import { describe, expect, it } from 'vitest';
import * as yazl from 'yazl';
import { readRegister } from '../../src/core/archive/register-import';
import { REGISTER_LIMITS } from '../../src/core/archive/register-limits';
import { codeOf } from '../support/coded-error';

async function zipOf(entries: { name: string; bytes: Buffer }[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries) zip.addBuffer(e.bytes, e.name, { compress: true });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

/** Registers built to cost the reader memory and time out of all proportion to their size. */
describe('register limits', () => {
  it('refuses an XLSX whose sheet inflates far past its size, before the workbook reader sees it', async () => {
    const sheet = Buffer.concat([Buffer.from('<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'), Buffer.alloc(48 * 1024 ** 2, 'A'), Buffer.from('</t></is></c></row></sheetData></worksheet>')]);
    const xlsx = await zipOf([{ name: '[Content_Types].xml', bytes: Buffer.from('<Types/>') }, { name: 'xl/worksheets/sheet1.xml', bytes: sheet }]);
    expect(xlsx.length).toBeLessThan(1024 ** 2);
    expect(await codeOf(readRegister(xlsx, 'so-theo-doi.xlsx'))).toBe('register.too-large');
  });

  it('refuses a CSV register with a cell longer than Excel allows, naming its line', async () => {
    const csv = Buffer.from(`so_ho_so,tieu_de\n1,"Hồ sơ một"\n2,"${'x'.repeat(1024 ** 2)}"\n`);
    const error = await readRegister(csv, 'so-theo-doi.csv').catch((e: unknown) => e as { code: string; details: { line: number } });
    expect(error).toMatchObject({ code: 'csv.cell-too-long', details: { line: 3 } });
  });

  it('refuses a register file over the size limit unread', async () => {
    const big = Buffer.alloc(REGISTER_LIMITS.maxFileBytes + 1, 0x31);
    expect(await codeOf(readRegister(big, 'so-theo-doi.csv'))).toBe('register.too-large');
  });

  it('still reads an ordinary register with cells up to the limit', async () => {
    const csv = Buffer.from(`so_ho_so,tieu_de\n1,"${'y'.repeat(REGISTER_LIMITS.maxCellChars)}"\n`);
    const parsed = await readRegister(csv, 'so-theo-doi.csv');
    expect(parsed.rows.map((r) => r.title?.length)).toEqual([REGISTER_LIMITS.maxCellChars]);
  });
});
