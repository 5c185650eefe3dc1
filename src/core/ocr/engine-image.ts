import sharp from 'sharp';
import { OcrImageCorruptError } from './errors/ocr-image-corrupt-error';

/**
 * Pages scanned sharper than this (300 dpi scans; see RESAMPLE_ABOVE) are read resampled to it: on the tuning pages it read
 * better (CER 0.40% → 0.24% on vi-admin, stamp pages 1.59% → 1.18% on gen-tune) and cost less
 * layout analysis (docs/OCR.md, fifth round). The word boxes are scaled back to the page's pixels.
 */
export const OCR_READ_DPI = 240;

/** A page is resampled only when it is this much sharper than {@link OCR_READ_DPI}, not for a few dpi. */
const RESAMPLE_ABOVE = 1.1;

export interface EngineImageOptions {
  /** The resolution to read a sharper page at; null reads every page at its own. Default {@link OCR_READ_DPI}. */
  readDpi?: number | null;
}

export interface EngineImage {
  /** The bytes handed to tesseract.js. */
  input: Buffer;
  /** The page's own size: the word boxes are given in these pixels. */
  width: number;
  height: number;
  /** The page's own resolution (not the one it is read at), null when the file holds none. */
  dpi: number | null;
  /** The page's pixels per pixel of `input`, on each axis: 1 when read at its own size. */
  scale: { x: number; y: number };
}

const SAME_SIZE = { x: 1, y: 1 };

/**
 * What the engine is given for an image. Leptonica's own libjpeg, inside the engine, prints its
 * warnings ("Corrupt JPEG data: …") straight to the process's stderr; sharp keeps them to itself.
 * So a JPEG is decoded here and handed over as a PNG: a truncated file is refused as corrupt, a file
 * with stray bytes is read. The PNG is stored, not compressed: it lives only until the engine has
 * read it, and writing then inflating a compressed one cost 0.12 CPU s a page against 0.07 (docs/OCR.md). A grey JPEG stays one channel: sharp writes
 * sRGB unless told, which tripled what is compressed here and inflated in the engine (docs/OCR.md).
 * A JPEG sharper than the read resolution is resampled to it on the way.
 * Other formats (the 1-bit PNG of black and white pages) go as they are.
 */
export async function engineImage(image: Buffer, options: EngineImageOptions = {}): Promise<EngineImage> {
  try {
    const meta = await sharp(image).metadata();
    if (!meta.width || !meta.height) throw new Error('no dimensions');
    const { width, height } = meta;
    const dpi = meta.density ?? null;
    if (meta.format !== 'jpeg') return { input: image, width, height, dpi, scale: SAME_SIZE };
    const decoder = sharp(image, { failOn: 'truncated' });
    const pixels = (meta.channels ?? 3) < 3 ? decoder.toColourspace('b-w') : decoder;
    const readDpi = options.readDpi === undefined ? OCR_READ_DPI : options.readDpi;
    if (readDpi === null || dpi === null || dpi <= readDpi * RESAMPLE_ABOVE) {
      return { input: await pixels.png({ compressionLevel: 0 }).toBuffer(), width, height, dpi, scale: SAME_SIZE };
    }
    const { data, info } = await pixels
      .resize({ width: Math.round((width * readDpi) / dpi) })
      .withDensity(readDpi)
      .png({ compressionLevel: 0 })
      .toBuffer({ resolveWithObject: true });
    return { input: data, width, height, dpi, scale: { x: width / info.width, y: height / info.height } };
  } catch (e) {
    // libvips ends its messages with a newline; a reason stays on one line.
    throw new OcrImageCorruptError((e as Error).message.trim().replace(/\s*\n\s*/g, '; '), { bytes: image.length });
  }
}
