import { join } from 'node:path';
import { cleanPage } from '../imaging/clean-page';
import { resolveEnginePaths } from '../ocr/engine-paths';
import { extractFields } from '../ocr/fields/extract-fields';
import { DEFAULT_OCR_MODEL, OCR_MODEL_VARIANT, type OcrModel } from '../ocr/language-data';
import { OcrPool } from '../ocr/ocr-pool';
import { TesseractDriver } from '../ocr/tesseract-driver';
import { buildRecordPdf } from '../record/build-record-pdf';
import type { PipelineStages } from './pipeline-stages';

export interface RealStagesOptions {
  dataDir: string;
  ocrWorkers?: number;
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
export function createPipelineStages(options: RealStagesOptions): PipelineStages & { close(): Promise<void> } {
  const enginePaths = resolveEnginePaths();
  const paths = options.unpackedFromAsar
    ? { workerPath: outsideAsar(enginePaths.workerPath), corePath: outsideAsar(enginePaths.corePath) }
    : enginePaths;
  // One pool per model, made when a page first asks for it: a change of `ocr.model` applies to the next page read.
  const pools = new Map<OcrModel, OcrPool>();
  const poolFor = (model: OcrModel) => {
    let pool = pools.get(model);
    if (!pool) {
      const driver = new TesseractDriver({
        langs: options.langs,
        variant: OCR_MODEL_VARIANT[model],
        fastModelDir: options.resourcesDir ? join(options.resourcesDir, 'ocr') : undefined,
        cacheDir: join(options.dataDir, 'cache', 'tessdata'),
        paths,
      });
      pool = new OcrPool(driver, { workers: options.ocrWorkers });
      pools.set(model, pool);
    }
    return pool;
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
    read: (image, label, model) => poolFor(model ?? options.model ?? DEFAULT_OCR_MODEL).recognize(image, { label }),
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
      await Promise.all([...pools.values()].map((pool) => pool.close()));
    },
  };
}
