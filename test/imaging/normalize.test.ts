import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { normalizeStage } from '../../src/core/imaging/normalize-stage';
import { byVariant, corpusBytes, corpusPages } from './corpus';

describe('normalizeStage', () => {
  it.each(corpusPages.map((p) => [p.id, p] as const))('%s: reads the dpi the file states and the colour mode', async (_id, page) => {
    const n = await normalizeStage({ bytes: corpusBytes(page) });
    expect(n.dpi).toBe(page.dpi);
    expect(n.dpiAssumed).toBe(false);
    expect(n.colorMode).toBe(page.color === 'rgb' ? 'color' : 'gray');
    expect(n.image.channels).toBe(page.color === 'rgb' ? 3 : 1);
    expect([n.image.width, n.image.height]).toEqual([page.width_px, page.height_px]);
  });

  it('assumes the dpi from an A4 width when the file states none, and says so', async () => {
    for (const page of [byVariant('clean')[0]!, byVariant('degraded')[0]!]) {
      const { data, info } = await sharp(corpusBytes(page)).raw().toBuffer({ resolveWithObject: true });
      const bare = await sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
        .png()
        .toBuffer();
      expect((await sharp(bare).metadata()).density).toBeUndefined();
      const n = await normalizeStage({ bytes: bare });
      expect(n.dpiAssumed).toBe(true);
      expect(n.dpi).toBe(page.dpi);
    }
  });

  it('reads the dpi of a TIFF, including one stated in pixels per centimetre', async () => {
    const page = byVariant('clean')[0]!;
    const tiff = await sharp(corpusBytes(page))
      .resize({ width: 1240 })
      .tiff({ xres: 150 / 25.4, yres: 150 / 25.4, resolutionUnit: 'cm' })
      .toBuffer();
    const n = await normalizeStage({ bytes: tiff });
    expect(n.dpi).toBe(150);
    expect(n.dpiAssumed).toBe(false);
  });

  it('honours the EXIF orientation', async () => {
    const page = byVariant('clean')[0]!;
    const small = await sharp(corpusBytes(page)).resize({ width: 400 }).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
    // Stored turned 90° anticlockwise with EXIF 6 ("rotate 90° clockwise to display").
    const stored = await sharp(small.data, { raw: { width: small.info.width, height: small.info.height, channels: small.info.channels } })
      .rotate(270)
      .withMetadata({ orientation: 6, density: 50 })
      .png()
      .toBuffer();
    const n = await normalizeStage({ bytes: stored });
    expect([n.image.width, n.image.height]).toEqual([small.info.width, small.info.height]);
    let diff = 0;
    for (let i = 0; i < small.data.length; i++) diff += Math.abs(small.data[i]! - n.image.pixels[i]!);
    expect(diff / small.data.length).toBeLessThan(1);
  });

  it('calls a two-level scan bw and a colourless RGB scan gray', async () => {
    const page = byVariant('clean')[0]!;
    const bilevel = await sharp(corpusBytes(page)).threshold(160).png().toBuffer();
    expect((await normalizeStage({ bytes: bilevel })).colorMode).toBe('bw');
    const rgbGray = await sharp(corpusBytes(page)).toColourspace('srgb').jpeg().toBuffer();
    expect((await sharp(rgbGray).metadata()).channels).toBe(3);
    const n = await normalizeStage({ bytes: rgbGray });
    expect(n.colorMode).toBe('gray');
    expect(n.image.channels).toBe(1);
  });

  it('refuses empty, corrupt and oversized input with coded errors', async () => {
    const page = byVariant('degraded')[0]!;
    const bytes = corpusBytes(page);
    await expect(normalizeStage({ bytes: Buffer.alloc(0) })).rejects.toMatchObject({ code: 'image.empty' });
    await expect(normalizeStage({ bytes: bytes.subarray(0, bytes.length >> 1) })).rejects.toMatchObject({ code: 'image.corrupt' });
    await expect(normalizeStage({ bytes: Buffer.from('not an image at all') })).rejects.toMatchObject({ code: 'image.corrupt' });
    await expect(normalizeStage({ bytes, limitInputPixels: 1_000_000 })).rejects.toMatchObject({ code: 'image.too-large' });
  });
});
