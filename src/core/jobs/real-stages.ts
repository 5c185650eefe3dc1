import { join } from 'node:path';
import { cleanPage } from '../imaging/clean-page';
import { resolveEnginePaths } from '../ocr/engine-paths';
import { extractFields } from '../ocr/fields/extract-fields';
import { DEFAULT_OCR_MODEL, OCR_MODEL_VARIANT, type OcrModel } from '../ocr/language-data';
import { OcrPool, type OcrPoolStats } from '../ocr/ocr-pool';
import { DEFAULT_OCR_LANGS, TesseractDriver } from '../ocr/tesseract-driver';
import { buildRecordPdf } from '../record/build-record-pdf';
import type { OcrReading, PipelineStages } from './pipeline-stages';

export interface RealStagesOptions {
  dataDir: string;
  /** Fixes the OCR pool's size, over the `ocr.workers` setting the pipeline passes (a run's `--workers`, a test's 1). */
  ocrWorkers?: number;
  /** Fixes the languages, over the `ocr.languages` setting the pipeline passes. */
  langs?: string[];
  /** The model when the pipeline names none (the pipeline passes the `ocr.model` setting); default fast. */
  model?: OcrModel;
  /** The app's resources folder; its `ocr/` holds the fast models. Default: this checkout's. */
  resourcesDir?: string;
  /** In the packaged app: the engine's worker files live beside the asar archive, not in it. */
  unpackedFromAsar?: boolean;
}

const outsideAsar = (path: string) => path.replace(/app\.asar(?=[\\/])/, 'app.asar.unpacked');

/** The pipeline with the engine's own stages: sharp clean-up, tesseract.js, field extraction, pdf-lib. */
export interface OcrPoolState extends OcrPoolStats {
  model: OcrModel;
  languages: string[];
  size: number;
}

export function createPipelineStages(options: RealStagesOptions): PipelineStages & {
  close(): Promise<void>;
  /** The pool pages are read with now (null before the first page): model, languages, size, counters. */
  ocrPool(): OcrPoolState | null;
} {
  const enginePaths = resolveEnginePaths();
  const paths = options.unpackedFromAsar
    ? { workerPath: outsideAsar(enginePaths.workerPath), corePath: outsideAsar(enginePaths.corePath) }
    : enginePaths;
  // One pool for the model and languages in force, made when a page first asks for it: a change of
  // `ocr.model` or `ocr.languages` applies to the next page read (the pool it replaces ends once its pages are
  // read), a change of `ocr.workers` resizes the pool for the next pages.
  let current: { key: string; pool: OcrPool; model: OcrModel; languages: string[] } | null = null;
  const retiring = new Set<Promise<void>>();
  const poolFor = (reading: OcrReading | undefined) => {
    const model = reading?.model ?? options.model ?? DEFAULT_OCR_MODEL;
    const languages = options.langs ?? reading?.languages ?? [...DEFAULT_OCR_LANGS];
    const workers = options.ocrWorkers ?? reading?.workers;
    const key = `${model}:${languages.join('+')}`;
    if (current?.key !== key) {
      const driver = new TesseractDriver({
        langs: languages,
        variant: OCR_MODEL_VARIANT[model],
        fastModelDir: options.resourcesDir ? join(options.resourcesDir, 'ocr') : undefined,
        cacheDir: join(options.dataDir, 'cache', 'tessdata'),
        paths,
      });
      if (current) retire(current.pool);
      current = { key, pool: new OcrPool(driver, { workers }), model, languages };
    } else if (workers !== undefined) {
      current.pool.resize(workers);
    }
    return current.pool;
  };
  const retire = (pool: OcrPool) => {
    const done = pool
      .idle()
      .then(() => pool.close())
      .finally(() => retiring.delete(done));
    retiring.add(done);
  };
  return {
    async clean(bytes) {
      const c = await cleanPage(bytes, { previews: true });
      return {
        image: c.image,
        imageFormat: c.imageFormat,
        ocrImage: c.ocrImage,
        thumbnail: c.thumbnail?.jpeg ?? null,
        preview: c.preview?.jpeg ?? null,
        width: c.width,
        height: c.height,
        dpi: c.dpi,
        dpiAssumed: c.dpiAssumed,
        colorMode: c.colorMode,
        rotationApplied: c.rotationApplied,
        skewCorrected: c.skewCorrected,
        blank: c.blank,
        flags: [...c.flags],
        phash: c.phash,
      };
    },
    read: (image, label, reading) => poolFor(reading).recognize(image, { label }),
    ocrPool: () =>
      current ? { model: current.model, languages: [...current.languages], size: current.pool.size, ...current.pool.stats() } : null,
    extract(pages) {
      const found = pages.map(extractFields);
      const first = found[0];
      return {
        docKind: first && first.docKind.kind !== 'unknown' ? first.docKind.kind : null,
        docNumber: found.find((f) => f.docNumber)?.docNumber?.value ?? null,
        docDate: found.find((f) => f.docDate)?.docDate?.value ?? null,
        all: found,
      };
    },
    assemble: (pages, info) =>
      buildRecordPdf({
        pages,
        metadata: {
          title: info.title,
          dossierCode: info.dossierCode,
          procedureCode: info.procedureCode ?? undefined,
          documentKind: info.docKind ?? undefined,
          documentNumber: info.docNumber ?? undefined,
          documentDate: info.docDate ?? undefined,
          issuingAgencyAtIssue: info.issuingAgencyAtIssue,
          issuingAgencyToday: info.agency.name,
          digitizingAgency: info.agency,
          digitizedAt: new Date(),
          digitizedBy: info.digitizedBy,
          archive: info.archive,
        },
        compression: info.compression,
      }),
    close: async () => {
      await Promise.all([current?.pool.close(), ...retiring]);
    },
  };
}
