import sharp from 'sharp';
import type { ColorMode } from './page-types';
import type { RawImage } from './raster';

export interface OcrImageInput {
  /** The cleaned page (upright, deskewed, cropped). */
  image: RawImage;
  dpi: number;
  colorMode: ColorMode;
  /** The record's image of the page, as encoded. */
  recordImage: Buffer;
}

/**
 * The image OCR reads. Tesseract binarizes a grey page itself, and does it better than a fixed
 * threshold here (docs/OCR.md), so grey pages are read from the record's own JPEG and black and
 * white pages from their 1-bit image. On colour pages the red seal and the blue signature are
 * dropped first: each pixel takes its brightest channel, which turns coloured ink as light as the
 * paper while black print stays black.
 */
export async function ocrImageStage(input: OcrImageInput): Promise<Buffer> {
  if (input.colorMode !== 'color' || input.image.channels !== 3) return input.recordImage;
  const { pixels, width, height } = input.image;
  const grey = Buffer.allocUnsafe(width * height);
  for (let i = 0, p = 0; i < grey.length; i++, p += 3) {
    const r = pixels[p]!;
    const g = pixels[p + 1]!;
    const b = pixels[p + 2]!;
    grey[i] = r > g ? (r > b ? r : b) : g > b ? g : b;
  }
  return sharp(grey, { raw: { width, height, channels: 1 } })
    .withDensity(input.dpi)
    .toColourspace('b-w')
    .jpeg({ quality: 90 })
    .toBuffer();
}
