import type { PageText } from '../../shared/page-text';

/** One running OCR engine instance (a thread or process) that reads one page at a time. */
export interface OcrEngineWorker {
  /** Rejects with a CodedError for a bad image; rejects with OcrWorkerExitedError if the worker dies. */
  recognize(image: Buffer): Promise<PageText>;
  terminate(): Promise<void>;
  /** Called once if the worker dies on its own (not through terminate()). */
  onExit(listener: (reason: string) => void): void;
}

/** Starts OCR engine workers; the pool owns their lifecycle. */
export interface OcrEngineDriver {
  startWorker(): Promise<OcrEngineWorker>;
}

/** The worker died under a job: the pool replaces it and may retry the page. */
export class OcrWorkerExitedError extends Error {
  constructor(readonly reason: string) {
    super(`OCR worker exited: ${reason}`);
    this.name = 'OcrWorkerExitedError';
  }
}
