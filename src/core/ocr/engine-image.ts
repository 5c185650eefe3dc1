import sharp from 'sharp';
import { OcrImageCorruptError } from './errors/ocr-image-corrupt-error';

export interface EngineImage {
  /** The bytes handed to tesseract.js. */
  input: Buffer;
  width: number;
  height: number;
  /** The image's resolution, null when the file holds none. */
  dpi: number | null;
}

/**
 * What the engine is given for an image. Leptonica's own libjpeg, inside the engine, prints its
 * warnings ("Corrupt JPEG data: …") straight to the process's stderr; sharp keeps them to itself.
 * So a JPEG is decoded here and handed over as a PNG: a truncated file is refused as corrupt, a file
 * with stray bytes is read. The PNG is stored, not compressed: it lives only until the engine has
 * read it, and writing then inflating a compressed one cost 0.12 CPU s a page against 0.07 (docs/OCR.md). A grey JPEG stays one channel: sharp writes
 * sRGB unless told, which tripled what is compressed here and inflated in the engine (docs/OCR.md).
 * Other formats (the 1-bit PNG of black and white pages) go as they are.
 */
export async function engineImage(image: Buffer): Promise<EngineImage> {
  try {
    const meta = await sharp(image).metadata();
    if (!meta.width || !meta.height) throw new Error('no dimensions');
    const dpi = meta.density ?? null;
    if (meta.format !== 'jpeg') return { input: image, width: meta.width, height: meta.height, dpi };
    const decoder = sharp(image, { failOn: 'truncated' });
    const pixels = (meta.channels ?? 3) < 3 ? decoder.toColourspace('b-w') : decoder;
    return { input: await pixels.png({ compressionLevel: 0 }).toBuffer(), width: meta.width, height: meta.height, dpi };
  } catch (e) {
    // libvips ends its messages with a newline; a reason stays on one line.
    throw new OcrImageCorruptError((e as Error).message.trim().replace(/\s*\n\s*/g, '; '), { bytes: image.length });
  }
}
