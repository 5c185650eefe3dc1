import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { bilevelPattern, collect, corpusFile, corpusPages, grayPixels, withTempDir } from './helpers';

const cleanPages = corpusPages.filter((p) => p.variant === 'clean').slice(0, 3);

describe('TIFF import', () => {
  it('yields every page of a multi-page greyscale TIFF, pixel for pixel, with its resolution', async () => {
    const pages = await Promise.all(
      cleanPages.map((p) => sharp(corpusFile(p)).resize({ width: 620 }).toColourspace('b-w').png().toBuffer()),
    );
    const tiff = await sharp(pages, { join: { animated: true } })
      .toColourspace('b-w')
      .withMetadata({ density: 75 })
      .tiff({ compression: 'deflate' })
      .toBuffer();
    await withTempDir(async (dir) => {
      const path = join(dir, 'scan.tif');
      await writeFile(path, tiff);
      const items = await collect(path);
      expect(items.map((i) => i.source)).toEqual([`${path}#1`, `${path}#2`, `${path}#3`]);
      for (let i = 0; i < items.length; i++) {
        const item = items[i]!;
        if (item.kind !== 'page') throw item.error;
        expect(item.format).toBe('png');
        const got = await grayPixels(item.bytes);
        const want = await grayPixels(pages[i]!);
        expect([got.width, got.height]).toEqual([want.width, want.height]);
        expect(got.data.equals(want.data)).toBe(true);
        expect((await sharp(item.bytes).metadata()).density).toBe(75);
      }
    });
  });

  it('decodes a multi-page CCITT G4 bilevel TIFF into 1-bit PNGs', async () => {
    const width = 640;
    const height = 400;
    const raws = [0, 1, 2].map((seed) => bilevelPattern(width, height, seed));
    const pngs = await Promise.all(
      raws.map((r) =>
        sharp(r, { raw: { width, height, channels: 1 } })
          .png()
          .toBuffer(),
      ),
    );
    const tiff = await sharp(pngs, { join: { animated: true } })
      .toColourspace('b-w')
      .tiff({ compression: 'ccittfax4', bitdepth: 1, miniswhite: true, xres: 200 / 25.4, yres: 200 / 25.4 })
      .toBuffer();
    expect((await sharp(tiff).metadata()).bitsPerSample).toBe(1);
    await withTempDir(async (dir) => {
      const path = join(dir, 'fax.tiff');
      await writeFile(path, tiff);
      const items = await collect(path);
      expect(items).toHaveLength(3);
      for (let i = 0; i < 3; i++) {
        const item = items[i]!;
        if (item.kind !== 'page') throw item.error;
        expect(item.bytes[24]).toBe(1); // PNG IHDR bit depth
        const got = await grayPixels(item.bytes);
        expect(got.data.equals(raws[i]!)).toBe(true);
        expect((await sharp(item.bytes).metadata()).density).toBe(200);
      }
    });
  });
});
