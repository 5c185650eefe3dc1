import sharp, { type Metadata } from 'sharp';
import { detectColorMode, toGrayRaw } from './color-mode';
import { assumedDpi, statedDpi } from './dpi';
import { ImageCorruptError, ImageEmptyError, ImageTooLargeError } from './errors';
import type { NormalizedPage } from './page-types';
import { rawFromSharp } from './raster';

/** Default pixel cap: a decompression bomb is refused before it is decoded. */
export const defaultPixelLimit = 100_000_000;

export interface NormalizeInput {
  bytes: Buffer;
  /** Page of a multi-page file (TIFF). */
  page?: number;
  limitInputPixels?: number;
}

export async function normalizeStage(input: NormalizeInput): Promise<NormalizedPage> {
  if (input.bytes.length === 0) throw new ImageEmptyError();
  const limit = input.limitInputPixels ?? defaultPixelLimit;
  const open = () => sharp(input.bytes, { limitInputPixels: limit, page: input.page ?? 0, failOn: 'error' });
  let meta: Metadata;
  try {
    meta = await sharp(input.bytes, { limitInputPixels: false, page: input.page ?? 0 }).metadata();
  } catch (error) {
    throw new ImageCorruptError(errorText(error));
  }
  const pixels = (meta.width ?? 0) * (meta.height ?? 0);
  if (pixels > limit) throw new ImageTooLargeError(pixels, limit, { width: meta.width, height: meta.height });
  const hasColour = (meta.channels ?? 1) >= 3 && meta.space !== 'b-w';
  let image;
  try {
    image = await rawFromSharp(open().autoOrient(), hasColour ? 3 : 1);
  } catch (error) {
    const text = errorText(error);
    if (/pixel limit/i.test(text)) throw new ImageTooLargeError(pixels, limit);
    throw new ImageCorruptError(text, { format: meta.format });
  }
  const colorMode = detectColorMode(image);
  if (colorMode !== 'color') image = toGrayRaw(image);
  const stated = statedDpi(meta);
  return {
    image,
    dpi: stated ?? assumedDpi(image.width, image.height),
    dpiAssumed: stated === undefined,
    colorMode,
    sourceFormat: meta.format ?? 'unknown',
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}
