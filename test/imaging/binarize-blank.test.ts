import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { binarizeStage } from '../../src/core/imaging/binarize-stage';
import { blankStage } from '../../src/core/imaging/blank-stage';
import { cropBordersStage } from '../../src/core/imaging/crop-stage';
import { despeckleStage } from '../../src/core/imaging/despeckle-stage';
import { normalizeStage } from '../../src/core/imaging/normalize-stage';
import { analyzePage } from '../../src/core/imaging/page-analysis';
import { byVariant, corpusBytes, corpusPages } from './corpus';

describe('blank page detection', () => {
  it.each(corpusPages.map((p) => [p.id, p.expected_blank, p] as const))('%s: blank = %s', async (_id, expected, page) => {
    const n = await normalizeStage({ bytes: corpusBytes(page) });
    expect(blankStage({ analysis: await analyzePage(n.image, n.dpi) }).blank).toBe(expected);
  });
});

/** An A4 page at 150 dpi, white, with `draw` (an SVG fragment in page pixels) printed on it. */
async function printedPage(draw: string) {
  const [width, height] = [1240, 1754];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/>${draw}</svg>`;
  const bytes = await sharp(Buffer.from(svg)).withMetadata({ density: 150 }).png().toBuffer();
  const n = await normalizeStage({ bytes });
  return blankStage({ analysis: await analyzePage(n.image, n.dpi) });
}

describe('blank page detection on pages with no character-sized marks', () => {
  it('keeps a page covered by a pattern or a picture: a toned area is content, not a blank page', async () => {
    const squares = 'M0 0h20v20H0zM20 20h20v20H20z';
    const checkerboard = `<defs><pattern id="c" width="40" height="40" patternUnits="userSpaceOnUse"><path d="${squares}" fill="#000"/></pattern></defs><rect x="100" y="100" width="1040" height="1554" fill="url(#c)"/>`;
    expect((await printedPage(checkerboard)).blank).toBe(false);
    expect((await printedPage('<rect x="200" y="300" width="840" height="600" fill="#333"/>')).blank).toBe(false);
    const bars = ['#ff0', '#0ff', '#0f0', '#f0f', '#f00', '#00f', '#000'];
    const colourBars = bars.map((fill, i) => `<rect x="${100 + i * 148}" y="100" width="148" height="1554" fill="${fill}"/>`).join('');
    expect((await printedPage(colourBars)).blank).toBe(false);
  });

  it('still calls a page blank when all it holds is dust and a thin scanner edge', async () => {
    const dust = Array.from(
      { length: 30 },
      (_, i) => `<circle cx="${60 + i * 37}" cy="${200 + ((i * 53) % 1300)}" r="1.5" fill="#000"/>`,
    ).join('');
    expect((await printedPage(`${dust}<rect x="0" y="0" width="6" height="1754" fill="#222"/>`)).blank).toBe(true);
  });
});

describe('binarizeStage', () => {
  it('writes a 1-bit PNG with black text on white, at the page dpi, for every variant', async () => {
    for (const variant of ['clean', 'degraded', 'stamp', 'blank'] as const) {
      const page = byVariant(variant)[0]!;
      const n = await normalizeStage({ bytes: corpusBytes(page) });
      const b = binarizeStage({ image: n.image, dpi: n.dpi });
      expect(b.png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(b.png[24]).toBe(1);
      const { data, info } = await sharp(b.png).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
      expect([info.width, info.height]).toEqual([page.width_px, page.height_px]);
      expect((await sharp(b.png).metadata()).density).toBe(page.dpi);
      let black = 0;
      for (const v of data) if (v < 128) black++;
      const share = black / data.length;
      if (page.expected_blank) expect(share).toBeLessThan(0.001);
      else {
        expect(share).toBeGreaterThan(0.01);
        expect(share).toBeLessThan(0.2);
      }
    }
  });
});

describe('cropBordersStage and despeckleStage', () => {
  it('leaves pages without a scanner border alone', async () => {
    for (const page of [byVariant('clean')[0]!, byVariant('degraded')[0]!, byVariant('blank')[0]!]) {
      const n = await normalizeStage({ bytes: corpusBytes(page) });
      const r = await cropBordersStage({ image: n.image, dpi: n.dpi });
      expect(r.box).toBeNull();
      expect(r.image).toBe(n.image);
    }
  });

  it('removes isolated specks', async () => {
    const width = 200;
    const height = 200;
    const pixels = Buffer.alloc(width * height, 250);
    for (let i = 0; i < 40; i++) pixels[(17 + i * 4) * width + 11 + i * 4] = 0;
    const out = await despeckleStage({ pixels, width, height, channels: 1 });
    expect(Math.min(...out.pixels)).toBe(250);
  });
});
