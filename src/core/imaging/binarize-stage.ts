import { encodeBilevelPng } from './bilevel-png';
import { inkThreshold, normalizeBackground } from './ink-mask';
import type { RawImage } from './raster';
import { toGrayRaw } from './color-mode';

export interface BinarizeInput {
  image: RawImage;
  dpi: number;
}

export interface BinarizedPage {
  /** 1-bit PNG: what OCR reads. Never the record's image. */
  png: Buffer;
  threshold: number;
  width: number;
  height: number;
}

/**
 * Black and white copy for OCR: lighting evened out over blocks of a third of an inch,
 * then Otsu's threshold, written as a 1-bit PNG.
 */
export function binarizeStage(input: BinarizeInput): BinarizedPage {
  const gray = toGrayRaw(input.image);
  const raster = {
    data: new Uint8Array(gray.pixels.buffer, gray.pixels.byteOffset, gray.pixels.length),
    width: gray.width,
    height: gray.height,
  };
  const normalized = normalizeBackground(raster, Math.max(16, Math.round(input.dpi / 3)));
  const threshold = inkThreshold(normalized);
  const png = encodeBilevelPng(normalized.data, gray.width, gray.height, threshold, input.dpi);
  return { png, threshold, width: gray.width, height: gray.height };
}
