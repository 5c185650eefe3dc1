import sharp, { type Metadata } from 'sharp';
import { ImportCorruptImageError, ImportImageTooLargeError } from './errors';
import { jpegIsTruncated } from './jpeg-end';

/** Reads the header and decodes every pixel once, so damaged or oversized images fail here and not later. */
export async function checkDecodes(bytes: Buffer, source: string, limit: number, page?: number): Promise<Metadata> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false, page: page ?? 0 }).metadata();
  } catch (error) {
    throw new ImportCorruptImageError(source, firstLine(error));
  }
  if (meta.format === 'jpeg' && jpegIsTruncated(bytes))
    throw new ImportCorruptImageError(source, 'JPEG data ends before its end-of-image marker');
  const pixels = (meta.width ?? 0) * (meta.height ?? 0);
  if (pixels > limit) throw new ImportImageTooLargeError(source, pixels, limit);
  try {
    await sharp(bytes, { limitInputPixels: limit, page: page ?? 0, failOn: 'error' }).stats();
  } catch (error) {
    throw new ImportCorruptImageError(source, firstLine(error));
  }
  return meta;
}

export function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
