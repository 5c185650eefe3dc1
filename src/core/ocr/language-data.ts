import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { durableWrite } from '../store/durable-write';
import { findResourcesDir } from '../resources-dir';
import { gunzipSync } from 'node:zlib';
import { OcrLanguageDataMissingError } from './errors/ocr-language-data-missing-error';

/**
 * Which traineddata to use.
 * - `fast`: tessdata_fast, shipped uncompressed in `resources/ocr/` (see its README); the default.
 * - `best_int`: `4.0.0_best_int/` of the @tesseract.js-data packages, LSTM only (what OEM 1 runs).
 * - `legacy`: `4.0.0/` of those packages, legacy + LSTM models in one file.
 */
export type LanguageDataVariant = 'fast' | 'best_int' | 'legacy';

/** The `ocr.model` setting's values, as the variants they name. */
export const OCR_MODEL_VARIANT = { fast: 'fast', best: 'best_int' } as const satisfies Record<string, LanguageDataVariant>;
export type OcrModel = keyof typeof OCR_MODEL_VARIANT;
export const DEFAULT_OCR_MODEL: OcrModel = 'fast';

const PACKAGE_FOLDER: Record<Exclude<LanguageDataVariant, 'fast'>, string> = { best_int: '4.0.0_best_int', legacy: '4.0.0' };

/** `resources/ocr` of this checkout; the packaged app passes its own resources folder. */
export function defaultFastModelDir(): string {
  return join(findResourcesDir(import.meta.url, 'ocr', '../../../resources'), 'ocr');
}

export interface LanguageDataOptions {
  /** Tesseract language codes, e.g. ['vie', 'eng']. */
  langs: string[];
  variant?: LanguageDataVariant;
  /** Folder that receives the unpacked `<lang>.traineddata` files, e.g. `<dataDir>/cache/tessdata`. */
  cacheDir?: string;
  /** Where to resolve the data packages from (a file or folder inside the app); defaults to this module. */
  resolveFrom?: string;
  /** Folder of the fast models (`<resources>/ocr`); default {@link defaultFastModelDir}. */
  fastModelDir?: string;
}

export function defaultTessdataCacheDir(): string {
  return join(tmpdir(), 'sohoa-tessdata');
}

/** Path of `<lang>.traineddata.gz` inside its installed npm package. */
export function packagedTraineddata(
  lang: string,
  variant: Exclude<LanguageDataVariant, 'fast'>,
  resolveFrom: string = import.meta.url,
): string {
  const require = createRequire(resolveFrom);
  let packageJson: string;
  try {
    packageJson = require.resolve(`@tesseract.js-data/${lang}/package.json`);
  } catch {
    throw new OcrLanguageDataMissingError(lang, `@tesseract.js-data/${lang}`);
  }
  const file = join(dirname(packageJson), PACKAGE_FOLDER[variant], `${lang}.traineddata.gz`);
  if (!existsSync(file)) throw new OcrLanguageDataMissingError(lang, file);
  return file;
}

/**
 * Gathers the languages' traineddata, unpacked, into one folder (tesseract.js takes a single
 * `langPath` for all languages) and returns that folder. Unpacking once here spares every worker
 * a gunzip. Files are written to a temp name and renamed, so a concurrent caller never sees half a file.
 */
export function prepareLanguageData(options: LanguageDataOptions): string {
  const variant = options.variant ?? OCR_MODEL_VARIANT[DEFAULT_OCR_MODEL];
  if (variant === 'fast') return fastModelFolder(options.langs, options.fastModelDir ?? defaultFastModelDir());
  const folder = join(options.cacheDir ?? defaultTessdataCacheDir(), variant);
  mkdirSync(folder, { recursive: true });
  for (const lang of options.langs) {
    const source = packagedTraineddata(lang, variant, options.resolveFrom);
    const target = join(folder, `${lang}.traineddata`);
    const stamp = join(folder, `${lang}.source`);
    const sourceId = `${source}\n${statSync(source).size}\n${statSync(source).mtimeMs}`;
    if (existsSync(target) && existsSync(stamp) && readFileSync(stamp, 'utf8') === sourceId) continue;
    durableWrite(target, gunzipSync(readFileSync(source)));
    writeFileSync(stamp, sourceId);
  }
  return folder;
}

/** The fast models are shipped unpacked, so tesseract.js reads them where they are. */
function fastModelFolder(langs: string[], folder: string): string {
  for (const lang of langs) {
    const file = join(folder, `${lang}.traineddata`);
    if (!existsSync(file)) throw new OcrLanguageDataMissingError(lang, file);
  }
  return folder;
}

/** `vie+eng` → ['vie', 'eng'] */
export function parseLangs(spec: string): string[] {
  return spec
    .split('+')
    .map((l) => l.trim())
    .filter(Boolean);
}
