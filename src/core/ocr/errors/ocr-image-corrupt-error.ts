import { CodedError } from '../../../shared/errors';

/** The OCR engine could not decode the page image (truncated, not an image, unsupported format). */
export class OcrImageCorruptError extends CodedError {
  constructor(reason: string, details?: Record<string, unknown>) {
    super('ocr.image-corrupt', `The page image cannot be read: ${reason}`, details);
  }
}
