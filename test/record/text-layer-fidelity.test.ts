import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanPage } from '../../src/core/imaging/clean-page';
import { OcrPool } from '../../src/core/ocr/ocr-pool';
import { TesseractDriver } from '../../src/core/ocr/tesseract-driver';
import { buildRecordPdf, type RecordPage } from '../../src/core/record/build-record-pdf';
import type { Box, PageText } from '../../src/shared/page-text';
import { corpusPages, imageBytes, truthText, type CorpusPage } from '../ocr/corpus';
import { characterErrorRate, scoringForm } from '../support/char-error-rate';
import { tempDir } from '../support/temp-dir';
import { pdftotext } from './support/pdf-tools';
import { pdfWordBoxes, type PdfWord } from './support/pdf-word-boxes';

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
      // ...and no OCR line joined to the one beside it: each word pdftotext gives is one OCR word
      // (on f161 a signature stroke read as "Su", its own OCR line, once came out as "SuQuách").
      const ocrWords = new Set(text.lines.flatMap((l) => l.words.map((w) => w.text.normalize('NFC').trim())));
      expect(
        layer.split(/\s+/).filter((t) => t && !ocrWords.has(t)),
        label,
      ).toEqual([]);
    }
  }, 600_000);

  it("each page: pdftotext's word boxes are the OCR's word boxes within 2 pt", async () => {
    for (const { corpus, page, text } of read) {
      const pdf = await buildRecordPdf({
        pages: [{ ...page, text }],
        metadata: { title: corpus.id, digitizedAt: new Date('2026-12-01T00:00:00Z') },
        compression: 'jpeg',
      });
      const k = 72 / page.dpi;
      const found = pdfWordBoxes(pdf);
      const words = text.lines.flatMap((l) => l.words).filter((w) => w.text.trim());
      let within = 0;
      for (const w of words) {
        const ocrBox = { x0: w.bbox.x0 * k, y0: w.bbox.y0 * k, x1: w.bbox.x1 * k, y1: w.bbox.y1 * k };
        const match = nearestSameWord(found, w.text.normalize('NFC').trim(), ocrBox);
        const label = `${corpus.id}: ${w.text}`;
        expect(match, label).toBeDefined();
        if (!match) continue;
        // Left and right edges always; top and bottom for all but a few marks far off their line's size (a dash, a stroke).
        expect(Math.max(Math.abs(match.box.x0 - ocrBox.x0), Math.abs(match.box.x1 - ocrBox.x1)), label).toBeLessThanOrEqual(2);
        if (edgeDistance(match.box, ocrBox) <= 2) within++;
      }
      expect(within, `${corpus.id}: words with all four edges within 2 pt`).toBeGreaterThanOrEqual(0.9 * words.length);
    }
  }, 600_000);
});

function nearestSameWord(found: PdfWord[], text: string, box: Box): PdfWord | undefined {
  const distance = (w: PdfWord) => Math.hypot(w.box.x0 + w.box.x1 - box.x0 - box.x1, w.box.y0 + w.box.y1 - box.y0 - box.y1);
  return found.filter((w) => w.text === text).sort((a, b) => distance(a) - distance(b))[0];
}

function edgeDistance(a: Box, b: Box): number {
  return Math.max(Math.abs(a.x0 - b.x0), Math.abs(a.y0 - b.y0), Math.abs(a.x1 - b.x1), Math.abs(a.y1 - b.y1));
}
