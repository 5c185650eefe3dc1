import { describe, expect, it } from 'vitest';
import { deskewStage, measureSkew } from '../../src/core/imaging/deskew-stage';
import { normalizeStage } from '../../src/core/imaging/normalize-stage';
import { orientationStage } from '../../src/core/imaging/orientation-stage';
import { analyzePage } from '../../src/core/imaging/page-analysis';
import type { QuarterTurn } from '../../src/core/imaging/page-types';
import { corpusBytes, corpusPages, uprightTurn } from './corpus';

const textPages = corpusPages.filter((p) => !p.expected_blank);
const blankPage = corpusPages.find((p) => p.expected_blank)!;

describe('orientation and deskew on the corpus', () => {
  it.each(textPages.map((p) => [p.id, p.variant, p] as const))(
    '%s (%s): finds the upright turn, measures the skew, and leaves under 0.3° after correction',
    async (_id, _variant, page) => {
      const n = await normalizeStage({ bytes: corpusBytes(page) });
      const analysis = await analyzePage(n.image, n.dpi);
      const orientation = await orientationStage({ analysis });
      expect(orientation.rotation).toBe(uprightTurn(page));
      expect(orientation.method).toBe('layout');

      // The manifest's skew_deg is the clockwise turn that levels the upright page.
      const skew = measureSkew(analysis, orientation.rotation);
      expect(Math.abs(skew.correctionDeg - page.skew_deg)).toBeLessThan(0.3);
      expect(Math.abs(orientation.skewDeg - page.skew_deg)).toBeLessThan(0.3);

      const deskewed = await deskewStage({ image: n.image, analysis, rotation: orientation.rotation });
      expect(deskewed.rotationApplied).toBe(uprightTurn(page));
      const turnedQuarter = orientation.rotation === 90 || orientation.rotation === 270;
      expect([deskewed.image.width, deskewed.image.height]).toEqual(
        turnedQuarter ? [n.image.height, n.image.width] : [n.image.width, n.image.height],
      );
      const after = await analyzePage(deskewed.image, n.dpi);
      expect(Math.abs(measureSkew(after).correctionDeg)).toBeLessThan(0.3);
    },
  );

  it('says there is no text to orient on the blank page', async () => {
    const n = await normalizeStage({ bytes: corpusBytes(blankPage) });
    const result = await orientationStage({ analysis: await analyzePage(n.image, n.dpi) });
    expect(result).toMatchObject({ rotation: 0, method: 'no-text' });
  });

  it('asks the scorer only when up and down are in doubt, and follows it', async () => {
    const page = textPages.find((p) => p.variant === 'clean')!;
    const n = await normalizeStage({ bytes: corpusBytes(page) });
    const analysis = await analyzePage(n.image, n.dpi);
    const asked: QuarterTurn[] = [];
    const sure = await orientationStage({ analysis, scorer: async (r) => (asked.push(r), 0) });
    expect(sure.method).toBe('layout');
    expect(asked).toEqual([]);
    // Bars with nothing above or below them: text lines whose up and down look alike.
    const { width, height } = analysis.gray;
    const ink = new Uint8Array(analysis.ink.length);
    for (let y = 100; y < height - 100; y++) for (let x = 100; x < width - 100; x++) if (y % 30 < 12) ink[y * width + x] = 1;
    const doubtful = await orientationStage({
      analysis: { ...analysis, ink },
      scorer: async (r) => (asked.push(r), r === 180 ? 0.9 : 0.2),
    });
    expect(asked.sort()).toEqual([0, 180]);
    expect(doubtful).toMatchObject({ rotation: 180, method: 'scorer' });
  });
});
