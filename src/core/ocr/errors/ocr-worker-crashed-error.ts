import { CodedError } from '../../../shared/errors';

/** An OCR worker died while reading the page, and again on the retry. */
export class OcrWorkerCrashedError extends CodedError {
  constructor(attempts: number, reason: string) {
    super('ocr.worker-crashed', `The OCR worker crashed ${attempts} time(s) on this page: ${reason}`, { attempts, reason });
  }
}
