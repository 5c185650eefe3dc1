import { execFileSync } from 'node:child_process';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { collect, corpusFile, corpusPages, withTempDir } from './helpers';

const jpgPage = corpusPages.find((p) => p.file.endsWith('.jpg'))!;
const pngPage = corpusPages.find((p) => p.file.endsWith('.png'))!;

/** A valid PNG whose header claims `width`×`height` pixels: what a decompression bomb looks like. */
function pngClaiming(width: number, height: number): Buffer {
  const row = Buffer.alloc(1 + width); // one filter byte + one grey byte per pixel, all zero
  const idat = deflateSync(Buffer.concat(Array.from({ length: 64 }, () => row)));
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'ascii');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

describe('bad input during import', () => {
  it('reports each bad file with its own code and still imports the good ones', async () => {
    await withTempDir(async (dir) => {
      const jpeg = await readFile(corpusFile(jpgPage));
      await copyFile(corpusFile(pngPage), join(dir, '01-good.png'));
      await writeFile(join(dir, '02-empty.jpg'), Buffer.alloc(0));
      await writeFile(join(dir, '03-truncated.jpg'), jpeg.subarray(0, Math.floor(jpeg.length * 0.4)));
      await writeFile(join(dir, '04-notes.jpg'), 'Biên nhận hồ sơ — not an image\n');
      await writeFile(join(dir, '05-bomb.png'), pngClaiming(30_000, 30_000));
      await writeFile(join(dir, '06-broken.pdf'), '%PDF-1.7\nthis is not a PDF body\n');
      const plain = await PDFDocument.create();
      plain.addPage();
      await writeFile(join(dir, '07-plain.pdf'), await plain.save());
      execFileSync('qpdf', ['--encrypt', 'user', 'owner', '256', '--', join(dir, '07-plain.pdf'), join(dir, '08-locked.pdf')]);
      await writeFile(join(dir, '09-good.jpg'), jpeg);
      const items = await collect(dir);
      const byName = Object.fromEntries(items.map((i) => [i.source.slice(dir.length + 1), i.kind === 'page' ? 'page' : i.error.code]));
      expect(byName).toEqual({
        '01-good.png': 'page',
        '02-empty.jpg': 'import.empty-file',
        '03-truncated.jpg': 'import.corrupt-image',
        '04-notes.jpg': 'import.unsupported-format',
        '05-bomb.png': 'import.image-too-large',
        '06-broken.pdf': 'import.corrupt-pdf',
        '07-plain.pdf#1': 'import.pdf-page-without-image',
        '08-locked.pdf': 'import.encrypted-pdf',
        '09-good.jpg': 'page',
      });
    });
  });

  it('caps pixels at the limit the caller sets', async () => {
    const [item] = await collect(corpusFile(pngPage), { limitInputPixels: 1_000_000 });
    expect(item?.kind).toBe('error');
    if (item?.kind === 'error') {
      expect(item.error.code).toBe('import.image-too-large');
      expect(item.error.details).toMatchObject({ pixels: pngPage.width_px * pngPage.height_px, limit: 1_000_000 });
    }
  });

  it('reports a damaged page of a TIFF for that page alone', async () => {
    const pages = await Promise.all(
      [40, 140, 240].map((v) =>
        sharp({ create: { width: 500, height: 700, channels: 3, background: { r: v, g: v, b: v } } })
          .png()
          .toBuffer(),
      ),
    );
    const tiff = await sharp(pages, { join: { animated: true } })
      .toColourspace('b-w')
      .tiff({ compression: 'none' })
      .toBuffer();
    // Uncompressed pages are stored in order: overwrite the middle of the file with junk past its end.
    const damaged = Buffer.from(tiff);
    await withTempDir(async (dir) => {
      const path = join(dir, 'cut.tif');
      await writeFile(path, damaged.subarray(0, Math.floor(damaged.length * 0.5)));
      const items = await collect(path);
      expect(items.length).toBeGreaterThanOrEqual(1);
      expect(items.some((i) => i.kind === 'error' && /^import\./.test(i.error.code))).toBe(true);
    });
  });
});
