import { CodedError } from '../../../shared/errors';

/** A page was handed to an OCR pool that is closed or closing. */
export class OcrPoolClosedError extends CodedError {
  constructor() {
    super('ocr.pool-closed', 'The OCR pool is closed');
  }
}
