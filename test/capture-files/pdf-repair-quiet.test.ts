import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBytes, type ImportItem } from '../../src/core/capture/file-source';
import { verifyPdf } from '../../src/core/record/verify-pdf';
import { REPO, runSohoa } from '../support/cli';
import { tempDir } from '../support/temp-dir';

/** What pdf-lib writes to the console for each object it has to skip. */
const PDF_LIB_NOISE = /Trying to parse invalid object|Invalid object ref/;

/** A scanner PDF (one JPEG page) and the same file with one broken object, which pdf-lib skips to read the rest. */
async function scannerPdfs(): Promise<{ good: Buffer; damaged: Buffer }> {
  const image = await sharp({ create: { width: 200, height: 280, channels: 3, background: '#f4f1e8' } })
    .jpeg()
    .toBuffer();
  const doc = await PDFDocument.create();
  const embedded = await doc.embedJpg(image);
  doc.addPage([595, 842]).drawImage(embedded, { x: 0, y: 0, width: 595, height: 842 });
  const good = Buffer.from(await doc.save({ useObjectStreams: false }));
  const xref = good.lastIndexOf('\nxref\n') + 1;
  const broken = Buffer.from('40 0 obj\n<< /Broken ] >>\nendobj\n');
  return { good, damaged: Buffer.concat([good.subarray(0, xref), broken, good.subarray(xref)]) };
}

async function importAll(name: string, bytes: Buffer): Promise<ImportItem[]> {
  const items: ImportItem[] = [];
  for await (const item of importBytes(name, bytes)) items.push(item);
  return items;
}

describe('a PDF pdf-lib has to repair', () => {
  const dir = tempDir();
  let pdfs: Awaited<ReturnType<typeof scannerPdfs>>;
  let damagedPath: string;
  beforeAll(async () => {
    pdfs = await scannerPdfs();
    damagedPath = join(dir.path, 'ho-so-hong.pdf');
    writeFileSync(damagedPath, pdfs.damaged);
  });
  afterAll(() => dir.remove());

  it('still imports, its first page carrying one coded warning; an undamaged PDF carries none', async () => {
    const damaged = await importAll('ho-so-hong.pdf', pdfs.damaged);
    expect(damaged.map((i) => i.kind)).toEqual(['page']);
    expect(damaged[0]).toMatchObject({ kind: 'page', warning: { code: 'import.pdf-repaired' } });
    const good = await importAll('ho-so.pdf', pdfs.good);
    expect(good).toHaveLength(1);
    expect(good[0]).not.toHaveProperty('warning');
  });

  it('is verified with a record.pdf-repaired warning in the report', async () => {
    const report = await verifyPdf(pdfs.damaged, { trustAnchors: [], fetchCrl: false });
    expect(report).toMatchObject({ pageCount: 1, intact: false, code: 'record.unsigned' });
    expect(report.warnings).toEqual([{ code: 'record.pdf-repaired', message: expect.any(String) }]);
    expect((await verifyPdf(pdfs.good, { trustAnchors: [], fetchCrl: false })).warnings).toBeUndefined();
  });

  it('`sohoa verify` keeps pdf-lib’s lines off stdout and stderr and reports one warning line', () => {
    const r = runSohoa(['verify', damagedPath]);
    expect(r.stderr).not.toMatch(PDF_LIB_NOISE);
    expect(r.stdout).not.toMatch(PDF_LIB_NOISE);
    expect(r.stdout.split('\n').filter((l) => l.includes('record.pdf-repaired'))).toHaveLength(1);
    expect(r.stdout).toContain('Result: not signed');
    expect(r.code).toBe(1);
  });

  it('the import path, run as the engine runs it (a plain Node process), writes nothing to stdout or stderr', () => {
    const script = `
      import { readFileSync } from 'node:fs';
      import { importBytes } from './src/core/capture/file-source.ts';
      for await (const item of importBytes('ho-so-hong.pdf', readFileSync(${JSON.stringify(damagedPath)}))) {
        if (item.kind !== 'page' || item.warning?.code !== 'import.pdf-repaired') process.exit(3);
      }`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO, encoding: 'utf8' });
    expect({ code: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});
