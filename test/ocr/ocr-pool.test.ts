import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { extractFields } from '../../src/core/ocr/fields/extract-fields';
import type { OcrEngineDriver, OcrEngineWorker } from '../../src/core/ocr/ocr-engine-driver';
import { OcrPool } from '../../src/core/ocr/ocr-pool';
import { TesseractDriver, type TesseractEngineWorker } from '../../src/core/ocr/tesseract-driver';
import { foldVietnamese } from '../../src/shared/fold';
import { tempDir } from '../support/temp-dir';
import { corpusPages, imageBytes, truthText, type CorpusPage } from './corpus';

const pages = corpusPages();
const page = (id: string) => pages.find((p) => p.id === id)!;

/** The top of a page at full resolution: the header and first lines, quick to read. */
async function topOf(p: CorpusPage, height = 700): Promise<Buffer> {
  return sharp(imageBytes(p)).extract({ left: 0, top: 0, width: p.width_px, height }).png().toBuffer();
}

/** Drives real tesseract.js workers and lets a test kill a worker's thread while it reads a page. */
class CrashingDriver implements OcrEngineDriver {
  started: TesseractEngineWorker[] = [];
  constructor(
    private readonly real: TesseractDriver,
    private kills: number,
  ) {}

  async startWorker(): Promise<OcrEngineWorker> {
    const worker = (await this.real.startWorker()) as TesseractEngineWorker;
    this.started.push(worker);
    return {
      recognize: (image) => {
        const job = worker.recognize(image);
        if (this.kills > 0) {
          this.kills--;
          setTimeout(() => void worker.thread.terminate(), 100);
        }
        return job;
      },
      terminate: () => worker.terminate(),
      onExit: (listener) => worker.onExit(listener),
    };
  }
}

describe('OCR worker pool (real tesseract.js)', () => {
  const dir = tempDir('sohoa-ocr-pool-');
  let driver: TesseractDriver;
  beforeAll(() => {
    driver = new TesseractDriver({ cacheDir: dir.path });
  });
  afterAll(() => dir.remove());

  it('reads clean corpus pages in parallel and finds the CCCDs the manifest lists', async () => {
    const clean = pages.filter((p) => p.variant === 'clean').slice(0, 2);
    const pool = new OcrPool(driver, { workers: 2 });
    try {
      const results = await Promise.all(clean.map((p) => pool.recognize(imageBytes(p), { label: p.id })));
      expect(pool.stats().pagesDone).toBe(clean.length);
      results.forEach((text, i) => {
        const p = clean[i]!;
        expect(text.unreadable).toBeFalsy();
        expect(text.text).toBe(text.text.normalize('NFC'));
        expect([text.width, text.height]).toEqual([p.width_px, p.height_px]);
        expect(
          extractFields(text)
            .cccd.map((f) => f.value)
            .sort(),
        ).toEqual([...(p.fields.cccd ?? [])].sort());
        // nearly every word of the truth is read, with its marks
        const read = new Set(text.text.split(/\s+/));
        const truthWords = truthText(p).split(/\s+/).filter(Boolean);
        expect(truthWords.filter((w) => read.has(w)).length / truthWords.length).toBeGreaterThan(0.9);
        // words lie inside the page, lines in reading order (top to bottom within the first column)
        for (const line of text.lines)
          for (const w of line.words) expect(w.bbox.x1 <= p.width_px && w.bbox.y1 <= p.height_px && w.bbox.x0 < w.bbox.x1).toBe(true);
        expect(foldVietnamese(text.lines[0]!.text)).toContain('cong hoa');
        expect(text.confidence).toBeGreaterThan(80);
      });
    } finally {
      await pool.close();
    }
  });

  it('flags a blank back side as unreadable and a corrupt image as an error of its own page', async () => {
    const blank = page('viadm-9244');
    const blankCrop = await sharp(imageBytes(blank)).extract({ left: 400, top: 400, width: 300, height: 300 }).png().toBuffer();
    const truncated = imageBytes(page('viadm-18d1')).subarray(0, 5000);
    const pool = new OcrPool(driver, { workers: 2 });
    try {
      const [blankText, corrupt, garbage, good] = await Promise.allSettled([
        pool.recognize(blankCrop),
        pool.recognize(truncated),
        pool.recognize(Buffer.from('not an image at all')),
        pool.recognize(await topOf(page('viadm-18d1'))),
      ]);
      expect(blankText.status === 'fulfilled' && blankText.value.unreadable).toBe(true);
      expect(blankText.status === 'fulfilled' && blankText.value.text).toBe('');
      for (const bad of [corrupt, garbage])
        expect(bad.status === 'rejected' && (bad.reason as { code: string }).code).toBe('ocr.image-corrupt');
      expect(good.status === 'fulfilled' && foldVietnamese(good.value.text)).toContain('to khai dang ky khai sinh');
    } finally {
      await pool.close();
    }
  });

  it('replaces a worker that crashes under a page and reads the page again', async () => {
    const crashing = new CrashingDriver(driver, 1);
    const pool = new OcrPool(crashing, { workers: 1 });
    try {
      const text = await pool.recognize(await topOf(page('viadm-4448')));
      expect(foldVietnamese(text.text)).toContain('tach thua dat');
      expect(pool.stats()).toMatchObject({ crashes: 1, pagesDone: 1 });
      expect(crashing.started.length).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it('gives up on a page that crashes its worker twice, with a coded error, and goes on with the next', async () => {
    const crashing = new CrashingDriver(driver, 2);
    const pool = new OcrPool(crashing, { workers: 1 });
    try {
      const image = await topOf(page('viadm-4448'));
      const [first, second] = await Promise.allSettled([pool.recognize(image), pool.recognize(image)]);
      expect(first.status === 'rejected' && (first.reason as { code: string }).code).toBe('ocr.worker-crashed');
      expect(second.status).toBe('fulfilled');
      expect(crashing.started.length).toBe(3);
    } finally {
      await pool.close();
    }
  });

  it('recycles workers after a number of pages and terminates them on close', async () => {
    const watched = new CrashingDriver(driver, 0);
    const pool = new OcrPool(watched, { workers: 1, recycleAfterPages: 1 });
    const image = await topOf(page('viadm-863d'), 400);
    const exits: Promise<number>[] = [];
    const first = await pool.recognize(image);
    const second = await pool.recognize(image);
    expect(second.text).toBe(first.text);
    expect(pool.stats().recycled).toBe(2);
    for (const w of watched.started)
      exits.push(new Promise((resolve) => (w.thread.threadId < 0 ? resolve(0) : w.thread.once('exit', resolve))));
    await pool.close();
    await Promise.all(exits);
    expect(watched.started.length).toBe(2);
    await expect(pool.recognize(image)).rejects.toMatchObject({ code: 'ocr.pool-closed' });
  });
});
