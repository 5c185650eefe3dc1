/** The OCR stage: a pool of tesseract.js workers fed from the npm language data, and field extraction. */
export { OcrPool, type OcrPoolOptions, type OcrPoolStats, type RecognizeOptions } from './ocr-pool';
export { TesseractDriver, TesseractEngineWorker, type TesseractDriverOptions } from './tesseract-driver';
export type { OcrEngineDriver, OcrEngineWorker } from './ocr-engine-driver';
export { prepareLanguageData, defaultTessdataCacheDir, parseLangs, type LanguageDataVariant } from './language-data';
export { resolveEnginePaths, type OcrEnginePaths } from './engine-paths';
export { pageTextFromPlainText } from './page-text-from-plain-text';
export { extractFields } from './fields/extract-fields';
export type { PageFields, ExtractedField, FieldKind, DocKind, DocKindGuess } from './fields/field-types';
export { OcrImageCorruptError } from './errors/ocr-image-corrupt-error';
export { OcrWorkerCrashedError } from './errors/ocr-worker-crashed-error';
export { OcrPoolClosedError } from './errors/ocr-pool-closed-error';
export { OcrLanguageDataMissingError } from './errors/ocr-language-data-missing-error';
export { OcrEngineFailedError } from './errors/ocr-engine-failed-error';
