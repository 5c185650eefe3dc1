import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { engineImage } from '../../src/core/ocr/engine-image';
import { OcrImageCorruptError } from '../../src/core/ocr/errors/ocr-image-corrupt-error';

/** A grey page-like image: paper with a dark band, as the record's JPEG of a grey page. */
async function greyJpeg(dpi = 200): Promise<Buffer> {
  const width = 300;
  const height = 200;
  const pixels = Buffer.alloc(width * height, 235);
  pixels.fill(30, 80 * width, 100 * width);
  return sharp(pixels, { raw: { width, height, channels: 1 } })
    .withDensity(dpi)
    .toColourspace('b-w')
    .jpeg({ quality: 85 })
    .toBuffer();
}

describe('the image handed to tesseract.js', () => {
  it('gives a grey JPEG to the engine as a one-channel PNG with the same pixels and resolution', async () => {
    const jpeg = await greyJpeg(200);
    const { input, width, height, scale } = await engineImage(jpeg);
    const meta = await sharp(input).metadata();
    expect(meta.format).toBe('png');
    expect(meta.channels).toBe(1);
    expect(meta.density).toBe(200);
    expect(scale).toEqual({ x: 1, y: 1 });
    expect([width, height]).toEqual([300, 200]);
    // Stored, not deflated: at least a byte a pixel, where the compressed page was a few hundred bytes.
    expect(input.length).toBeGreaterThanOrEqual(300 * 200);
    const decoded = await sharp(jpeg).toColourspace('b-w').raw().toBuffer();
    const handed = await sharp(input).toColourspace('b-w').raw().toBuffer();
    expect(handed.equals(decoded)).toBe(true);
  });

  it('hands a 300 dpi JPEG over at 240 dpi and says how to scale the word boxes back to its own pixels', async () => {
    const jpeg = await greyJpeg(300);
    const handed = await engineImage(jpeg);
    const meta = await sharp(handed.input).metadata();
    expect([meta.format, meta.channels, meta.width, meta.height, meta.density]).toEqual(['png', 1, 240, 160, 240]);
    expect([handed.width, handed.height, handed.dpi]).toEqual([300, 200, 300]);
    expect(handed.scale).toEqual({ x: 1.25, y: 1.25 });
    // The dark band (rows 80–99 of 200) is still where it was, at 0.8 the size.
    const rows = await sharp(handed.input).toColourspace('b-w').raw().toBuffer();
    expect(rows[58 * 240]).toBeGreaterThan(200);
    expect(rows[72 * 240]).toBeLessThan(60);
    expect(rows[90 * 240]).toBeGreaterThan(200);
    const asIs = await engineImage(jpeg, { readDpi: null });
    expect([(await sharp(asIs.input).metadata()).width, asIs.scale]).toEqual([300, { x: 1, y: 1 }]);
  });

  it('keeps a colour JPEG in colour and passes a PNG through untouched', async () => {
    const colour = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 30, b: 30 } } })
      .jpeg()
      .toBuffer();
    expect((await sharp((await engineImage(colour)).input).metadata()).channels).toBe(3);
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 9, g: 9, b: 9 } } })
      .png()
      .toBuffer();
    expect((await engineImage(png)).input).toBe(png);
  });

  it('refuses a truncated JPEG as a corrupt image', async () => {
    const jpeg = await greyJpeg();
    await expect(engineImage(jpeg.subarray(0, jpeg.length / 2))).rejects.toBeInstanceOf(OcrImageCorruptError);
  });
});
