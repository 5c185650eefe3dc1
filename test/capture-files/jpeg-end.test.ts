import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { jpegIsTruncated } from '../../src/core/capture/files/jpeg-end';

const IMAGES = new URL('../fixtures/vi-admin/images/', import.meta.url).pathname;
const jpegs = readdirSync(IMAGES)
  .filter((f) => f.endsWith('.jpg'))
  .map((f) => readFileSync(join(IMAGES, f)));

describe('a JPEG cut short, told from its structure', () => {
  it('finds every corpus JPEG whole, and each of them cut anywhere after its header short', () => {
    expect(jpegs.length).toBeGreaterThan(5);
    for (const jpeg of jpegs) {
      expect(jpegIsTruncated(jpeg)).toBe(false);
      for (const length of [5000, Math.floor(jpeg.length / 2), jpeg.length - 2])
        expect(jpegIsTruncated(jpeg.subarray(0, length))).toBe(true);
    }
  });

  it('finds whole a JPEG with bytes after its end (camera trailers), a progressive one, and one with an Exif block', async () => {
    const jpeg = jpegs[0]!;
    expect(jpegIsTruncated(Buffer.concat([jpeg, Buffer.from('SEFH trailer written by a phone')]))).toBe(false);
    const progressive = await sharp(jpeg).jpeg({ progressive: true }).toBuffer();
    expect(jpegIsTruncated(progressive)).toBe(false);
    expect(jpegIsTruncated(progressive.subarray(0, Math.floor(progressive.length * 0.6)))).toBe(true);
    const withExif = await sharp(jpeg)
      .withExif({ IFD0: { Make: 'Máy quét', Model: 'ADF' } })
      .jpeg()
      .toBuffer();
    expect(jpegIsTruncated(withExif)).toBe(false);
    expect(jpegIsTruncated(withExif.subarray(0, Math.floor(withExif.length * 0.5)))).toBe(true);
  });

  it('leaves to the decoder what is not a JPEG or has a header it cannot walk', () => {
    expect(jpegIsTruncated(Buffer.from('not a jpeg at all'))).toBe(false);
    expect(jpegIsTruncated(Buffer.from([0xff, 0xd8, 0x00, 0x11, 0x22, 0x33]))).toBe(false);
  });
});
