import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseCommandArgs, dataDirOption, jsonOption } from '../args';
import type { CliIo, CommandRun } from '../command';
import { UsageError } from '../command';
import { CodedError } from '../../shared/errors';
import type { PageText } from '../../shared/page-text';
import { extractFields } from '../../core/ocr/fields/extract-fields';
import type { PageFields } from '../../core/ocr/fields/field-types';
import { DEFAULT_OCR_MODEL, OCR_MODEL_VARIANT, parseLangs, type OcrModel } from '../../core/ocr/language-data';
import { OcrPool } from '../../core/ocr/ocr-pool';
import { TesseractDriver } from '../../core/ocr/tesseract-driver';
import { openEngine } from '../open-engine';
import { databaseState } from '../../core/store/database-file';

/** Turns the scanned bytes into the image OCR reads (upright, deskewed, binarized). */
export type PagePreprocessor = (
  bytes: Buffer,
) => Promise<{ ocrImage: Buffer; rotationApplied: number; blank: boolean; width: number; height: number }>;

/** The imaging clean-up chain (src/core/imaging/clean-page) as a preprocessor; null if this build has none. */
async function imagingPreprocessor(): Promise<PagePreprocessor | null> {
  try {
    const { cleanPage } = await import('../../core/imaging/clean-page');
    return async (bytes) => {
      const cleaned = await cleanPage(bytes);
      return {
        ocrImage: cleaned.ocrImage,
        rotationApplied: cleaned.rotationApplied,
        blank: cleaned.blank,
        width: cleaned.width,
        height: cleaned.height,
      };
    };
  } catch {
    return null;
  }
}

const isOcrModel = (value: string): value is OcrModel => Object.hasOwn(OCR_MODEL_VARIANT, value);

interface PageResult {
  file: string;
  page?: PageText;
  fields?: PageFields;
  rotationApplied?: number;
  error?: { code: string; message: string };
}

function jsonLine(result: PageResult): string {
  if (result.error) return JSON.stringify({ file: result.file, error: result.error });
  const page = result.page!;
  return JSON.stringify({
    file: result.file,
    text: page.text,
    confidence: Math.round(page.confidence * 10) / 10,
    unreadable: page.unreadable ?? false,
    width: page.width,
    height: page.height,
    rotationApplied: result.rotationApplied ?? 0,
    lines: page.lines.map((l) => ({ text: l.text, bbox: l.bbox, confidence: Math.round(l.confidence * 10) / 10 })),
    words: page.lines.flatMap((l, line) =>
      l.words.map((w) => ({ text: w.text, bbox: w.bbox, confidence: Math.round(w.confidence * 10) / 10, line })),
    ),
    fields: result.fields,
  });
}

function errorData(e: unknown): { code: string; message: string } {
  if (e instanceof CodedError) return { code: e.code, message: e.message };
  return { code: 'ocr.failed', message: e instanceof Error ? e.message : String(e) };
}

async function readPage(file: string, pool: OcrPool, preprocess: PagePreprocessor | null): Promise<PageResult> {
  try {
    const bytes = await readFile(file);
    let image: Buffer = bytes;
    let rotationApplied = 0;
    if (preprocess) {
      try {
        const cleaned = await preprocess(bytes);
        // A blank side has nothing to read, and noise is the slowest thing tesseract can be given.
        if (cleaned.blank) {
          const page: PageText = { text: '', lines: [], confidence: 0, width: cleaned.width, height: cleaned.height, unreadable: true };
          return { file, page, fields: extractFields(page), rotationApplied: cleaned.rotationApplied };
        }
        image = cleaned.ocrImage;
        rotationApplied = cleaned.rotationApplied;
      } catch (e) {
        // A page the clean-up cannot decode is still handed to OCR, which reports it in its own terms.
        if (!(e instanceof CodedError)) throw e;
      }
    }
    const page = await pool.recognize(image, { label: file });
    return { file, page, fields: extractFields(page), rotationApplied };
  } catch (e) {
    return { file, error: errorData(e) };
  }
}

/** The `ocr.model` and `ocr.languages` settings of a named data directory; the defaults when it holds no store yet (`sohoa ocr` creates none). */
async function ocrSettingsOfDataDir(dataDir: string, io: CliIo): Promise<{ model: OcrModel; languages: string[] | undefined }> {
  if (databaseState(dataDir) === 'none') return { model: DEFAULT_OCR_MODEL, languages: undefined };
  const engine = openEngine(dataDir, io.env);
  try {
    return { model: engine.settings.value('ocr.model') as OcrModel, languages: engine.settings.value('ocr.languages') as string[] };
  } finally {
    await engine.close();
  }
}

export const ocrCommand: CommandRun = {
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, {
      lang: { type: 'string' },
      model: { type: 'string' },
      raw: { type: 'boolean', default: false },
      workers: { type: 'string' },
      ...jsonOption,
      ...dataDirOption,
    });
    if (positionals.length === 0) throw new UsageError('no image given');
    const workers = values.workers === undefined ? undefined : Number(values.workers);
    if (workers !== undefined && !(Number.isInteger(workers) && workers > 0))
      throw new UsageError(`--workers must be a positive integer, not '${values.workers}'`);
    for (const file of positionals) {
      if (!existsSync(file) || !statSync(file).isFile()) {
        io.err(`sohoa ocr: file not found: ${file} [file.not-found]`);
        return 1;
      }
    }
    if (values.model !== undefined && !isOcrModel(values.model))
      throw new UsageError(`--model must be fast or best, not '${values.model}'`);
    const dataDir = values['data-dir'] ?? io.env.SOHOA_DATA_DIR;
    const saved = dataDir ? await ocrSettingsOfDataDir(dataDir, io) : undefined;
    const model = values.model ?? saved?.model ?? DEFAULT_OCR_MODEL;
    const driver = new TesseractDriver({
      langs: values.lang !== undefined ? parseLangs(values.lang) : saved?.languages,
      variant: OCR_MODEL_VARIANT[model],
      cacheDir: dataDir ? join(dataDir, 'cache', 'tessdata') : undefined,
    });
    const pool = new OcrPool(driver, { workers: Math.min(workers ?? availableParallelism(), positionals.length) });
    const preprocess = values.raw ? null : await imagingPreprocessor();
    let failed = 0;
    let printed = 0;
    try {
      // A window of pages in flight keeps every worker busy without reading every file at once.
      const window = pool.size * 2;
      const pending: Promise<PageResult>[] = [];
      let next = 0;
      for (let i = 0; i < positionals.length; i++) {
        for (; next < positionals.length && next < i + window; next++) pending[next] = readPage(positionals[next]!, pool, preprocess);
        const result = await pending[i]!;
        delete pending[i];
        if (result.error) {
          failed++;
          io.err(`sohoa ocr: ${result.file}: ${result.error.message} [${result.error.code}]`);
        }
        if (values.json) io.out(jsonLine(result));
        else if (result.page) io.out(`${printed++ > 0 ? '\f' : ''}${result.page.text}`);
      }
    } finally {
      await pool.close();
    }
    return failed ? 1 : 0;
  },
};
