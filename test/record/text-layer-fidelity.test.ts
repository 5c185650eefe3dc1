import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanPage } from '../../src/core/imaging/clean-page';
import { OcrPool } from '../../src/core/ocr/ocr-pool';
import { TesseractDriver } from '../../src/core/ocr/tesseract-driver';
import { buildRecordPdf, type RecordPage } from '../../src/core/record/build-record-pdf';
import type { PageText } from '../../src/shared/page-text';
import { corpusPages, imageBytes, truthText, type CorpusPage } from '../ocr/corpus';
import { characterErrorRate, scoringForm } from '../support/char-error-rate';
import { tempDir } from '../support/temp-dir';
import { pdftotext } from './support/pdf-tools';

interface ReadPage {
  corpus: CorpusPage;
  page: RecordPage;
  text: PageText;
}

/**
 * Every corpus page through the real clean-up and OCR, then into a record: what `pdftotext -layout`
 * pulls out of the record is the OCR's own text (docs/RECORD.md, "The text layer").
 */
describe('the text layer gives back the OCR text of every corpus page', () => {
  const dir = tempDir('sohoa-text-layer-');
  const read: ReadPage[] = [];
  beforeAll(async () => {
    const pool = new OcrPool(new TesseractDriver({ cacheDir: dir.path }), { workers: 2 });
    try {
      for (const corpus of corpusPages()) {
        const c = await cleanPage(imageBytes(corpus));
        const text = await pool.recognize(c.ocrImage, { label: corpus.id });
        read.push({
          corpus,
          text,
          page: { image: c.image, format: c.imageFormat, width: c.width, height: c.height, dpi: c.dpi, colorMode: c.colorMode },
        });
      }
    } finally {
      await pool.close();
    }
  }, 600_000);
  afterAll(() => dir.remove());

  it('each page: the record text is the OCR text, and its CER against the truth is the OCR CER within 0.1 points', async () => {
    expect(read.length).toBe(corpusPages().length);
    for (const { corpus, page, text } of read) {
      const pdf = await buildRecordPdf({
        pages: [{ ...page, text }],
        metadata: { title: corpus.id, digitizedAt: new Date('2026-12-01T00:00:00Z') },
      });
      const layer = pdftotext(pdf, '-layout');
      const truth = truthText(corpus);
      const label = `${corpus.id} (${corpus.variant})`;
      expect(characterErrorRate(text.text, layer), label).toBeLessThanOrEqual(0.1);
      if (scoringForm(truth))
        expect(Math.abs(characterErrorRate(truth, layer) - characterErrorRate(truth, text.text)), label).toBeLessThanOrEqual(0.1);
      // Each OCR line's words, in order and none merged with its neighbour. (Two OCR lines that sit
      // side by side on one baseline, a signature's stroke read as a word beside a name, can still
      // run together in pdftotext's reading: it joins text by its own gaps, across lines.)
      const extracted = ` ${scoringForm(layer)} `;
      for (const line of text.lines) {
        const words = scoringForm(line.words.map((w) => w.text).join(' '));
        if (words.includes(' ')) expect(extracted, `${label}: ${words}`).toContain(words);
      }
    }
  });
});
