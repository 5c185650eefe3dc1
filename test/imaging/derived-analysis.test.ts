import { describe, expect, it } from 'vitest';
import { normalizeStage } from '../../src/core/imaging/normalize-stage';
import { analyzeGray, analyzePage, croppedAnalysis, turnedAnalysis, type PageAnalysis } from '../../src/core/imaging/page-analysis';
import { byVariant, corpusBytes } from './corpus';

/** Share of pixels whose ink/not-ink differs between two analyses of the same raster size. */
function inkDisagreement(a: PageAnalysis, b: PageAnalysis): number {
  expect([a.gray.width, a.gray.height]).toEqual([b.gray.width, b.gray.height]);
  let differ = 0;
  let inkPixels = 0;
  for (let i = 0; i < a.ink.length; i++) {
    if (a.ink[i] !== b.ink[i]) differ++;
    if (b.ink[i]) inkPixels++;
  }
  return differ / inkPixels;
}

describe('the analysis after a turn or a crop, derived from the first one', () => {
  it('finds the ink a fresh analysis of the turned page finds, for a quarter turn with a skew', async () => {
    const page = await normalizeStage({ bytes: corpusBytes(byVariant('clean')[0]!) });
    const first = await analyzePage(page.image, page.dpi);
    const turned = await turnedAnalysis(first, 90.6);
    const fresh = analyzeGray(turned.gray, first.scale);
    const count = (a: PageAnalysis) => a.ink.reduce((n, v) => n + v, 0);
    expect(count(turned)).toBeGreaterThan(10_000);
    expect(Math.abs(count(turned) - count(fresh)) / count(fresh)).toBeLessThan(0.03);
    // The turned evened grey is resampled, so pixels on the edges of strokes may fall either way.
    expect(inkDisagreement(turned, fresh)).toBeLessThan(0.1);
  });

  it('keeps the ink, border and grey of the region when the page is cropped', async () => {
    const page = await normalizeStage({ bytes: corpusBytes(byVariant('stamp')[0]!) });
    const first = await analyzePage(page.image, page.dpi);
    const box = { left: 30, top: 40, width: first.gray.width - 70, height: first.gray.height - 90 };
    const cropped = croppedAnalysis(first, box);
    expect([cropped.gray.width, cropped.gray.height]).toEqual([box.width, box.height]);
    const at = (x: number, y: number) => (box.top + y) * first.gray.width + box.left + x;
    for (const [x, y] of [
      [0, 0],
      [box.width - 1, box.height - 1],
      [500, 700],
    ] as const) {
      expect(cropped.gray.data[y * box.width + x]).toBe(first.gray.data[at(x, y)]);
      expect(cropped.ink[y * box.width + x]).toBe(first.ink[at(x, y)]);
    }
    expect(inkDisagreement(cropped, analyzeGray(cropped.gray, first.scale))).toBeLessThan(0.05);
  });
});
