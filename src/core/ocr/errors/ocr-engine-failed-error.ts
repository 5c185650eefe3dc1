import { CodedError } from '../../../shared/errors';

/** The OCR engine failed on a page for a reason other than a bad image or a crash. */
export class OcrEngineFailedError extends CodedError {
  constructor(reason: string) {
    super('ocr.engine-failed', `The OCR engine failed: ${reason}`, { reason });
  }
}
