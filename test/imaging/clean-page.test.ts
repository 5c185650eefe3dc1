import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanPage, type CleanedPage } from '../../src/core/imaging/clean-page';
import { measureSkew } from '../../src/core/imaging/deskew-stage';
import { normalizeStage } from '../../src/core/imaging/normalize-stage';
import { orientationStage } from '../../src/core/imaging/orientation-stage';
import { analyzePage } from '../../src/core/imaging/page-analysis';
import { PAGE_PREVIEW_WIDTH } from '../../src/shared/page-preview';
import { corpusBytes, corpusPages, uprightTurn } from './corpus';

const results = new Map<string, CleanedPage>();

beforeAll(async () => {
  for (const page of corpusPages) results.set(page.id, await cleanPage(corpusBytes(page), { previews: page.variant === 'stamp' }));
}, 300_000);

/** Mean grey of a strip `depth` pixels deep along each edge. */
async function edgeMeans(jpeg: Buffer, depth: number): Promise<number[]> {
  const { data, info } = await sharp(jpeg).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  const mean = (x0: number, y0: number, x1: number, y1: number) => {
    let s = 0;
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) s += data[y * width + x]!;
    return s / ((x1 - x0) * (y1 - y0));
  };
  return [
    mean(0, 0, width, depth),
    mean(width - depth, 0, width, height),
    mean(0, height - depth, width, height),
    mean(0, 0, depth, height),
  ];
}

describe('cleanPage on the corpus', () => {
  it.each(corpusPages.map((p) => [p.id, p.variant, p] as const))('%s (%s)', async (_id, _variant, page) => {
    const r = results.get(page.id)!;
    expect(r.rotationApplied).toBe(uprightTurn(page));
    expect(Math.abs(r.skewCorrected - (page.expected_blank ? 0 : page.skew_deg))).toBeLessThan(0.3);
    expect(r.blank).toBe(page.expected_blank);
    expect(r.colorMode).toBe(page.color === 'rgb' ? 'color' : 'gray');
    expect(r.dpi).toBe(page.dpi);
    expect(r.dpiAssumed).toBe(false);
    expect(r.flags).toEqual([]);
    expect(r.cropBox !== null).toBe(page.variant === 'stamp');
    expect(r.phash).toMatch(/^[0-9a-f]{64}$/);
    const stages = page.expected_blank
      ? ['normalize', 'crop', 'encode', 'ocr-image']
      : ['normalize', 'orientation', 'deskew', 'crop', 'encode', 'ocr-image'];
    expect(Object.keys(r.timings)).toEqual(expect.arrayContaining(stages));

    // The record image: JPEG at the page's dpi, colour kept only for colour scans.
    expect(r.imageFormat).toBe('jpeg');
    const meta = await sharp(r.image).metadata();
    expect([meta.format, meta.width, meta.height, meta.density]).toEqual(['jpeg', r.width, r.height, page.dpi]);
    expect(meta.channels).toBe(page.color === 'rgb' ? 3 : 1);
    const turned = r.rotationApplied === 90 || r.rotationApplied === 270;
    if (!r.cropBox) expect([r.width, r.height]).toEqual(turned ? [page.height_px, page.width_px] : [page.width_px, page.height_px]);

    // What OCR reads: the record image itself on grey pages; on colour pages a grey copy of the same page.
    if (page.color !== 'rgb') expect(r.ocrImage.equals(r.image)).toBe(true);
    const ocrMeta = await sharp(r.ocrImage).metadata();
    expect([ocrMeta.width, ocrMeta.height, ocrMeta.density, ocrMeta.channels]).toEqual([r.width, r.height, page.dpi, 1]);

    // Re-measured on the output: upright, and level within 0.3°.
    if (!page.expected_blank) {
      const again = await normalizeStage({ bytes: r.image });
      const analysis = await analyzePage(again.image, again.dpi);
      expect((await orientationStage({ analysis })).rotation).toBe(0);
      expect(Math.abs(measureSkew(analysis).correctionDeg)).toBeLessThan(0.3);
    }
  });

  it('drops the red seal and the blue signature from what OCR reads on colour pages, and keeps the print', async () => {
    for (const page of corpusPages.filter((p) => p.color === 'rgb')) {
      const r = results.get(page.id)!;
      const colour = await sharp(r.image).raw().toBuffer();
      const grey = await sharp(r.ocrImage).toColourspace('b-w').raw().toBuffer();
      let inked = 0;
      let inkedLight = 0;
      let print = 0;
      let printDark = 0;
      for (let i = 0, p = 0; i < grey.length; i++, p += 3) {
        const [red, green, blue] = [colour[p]!, colour[p + 1]!, colour[p + 2]!];
        const seal = red > 150 && red - green > 90 && red - blue > 90;
        const signature = blue > 120 && blue - red > 80;
        if (seal || signature) {
          inked++;
          if (grey[i]! > 150) inkedLight++;
        } else if (red < 80 && green < 80 && blue < 80) {
          print++;
          if (grey[i]! < 110) printDark++;
        }
      }
      expect(inked, page.id).toBeGreaterThan(1000);
      expect(inkedLight / inked, page.id).toBeGreaterThan(0.8);
      expect(printDark / print, page.id).toBeGreaterThan(0.9);
    }
  });

  it('cuts the dark scanner-lid border off the stamp pages', async () => {
    for (const page of corpusPages.filter((p) => p.variant === 'stamp')) {
      const r = results.get(page.id)!;
      const before = await edgeMeans(corpusBytes(page), 10);
      const after = await edgeMeans(r.image, 10);
      expect(Math.max(...before)).toBeLessThan(120); // the lid shows on every side of the scan
      expect(Math.min(...after)).toBeGreaterThan(200); // and on none of the cleaned page
      expect(r.width).toBeLessThan(page.width_px);
      expect(r.height).toBeLessThan(page.height_px);
    }
  });

  it('makes a 200 px thumbnail and a screen-size preview on request', async () => {
    const page = corpusPages.find((p) => p.variant === 'stamp')!;
    const r = results.get(page.id)!;
    expect(r.thumbnail?.width).toBe(200);
    expect(r.preview?.width).toBe(PAGE_PREVIEW_WIDTH);
    const thumb = await sharp(r.thumbnail!.jpeg).metadata();
    expect([thumb.format, thumb.width, thumb.height]).toEqual(['jpeg', 200, Math.round((r.height * 200) / r.width)]);
    expect(results.get(corpusPages.find((p) => p.variant === 'clean')!.id)!.thumbnail).toBeUndefined();
  });
});
