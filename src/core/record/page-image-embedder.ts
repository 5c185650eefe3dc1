import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import type { PDFDocument, PDFRef } from 'pdf-lib';
import { embedPngPassthrough } from './png-passthrough';
import type { ColorMode } from './record-metadata';

export interface PageImage {
  image: Buffer;
  format: 'jpeg' | 'png';
  width: number;
  height: number;
  dpi: number;
  colorMode: ColorMode;
}

/**
 * Puts one page image into the document as an image XObject, losslessly: JPEG bytes pass
 * through, and so do PNGs already in the page's pixel format; other bilevel pages become a
 * 1-bit Flate image (pdf-lib's embedPng would expand them to 8-bit RGB); other PNGs become
 * 8-bit grey or RGB Flate images without alpha.
 */
export async function embedPageImage(doc: PDFDocument, page: PageImage): Promise<PDFRef> {
  if (page.format === 'jpeg' && page.colorMode !== 'bw') return (await doc.embedJpg(page.image)).ref;
  if (page.format === 'png' && passesThroughAs(page)) {
    const ref = embedPngPassthrough(doc, page.image);
    if (ref) return ref;
  }
  if (page.colorMode === 'bw') return embedBilevel(doc, page.image);
  return embedRaw(doc, page.image, page.colorMode === 'gray' ? 1 : 3);
}

/** A PNG goes in as it is when its own pixel format is what the page's colour mode asks for. */
function passesThroughAs(page: PageImage): boolean {
  const bitDepth = page.image[24];
  const colorType = page.image[25];
  if (page.colorMode === 'bw') return bitDepth === 1 && (colorType === 0 || colorType === 3);
  if (page.colorMode === 'gray') return colorType === 0 && bitDepth === 8;
  return colorType === 2 && bitDepth === 8;
}

async function embedBilevel(doc: PDFDocument, image: Buffer): Promise<PDFRef> {
  const { data, info } = await sharp(image).greyscale().raw().toBuffer({ resolveWithObject: true });
  const rowBytes = Math.ceil(info.width / 8);
  const packed = new Uint8Array(rowBytes * info.height);
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      // DeviceGray 1-bit: 1 is white.
      if (data[y * info.width + x]! >= 128) packed[y * rowBytes + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return registerImage(doc, packed, info.width, info.height, 'DeviceGray', 1);
}

async function embedRaw(doc: PDFDocument, image: Buffer, channels: 1 | 3): Promise<PDFRef> {
  let pipeline = sharp(image).flatten({ background: '#ffffff' });
  pipeline = channels === 1 ? pipeline.greyscale() : pipeline.toColourspace('srgb');
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  const pixels = info.channels === channels ? data : dropExtraChannels(data, info.channels, channels);
  return registerImage(doc, pixels, info.width, info.height, channels === 1 ? 'DeviceGray' : 'DeviceRGB', 8);
}

function dropExtraChannels(data: Buffer, from: number, to: number): Uint8Array {
  const out = new Uint8Array((data.length / from) * to);
  for (let i = 0, o = 0; i < data.length; i += from) for (let c = 0; c < to; c++) out[o++] = data[i + c]!;
  return out;
}

function registerImage(doc: PDFDocument, pixels: Uint8Array, width: number, height: number, colorSpace: string, bits: number): PDFRef {
  const raw = doc.context.stream(deflateSync(pixels, { level: 6 }), {
    Type: 'XObject',
    Subtype: 'Image',
    Width: width,
    Height: height,
    ColorSpace: colorSpace,
    BitsPerComponent: bits,
    Filter: 'FlateDecode',
  });
  return doc.context.register(raw);
}
