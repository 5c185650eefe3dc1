import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import {
  concatTransformationMatrix,
  drawObject,
  PDFDocument,
  PDFName,
  popGraphicsState,
  pushGraphicsState,
  StandardFonts,
  type PDFPage,
  type PDFRef,
} from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { bilevelPattern, collect, corpusFile, corpusPages, grayPixels, singleStrip, withTempDir } from './helpers';

const jpegPage = corpusPages.find((p) => p.file.endsWith('.jpg') && p.variant === 'stamp')!;

/** Draws an image XObject over the whole page, as a scanner's PDF does. */
function drawFullPage(page: PDFPage, ref: PDFRef, name: string): void {
  page.node.setXObject(PDFName.of(name), ref);
  const { width, height } = page.getSize();
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(width, 0, 0, height, 0, 0), drawObject(name), popGraphicsState());
}

describe('scanner PDF import', () => {
  it('takes each page JPEG out byte for byte, and reports a page without an image for that page alone', async () => {
    const jpeg = await readFile(corpusFile(jpegPage));
    const doc = await PDFDocument.create();
    const image = await doc.embedJpg(jpeg);
    const size: [number, number] = [(jpegPage.width_px / jpegPage.dpi) * 72, (jpegPage.height_px / jpegPage.dpi) * 72];
    doc.addPage(size).drawImage(image, { x: 0, y: 0, width: size[0], height: size[1] });
    const textOnly = doc.addPage(size);
    textOnly.drawText('Trang không có ảnh'.normalize('NFD').replace(/[^\x20-\x7e]/g, ''), {
      x: 72,
      y: 700,
      font: await doc.embedFont(StandardFonts.Helvetica),
    });
    doc.addPage(size).drawImage(image, { x: 0, y: 0, width: size[0], height: size[1] });
    await withTempDir(async (dir) => {
      const path = join(dir, 'scan.pdf');
      await writeFile(path, await doc.save());
      expect(execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' })).toMatch(/jpeg/);
      const items = await collect(path);
      expect(items.map((i) => [i.source, i.kind])).toEqual([
        [`${path}#1`, 'page'],
        [`${path}#2`, 'error'],
        [`${path}#3`, 'page'],
      ]);
      for (const item of [items[0]!, items[2]!]) {
        if (item.kind !== 'page') throw item.error;
        expect(item.format).toBe('jpeg');
        expect(item.bytes.equals(jpeg)).toBe(true);
      }
      if (items[1]!.kind === 'error') expect(items[1]!.error.code).toBe('import.pdf-page-without-image');
    });
  });

  it('decodes a Flate greyscale page image (PNG predictor) to a lossless PNG with the page dpi', async () => {
    const width = 300;
    const height = 420;
    const gray = Buffer.alloc(width * height);
    for (let i = 0; i < gray.length; i++) gray[i] = (i * 31 + Math.floor(i / width) * 7) % 256;
    // PNG "Up" predictor on every row, as many scanners write it.
    const predicted = Buffer.alloc((width + 1) * height);
    for (let y = 0; y < height; y++) {
      predicted[y * (width + 1)] = 2;
      for (let x = 0; x < width; x++)
        predicted[y * (width + 1) + 1 + x] = (gray[y * width + x]! - (y > 0 ? gray[(y - 1) * width + x]! : 0)) & 0xff;
    }
    const doc = await PDFDocument.create();
    const page = doc.addPage([(width / 100) * 72, (height / 100) * 72]);
    const ref = doc.context.register(
      doc.context.stream(deflateSync(predicted), {
        Type: 'XObject',
        Subtype: 'Image',
        Width: width,
        Height: height,
        ColorSpace: 'DeviceGray',
        BitsPerComponent: 8,
        Filter: 'FlateDecode',
        DecodeParms: { Predictor: 12, Colors: 1, BitsPerComponent: 8, Columns: width },
      }),
    );
    drawFullPage(page, ref, 'Im0');
    await withTempDir(async (dir) => {
      const path = join(dir, 'flate.pdf');
      await writeFile(path, await doc.save());
      const [item] = await collect(path);
      if (item?.kind !== 'page') throw new Error(`expected a page, got ${JSON.stringify(item)}`);
      expect(item.format).toBe('png');
      const got = await grayPixels(item.bytes);
      expect(got.data.equals(gray)).toBe(true);
      expect((await sharp(item.bytes).metadata()).density).toBe(100);
    });
  });

  it('decodes a CCITT G4 page image to the same bilevel pixels', async () => {
    const width = 640;
    const height = 200;
    const raw = bilevelPattern(width, height, 1);
    const tiff = await sharp(raw, { raw: { width, height, channels: 1 } })
      .toColourspace('b-w')
      .tiff({ compression: 'ccittfax4', bitdepth: 1, miniswhite: true })
      .toBuffer();
    const doc = await PDFDocument.create();
    const page = doc.addPage([(width / 200) * 72, (height / 200) * 72]);
    const ref = doc.context.register(
      doc.context.stream(singleStrip(tiff), {
        Type: 'XObject',
        Subtype: 'Image',
        Width: width,
        Height: height,
        ColorSpace: 'DeviceGray',
        BitsPerComponent: 1,
        Filter: 'CCITTFaxDecode',
        DecodeParms: { K: -1, Columns: width, Rows: height, BlackIs1: false },
      }),
    );
    drawFullPage(page, ref, 'Fax0');
    await withTempDir(async (dir) => {
      const path = join(dir, 'g4.pdf');
      await writeFile(path, await doc.save());
      expect(execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' })).toMatch(/ccitt/);
      const [item] = await collect(path);
      if (item?.kind !== 'page') throw new Error(`expected a page, got ${JSON.stringify(item)}`);
      expect(item.bytes[24]).toBe(1);
      const got = await grayPixels(item.bytes);
      expect(got.data.equals(raw)).toBe(true);
      expect((await sharp(item.bytes).metadata()).density).toBe(200);
    });
  });
});
