import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRegister } from '../../src/core/archive/batch-intake';
import { readRegister } from '../../src/core/archive/register-import';
import { tempDir } from '../support/temp-dir';
import { registerSheetXml, workbookParts, writeZip } from './zip-writer';

/** Runs a read that must be refused, and how long it took and how far the heap grew. */
async function refused(read: () => Promise<unknown>) {
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const error = await read().then(
    () => null,
    (e: unknown) => e,
  );
  return { error, ms: performance.now() - started, heapGrowthMb: (process.memoryUsage().heapUsed - heapBefore) / 1048576 };
}

describe('register limits: refused before they use up memory', () => {
  const dir = tempDir('sohoa-register-limits-');
  afterAll(() => dir.remove());

  it('reads the hand-made workbook these checks start from', async () => {
    const r = await readRegister(writeZip(workbookParts(registerSheetXml())), 'r.xlsx');
    expect(r.rows.map((x) => [x.box, x.archiveNumber])).toEqual([['1', '7']]);
  });

  it('refuses a workbook with a cell a million rows down and 16,384 columns across', async () => {
    const far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>';
    const bytes = writeZip(workbookParts(registerSheetXml(far)));
    expect(bytes.length).toBeLessThan(2000);
    const r = await refused(() => readRegister(bytes, 'far.xlsx'));
    expect(r.error).toMatchObject({ code: 'register.too-large' });
    expect((r.error as Error).message).toContain('spans more than');
    expect(r.ms).toBeLessThan(2000);
  });

  it('refuses a workbook whose sheet unpacks to more than the limit, whatever its ZIP headers claim', async () => {
    const padding = ' '.repeat(45 * 1024 * 1024);
    const parts = workbookParts(registerSheetXml(`<row r="3"></row>${padding}`));
    const bytes = writeZip(parts);
    expect(bytes.length).toBeLessThan(200 * 1024);
    // The header claims the sheet is small: the limit holds on what is unpacked, not on what is claimed.
    const claimedAt = bytes.indexOf(Buffer.from('xl/worksheets/sheet1.xml')) - 30;
    bytes.writeUInt32LE(1000, claimedAt + 22);
    const r = await refused(() => readRegister(bytes, 'bomb.xlsx'));
    expect(r.error).toMatchObject({ code: 'register.too-large' });
    expect((r.error as Error).message).toContain('xl/worksheets/sheet1.xml unpacks to more than 40 MB');
    expect(r.heapGrowthMb).toBeLessThan(150);
  });

  it('refuses a CSV cell of over 64 K characters, and a register file over 20 MB without reading it', async () => {
    const cell = Buffer.from(`Hộp số,Hồ sơ số,Tiêu đề\r\n1,1,${'x'.repeat(1024 * 1024)}\r\n`, 'utf8');
    const r = await refused(() => readRegister(cell, 'cell.csv'));
    expect(r.error).toMatchObject({ code: 'register.too-large' });
    expect((r.error as Error).message).toContain('line 2');

    const big = join(dir.path, 'o-50mb.csv');
    writeFileSync(big, 'Hộp số,Hồ sơ số,Tiêu đề\r\n1,1,"');
    truncateSync(big, 50 * 1024 * 1024);
    const huge = await refused(() => loadRegister(big, {}));
    expect(huge.error).toMatchObject({ code: 'register.too-large' });
    expect((huge.error as Error).message).toContain('50.0 MB');
    expect(huge.heapGrowthMb).toBeLessThan(20);
  });
});
