import { afterAll, describe, expect, it } from 'vitest';
import { cleanPage } from '../../src/core/imaging/clean-page';
import { TesseractDriver } from '../../src/core/ocr/tesseract-driver';
import type { OcrWord, PageText } from '../../src/shared/page-text';
import { tempDir } from '../support/temp-dir';
import { corpusPages, imageBytes } from './corpus';

const words = (text: PageText): OcrWord[] => text.lines.flatMap((l) => l.words);

async function read(driver: TesseractDriver, image: Buffer): Promise<PageText> {
  const worker = await driver.startWorker();
  try {
    return await worker.recognize(image);
  } finally {
    await worker.terminate();
  }
}

/**
 * A 300 dpi page is read resampled to 240 dpi (docs/OCR.md, fifth round); the desk's viewer and the
 * record's text layer place the words on the page's own pixels, so the boxes must come back in them.
 */
describe('a 300 dpi page read at 240 dpi', () => {
  const dir = tempDir('sohoa-read-dpi-');
  afterAll(() => dir.remove());

  it("gives its word boxes in the page's own pixels, where reading it at full size puts them", async () => {
    const page = corpusPages().find((p) => p.variant === 'clean')!;
    const cleaned = await cleanPage(imageBytes(page));
    expect(cleaned.dpi).toBe(300);
    const resampled = await read(new TesseractDriver({ cacheDir: dir.path }), cleaned.ocrImage);
    const fullSize = await read(new TesseractDriver({ cacheDir: dir.path, readDpi: null }), cleaned.ocrImage);
    expect([resampled.width, resampled.height]).toEqual([cleaned.width, cleaned.height]);
    // Words read alike that occur once on the page in both readings.
    const once = (text: PageText) => {
      const count = new Map<string, number>();
      for (const w of words(text)) count.set(w.text, (count.get(w.text) ?? 0) + 1);
      return new Map(
        words(text)
          .filter((w) => w.text.length >= 4 && count.get(w.text) === 1)
          .map((w) => [w.text, w]),
      );
    };
    const atFullSize = once(fullSize);
    const alike = [...once(resampled).values()].filter((w) => atFullSize.has(w.text));
    expect(alike.length).toBeGreaterThan(50);
    // Within a quarter of a millimetre (3 px at 300 dpi) on every edge.
    const offBy = (w: OcrWord) => {
      const f = atFullSize.get(w.text)!.bbox;
      return Math.max(Math.abs(w.bbox.x0 - f.x0), Math.abs(w.bbox.y0 - f.y0), Math.abs(w.bbox.x1 - f.x1), Math.abs(w.bbox.y1 - f.y1));
    };
    expect(alike.filter((w) => offBy(w) > 3)).toEqual([]);
    for (const w of words(resampled)) expect(w.bbox.x1 <= cleaned.width && w.bbox.y1 <= cleaned.height).toBe(true);
  }, 120_000);
});
