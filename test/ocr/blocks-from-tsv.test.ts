import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanPage } from '../../src/core/imaging/clean-page';
import { blocksFromTsv } from '../../src/core/ocr/blocks-from-tsv';
import { engineImage } from '../../src/core/ocr/engine-image';
import { resolveEnginePaths } from '../../src/core/ocr/engine-paths';
import { prepareLanguageData } from '../../src/core/ocr/language-data';
import { pageTextFromBlocks, type TesseractBlock } from '../../src/core/ocr/page-text-from-blocks';
import { DEFAULT_OCR_PARAMETERS } from '../../src/core/ocr/tesseract-driver';
import { corpusFile, corpusPages } from '../capture-files/helpers';

interface Api {
  recognize(image: Buffer, options: object, output: object): Promise<{ data: { tsv: string | null; blocks: TesseractBlock[] | null } }>;
  setParameters(params: Record<string, string>): Promise<unknown>;
  terminate(): Promise<unknown>;
}

describe("the block tree read from tesseract's TSV", () => {
  let api: Api;
  beforeAll(async () => {
    const { createWorker } = createRequire(import.meta.url)('tesseract.js') as {
      createWorker: (langs: string, oem: number, options: object) => Promise<Api>;
    };
    const paths = resolveEnginePaths();
    api = await createWorker('vie', 1, {
      langPath: prepareLanguageData({ langs: ['vie'] }),
      gzip: false,
      cacheMethod: 'none',
      workerPath: paths.workerPath,
      corePath: paths.corePath,
      errorHandler: () => {},
    });
    await api.setParameters(DEFAULT_OCR_PARAMETERS);
  }, 60_000);
  afterAll(() => api?.terminate());

  it('gives the same page text, words, boxes and confidences as the blocks JSON, on a stamped two-column page', async () => {
    const page = corpusPages.find((p) => p.variant === 'stamp')!;
    const cleaned = await cleanPage(readFileSync(corpusFile(page)));
    const { input, width, height } = await engineImage(cleaned.ocrImage);
    const { data } = await api.recognize(input, {}, { text: false, tsv: true, blocks: true });
    const fromJson = pageTextFromBlocks(data.blocks, width, height);
    const fromTsv = pageTextFromBlocks(blocksFromTsv(data.tsv), width, height);
    expect(fromJson.lines.length).toBeGreaterThan(10);
    expect(fromTsv.text).toBe(fromJson.text);
    expect(fromTsv.lines.map((l) => l.words.map((w) => [w.text, w.bbox]))).toEqual(
      fromJson.lines.map((l) => l.words.map((w) => [w.text, w.bbox])),
    );
    const confidences = (t: typeof fromJson) => t.lines.flatMap((l) => l.words.map((w) => w.confidence));
    expect(confidences(fromTsv)).toEqual(confidences(fromJson));
  }, 120_000);

  it('keeps blocks, paragraphs and lines apart as numbered, and reads nothing from an empty result', () => {
    const tsv = [
      '1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t',
      '2\t1\t1\t0\t0\t0\t1\t1\t50\t20\t-1\t',
      '5\t1\t1\t1\t1\t1\t1\t1\t10\t8\t91.5\tSố:',
      '5\t1\t1\t1\t1\t2\t12\t1\t10\t8\t88\t12',
      '5\t1\t1\t1\t2\t1\t1\t11\t20\t8\t70\tngày',
      '5\t1\t2\t1\t1\t1\t60\t1\t30\t8\t95\tQUYẾT',
      '',
    ].join('\n');
    const blocks = blocksFromTsv(tsv);
    expect(blocks.map((b) => b.paragraphs.map((p) => p.lines.map((l) => l.words.map((w) => w.text))))).toEqual([
      [[['Số:', '12'], ['ngày']]],
      [[['QUYẾT']]],
    ]);
    expect(blocks[0]!.paragraphs[0]!.lines[0]!.words[0]).toEqual({ text: 'Số:', confidence: 91, bbox: { x0: 1, y0: 1, x1: 11, y1: 9 } });
    expect(blocksFromTsv(null)).toEqual([]);
    expect(blocksFromTsv('')).toEqual([]);
  });
});
