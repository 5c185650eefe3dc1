import { CodedError } from '../../shared/errors';

/** The bytes are not an image sharp can decode (corrupt, truncated, or not an image at all). */
export class ImageCorruptError extends CodedError {
  constructor(reason: string, details?: Record<string, unknown>) {
    super('image.corrupt', `Image cannot be decoded: ${reason}`, details);
  }
}

/** The image holds more pixels than the configured limit (a decompression bomb or a mistake). */
export class ImageTooLargeError extends CodedError {
  constructor(pixels: number | undefined, limit: number, details?: Record<string, unknown>) {
    super('image.too-large', `Image exceeds the limit of ${limit} pixels`, { ...details, pixels, limit });
  }
}

/** The input is empty. */
export class ImageEmptyError extends CodedError {
  constructor(details?: Record<string, unknown>) {
    super('image.empty', 'Image file is empty (zero bytes)', details);
  }
}
