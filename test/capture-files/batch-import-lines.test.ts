import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_AGENCY_ARGS } from '../support/agency';
import { runSohoa } from '../support/cli';
import { tempDir } from '../support/temp-dir';

/** What pdf-lib, libjpeg and Leptonica print on their own: none of it may reach the user's stderr. */
const LIBRARY_NOISE = /Trying to parse invalid object|Invalid object ref|Error in pix|Corrupt JPEG|Premature end|libjpeg|Warning in/i;

/** A page as a scanner gives it, as JPEG. */
async function scanJpeg(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1240" height="1754"><rect width="100%" height="100%" fill="white"/><text x="100" y="200" font-size="60">CONG HOA XA HOI CHU NGHIA VIET NAM</text></svg>`;
  return sharp(Buffer.from(svg)).withMetadata({ density: 150 }).jpeg({ quality: 80 }).toBuffer();
}

/** Damaged JPEGs: entropy data overwritten, a stray restart marker, bytes before the end marker (all decodable), and one cut short. */
function damagedJpegs(jpeg: Buffer): Record<string, Buffer> {
  const sos = jpeg.indexOf(Buffer.from([0xff, 0xda]));
  const overwritten = Buffer.from(jpeg).fill(0x55, sos + 400, sos + 700);
  const marker = Buffer.from(jpeg);
  marker[sos + 500] = 0xff;
  marker[sos + 501] = 0xd3;
  const extraneous = Buffer.concat([jpeg.subarray(0, jpeg.length - 2), Buffer.from([1, 2, 3, 4]), jpeg.subarray(jpeg.length - 2)]);
  return {
    'a-ghi-de.jpg': overwritten,
    'b-marker.jpg': marker,
    'c-thua.jpg': extraneous,
    'd-cut.jpg': jpeg.subarray(0, Math.floor(jpeg.length * 0.8)),
  };
}

/** A scanner PDF with one broken object, which pdf-lib skips to read the rest (as in pdf-repair-quiet.test.ts). */
async function repairablePdf(): Promise<Buffer> {
  const image = await sharp({ create: { width: 200, height: 280, channels: 3, background: '#f4f1e8' } })
    .jpeg()
    .toBuffer();
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawImage(await doc.embedJpg(image), { x: 0, y: 0, width: 595, height: 842 });
  const good = Buffer.from(await doc.save({ useObjectStreams: false }));
  const xref = good.lastIndexOf('\nxref\n') + 1;
  return Buffer.concat([good.subarray(0, xref), Buffer.from('40 0 obj\n<< /Broken ] >>\nendobj\n'), good.subarray(xref)]);
}

describe('sohoa batch and process: one coded line per file on stderr, nothing from the libraries', () => {
  const dir = tempDir('sohoa-import-lines-');
  const tree = join(dir.path, 'kho');
  const damaged: Record<string, Buffer> = {};

  beforeAll(async () => {
    const jpeg = await scanJpeg();
    Object.assign(damaged, damagedJpegs(jpeg));
    mkdirSync(join(tree, 'HS 001'), { recursive: true });
    mkdirSync(join(tree, 'HS 002'), { recursive: true });
    writeFileSync(join(tree, 'HS 001', 'p1.jpg'), jpeg);
    writeFileSync(join(tree, 'HS 001', 'p2-hong.pdf'), await repairablePdf());
    writeFileSync(join(tree, 'HS 002', 'p1-sua.pdf'), await repairablePdf());
    for (const [name, bytes] of Object.entries(damaged)) writeFileSync(join(tree, 'HS 002', name), bytes);
  });
  afterAll(() => dir.remove());

  it('`sohoa batch` prints one import.pdf-repaired line per repaired file, and no library line for the damaged JPEGs', () => {
    const r = runSohoa(['batch', ...TEST_AGENCY_ARGS, tree, '--data-dir', join(dir.path, 'data'), '--workers', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(LIBRARY_NOISE);
    expect(r.stdout).not.toMatch(LIBRARY_NOISE);
    const repaired = r.stderr.split('\n').filter((l) => l.includes('import.pdf-repaired'));
    expect(repaired.map((l) => l.slice(l.lastIndexOf('/') + 1))).toEqual(['p2-hong.pdf', 'p1-sua.pdf']);
    expect(repaired.every((l) => l.startsWith('sohoa batch: warning [import.pdf-repaired] '))).toBe(true);
    // The one JPEG that cannot be decoded is named once, with its code, in the report; the others are pages.
    expect(r.stdout.match(/d-cut\.jpg/g)).toHaveLength(1);
    expect(r.stdout).toContain('"code":"import.corrupt-image"');
    expect(r.stderr).not.toMatch(/a-ghi-de|b-marker|c-thua|d-cut/);
  });

  it('`sohoa process` reads the decodable damaged JPEGs without a line on stderr, and refuses the cut one in one coded line', () => {
    const ok = runSohoa([
      'process',
      ...TEST_AGENCY_ARGS,
      ...['a-ghi-de.jpg', 'b-marker.jpg', 'c-thua.jpg'].map((n) => join(tree, 'HS 002', n)),
      '--out',
      join(dir.path, 'ok.pdf'),
    ]);
    expect({ code: ok.code, stderr: ok.stderr }).toEqual({ code: 0, stderr: '' });
    const cut = runSohoa(['process', ...TEST_AGENCY_ARGS, join(tree, 'HS 002', 'd-cut.jpg'), '--out', join(dir.path, 'cut.pdf')]);
    expect(cut.code).not.toBe(0);
    const lines = cut.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^sohoa process: .*\[image\.corrupt\]$/);
  });
});
