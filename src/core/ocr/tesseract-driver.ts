import { createRequire } from 'node:module';
import type { Worker as ThreadWorker } from 'node:worker_threads';
import type { PageText } from '../../shared/page-text';
import { blocksFromTsv } from './blocks-from-tsv';
import { engineImage } from './engine-image';
import { scaleBlocks } from './scale-blocks';
import { resolveEnginePaths, type OcrEnginePaths } from './engine-paths';
import { OcrEngineFailedError } from './errors/ocr-engine-failed-error';
import { OcrImageCorruptError } from './errors/ocr-image-corrupt-error';
import { prepareLanguageData, type LanguageDataVariant } from './language-data';
import { OcrWorkerExitedError, type OcrEngineDriver, type OcrEngineWorker } from './ocr-engine-driver';
import { pageParameters } from './page-parameters';
import { pageTextFromBlocks } from './page-text-from-blocks';

export interface TesseractDriverOptions {
  /** Tesseract language codes, default {@link DEFAULT_OCR_LANGS}. */
  langs?: string[];
  /** Default: the fast models (see language-data.ts). */
  variant?: LanguageDataVariant;
  /** Folder of the fast models; the packaged app passes `<resources>/ocr`. */
  fastModelDir?: string;
  /** Folder for the unpacked traineddata (e.g. `<dataDir>/cache/tessdata`); default under os.tmpdir(). */
  cacheDir?: string;
  /** Engine files; default resolved from node_modules. The packaged app passes unpacked copies. */
  paths?: Partial<OcrEnginePaths>;
  /** A file or folder inside the app from which the @tesseract.js-data packages are resolved. */
  resolveFrom?: string;
  /** Tesseract parameters over {@link DEFAULT_OCR_PARAMETERS}. */
  parameters?: Record<string, string>;
  /** Resolution sharper pages are read at (engine-image.ts); null reads each page at its own. */
  readDpi?: number | null;
}

/**
 * Vietnamese alone: adding `eng` made Vietnamese pages worse and slower (docs/OCR.md), and the
 * English words on these pages (COMPANY LIMITED, Website, COVID-19) are read as well by `vie`.
 */
export const DEFAULT_OCR_LANGS: readonly string[] = ['vie'];

/**
 * tesseract.js reads a page as one block unless told otherwise; tesseract's own automatic page
 * segmentation (PSM 3) finds the columns of letter headers and signature rows (docs/OCR.md).
 * Tesseract reads every unsure line a second time inverted, for white text on a dark band; these
 * pages are dark print on paper, so that second reading only costs CPU (docs/OCR.md), and
 * `tessedit_do_invert: '1'` brings it back. Two more passes are skipped for CPU (docs/OCR.md): the
 * re-reading of words around unsure spaces (`tessedit_fix_fuzzy_spaces`) and, on pages of 250 dpi
 * and more, the removal of small outlines during layout analysis (`enable_noise_removal`, set per
 * page: page-parameters.ts).
 * Its debug lines ("Estimating resolution as …") go nowhere, so each error stays one line.
 */
export const DEFAULT_OCR_PARAMETERS: Readonly<Record<string, string>> = {
  tessedit_pageseg_mode: '3',
  tessedit_do_invert: '0',
  tessedit_fix_fuzzy_spaces: '0',
  enable_noise_removal: '0',
  debug_file: '/dev/null',
};

interface TesseractWorkerApi {
  worker: ThreadWorker;
  recognize(image: Buffer, options: object, output: object): Promise<{ data: { tsv: string | null } }>;
  setParameters(params: Record<string, string>): Promise<unknown>;
  terminate(): Promise<unknown>;
}

type CreateWorker = (langs: string, oem: number, options: object) => Promise<TesseractWorkerApi>;

const OEM_LSTM_ONLY = 1;

/** tesseract.js in Node worker_threads, fed from the npm language-data packages; no network. */
export class TesseractDriver implements OcrEngineDriver {
  private readonly langs: string[];
  private readonly langPath: string;
  private readonly paths: OcrEnginePaths;
  private readonly createWorker: CreateWorker;

  constructor(private readonly options: TesseractDriverOptions = {}) {
    this.langs = options.langs ?? [...DEFAULT_OCR_LANGS];
    this.langPath = prepareLanguageData({
      langs: this.langs,
      variant: options.variant,
      cacheDir: options.cacheDir,
      resolveFrom: options.resolveFrom,
      fastModelDir: options.fastModelDir,
    });
    this.paths = { ...resolveEnginePaths(options.resolveFrom), ...options.paths };
    const require = createRequire(import.meta.url);
    this.createWorker = (require('tesseract.js') as { createWorker: CreateWorker }).createWorker;
  }

  async startWorker(): Promise<OcrEngineWorker> {
    const api = await this.createWorker(this.langs.join('+'), OEM_LSTM_ONLY, {
      langPath: this.langPath,
      gzip: false,
      cacheMethod: 'none',
      workerPath: this.paths.workerPath,
      corePath: this.paths.corePath,
      // Without a handler tesseract.js throws job failures from its message listener (uncaught).
      errorHandler: () => {},
    });
    const parameters = { ...DEFAULT_OCR_PARAMETERS, ...this.options.parameters };
    await api.setParameters(parameters);
    return new TesseractEngineWorker(api, parameters, Object.keys(this.options.parameters ?? {}), this.options.readDpi);
  }
}

/** One tesseract.js worker thread. A thread that dies fails its job instead of leaving it hanging. */
export class TesseractEngineWorker implements OcrEngineWorker {
  private exitReason: string | null = null;
  private terminating = false;
  private readonly exitListeners: ((reason: string) => void)[] = [];
  /** Fails the job in flight; held only while a job runs, so no finished result stays reachable. */
  private failJob: ((error: Error) => void) | null = null;

  /** The parameters the engine holds now; those the caller fixed are never changed per page. */
  private readonly current: Record<string, string>;

  constructor(
    private readonly api: TesseractWorkerApi,
    parameters: Record<string, string> = { ...DEFAULT_OCR_PARAMETERS },
    private readonly fixed: readonly string[] = [],
    private readonly readDpi?: number | null,
  ) {
    this.current = { ...parameters };
    const fail = (reason: string) => {
      if (this.exitReason !== null) return;
      this.exitReason = reason;
      this.failJob?.(new OcrWorkerExitedError(reason));
      if (!this.terminating) for (const listener of this.exitListeners) listener(reason);
    };
    api.worker.once('exit', (code) => fail(`thread exited with code ${code}`));
    api.worker.once('error', (e) => fail(e.message));
  }

  /** The worker thread itself (to watch it, or to kill it in a crash test). */
  get thread(): ThreadWorker {
    return this.api.worker;
  }

  async recognize(image: Buffer): Promise<PageText> {
    if (this.exitReason !== null) throw new OcrWorkerExitedError(this.exitReason);
    const { input, width, height, dpi, scale } = await engineImage(image, { readDpi: this.readDpi });
    let result: Awaited<ReturnType<TesseractWorkerApi['recognize']>>;
    try {
      result = await new Promise<Awaited<ReturnType<TesseractWorkerApi['recognize']>>>((resolve, reject) => {
        this.failJob = reject;
        this.setPageParameters(dpi)
          .then(() => this.api.recognize(input, {}, { tsv: true, text: false }))
          .then(resolve, reject);
      });
    } catch (e) {
      if (e instanceof OcrWorkerExitedError) throw e;
      if (this.exitReason !== null) throw new OcrWorkerExitedError(this.exitReason);
      const message = e instanceof Error ? e.message : String(e);
      if (/read image|pix/i.test(message)) throw new OcrImageCorruptError(message, { bytes: image.length });
      throw new OcrEngineFailedError(message);
    } finally {
      this.failJob = null;
    }
    return pageTextFromBlocks(scaleBlocks(blocksFromTsv(result.data.tsv), scale, width, height), width, height);
  }

  /** By the page's own resolution, also when it is read resampled (a 300 dpi scan is no low-resolution one). */
  private async setPageParameters(dpi: number | null): Promise<void> {
    const changed = Object.entries(pageParameters({ dpi })).filter(
      ([key, value]) => !this.fixed.includes(key) && this.current[key] !== value,
    );
    if (changed.length === 0) return;
    await this.api.setParameters(Object.fromEntries(changed));
    for (const [key, value] of changed) this.current[key] = value;
  }

  onExit(listener: (reason: string) => void): void {
    this.exitListeners.push(listener);
  }

  async terminate(): Promise<void> {
    this.terminating = true;
    if (this.exitReason === null) await this.api.terminate();
  }
}
