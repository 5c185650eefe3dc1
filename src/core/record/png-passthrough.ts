import type { PDFDocument, PDFRef } from 'pdf-lib';

interface PngLayout {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  palette?: Uint8Array;
  idat: Uint8Array;
}

const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Embeds a PNG without decoding it: its IDAT stream is already Flate data with PNG row
 * predictors, which a PDF image states with /DecodeParms. Works for non-interlaced grey, RGB
 * and palette PNGs without transparency; returns undefined for any other PNG.
 */
export function embedPngPassthrough(doc: PDFDocument, png: Uint8Array): PDFRef | undefined {
  const layout = readPng(png);
  if (!layout) return undefined;
  const colors = layout.colorType === 2 ? 3 : 1;
  const colorSpace =
    layout.colorType === 0
      ? 'DeviceGray'
      : layout.colorType === 2
        ? 'DeviceRGB'
        : ['Indexed', 'DeviceRGB', layout.palette!.length / 3 - 1, doc.context.register(doc.context.stream(layout.palette!))];
  const stream = doc.context.stream(layout.idat, {
    Type: 'XObject',
    Subtype: 'Image',
    Width: layout.width,
    Height: layout.height,
    ColorSpace: colorSpace,
    BitsPerComponent: layout.bitDepth,
    Filter: 'FlateDecode',
    DecodeParms: { Predictor: 15, Colors: colors, BitsPerComponent: layout.bitDepth, Columns: layout.width },
  });
  return doc.context.register(stream);
}

function readPng(png: Uint8Array): PngLayout | undefined {
  if (png.length < 33 || signature.some((b, i) => png[i] !== b)) return undefined;
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let width = 0;
  let height = 0;
  let bitDepth = 0;
  let colorType = -1;
  let palette: Uint8Array | undefined;
  const idat: Uint8Array[] = [];
  for (let at = 8; at + 8 <= png.length;) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(png[at + 4]!, png[at + 5]!, png[at + 6]!, png[at + 7]!);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      bitDepth = data[8]!;
      colorType = data[9]!;
      if (data[12] !== 0) return undefined;
    } else if (type === 'PLTE') {
      palette = data;
    } else if (type === 'tRNS') {
      return undefined;
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      break;
    }
    at += 12 + length;
  }
  const supported =
    (colorType === 0 && [1, 2, 4, 8].includes(bitDepth)) ||
    (colorType === 2 && bitDepth === 8) ||
    (colorType === 3 && palette !== undefined);
  if (!supported || idat.length === 0) return undefined;
  const total = idat.reduce((n, c) => n + c.length, 0);
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const c of idat) {
    joined.set(c, offset);
    offset += c.length;
  }
  return { width, height, bitDepth, colorType, palette, idat: joined };
}
