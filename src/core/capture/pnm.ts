import sharp from 'sharp';
import type { ColorMode } from './scan-driver';
import { withPngDensity } from './png-density';
import { ScannedImageCorruptError } from './scanner-errors';

/** A decoded binary PNM (P4 bitmap, P5 greymap, P6 pixmap) as 8-bit samples. */
export interface PnmImage {
  width: number;
  height: number;
  channels: 1 | 3;
  colorMode: ColorMode;
  /** 8 bits per sample, rows top to bottom; for P4, 0 = black and 255 = white. */
  pixels: Buffer;
}

interface PnmHeader {
  magic: 'P4' | 'P5' | 'P6';
  width: number;
  height: number;
  maxval: number;
  dataOffset: number;
}

function readHeader(bytes: Buffer): PnmHeader {
  const magic = bytes.toString('latin1', 0, 2);
  if (magic !== 'P4' && magic !== 'P5' && magic !== 'P6') throw new ScannedImageCorruptError('not a binary PNM', { magic });
  const fields: number[] = [];
  const wanted = magic === 'P4' ? 2 : 3;
  let pos = 2;
  while (fields.length < wanted) {
    if (pos >= bytes.length) throw new ScannedImageCorruptError('truncated PNM header');
    const c = bytes[pos]!;
    if (c === 0x23) {
      while (pos < bytes.length && bytes[pos] !== 0x0a) pos++;
    } else if (c >= 0x30 && c <= 0x39) {
      let n = 0;
      while (pos < bytes.length && bytes[pos]! >= 0x30 && bytes[pos]! <= 0x39) n = n * 10 + (bytes[pos++]! - 0x30);
      fields.push(n);
      continue;
    } else if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) {
      throw new ScannedImageCorruptError('bad character in PNM header', { offset: pos });
    }
    pos++;
  }
  const [width, height, maxval = 1] = fields as [number, number, number?];
  if (width <= 0 || height <= 0 || maxval <= 0 || maxval > 65535)
    throw new ScannedImageCorruptError('bad PNM dimensions', { width, height, maxval });
  return { magic, width, height, maxval, dataOffset: pos + 1 };
}

export function decodePnm(bytes: Buffer): PnmImage {
  const h = readHeader(bytes);
  const data = bytes.subarray(h.dataOffset);
  if (h.magic === 'P4') {
    const rowBytes = Math.ceil(h.width / 8);
    if (data.length < rowBytes * h.height)
      throw new ScannedImageCorruptError('truncated PNM data', { expected: rowBytes * h.height, got: data.length });
    const pixels = Buffer.alloc(h.width * h.height);
    for (let y = 0; y < h.height; y++) {
      for (let x = 0; x < h.width; x++) {
        const bit = (data[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1;
        pixels[y * h.width + x] = bit ? 0 : 255;
      }
    }
    return { width: h.width, height: h.height, channels: 1, colorMode: 'bw', pixels };
  }
  const channels = h.magic === 'P6' ? 3 : 1;
  const samples = h.width * h.height * channels;
  const wide = h.maxval > 255;
  if (data.length < samples * (wide ? 2 : 1))
    throw new ScannedImageCorruptError('truncated PNM data', { expected: samples * (wide ? 2 : 1), got: data.length });
  let pixels: Buffer;
  if (wide) {
    pixels = Buffer.alloc(samples);
    for (let i = 0; i < samples; i++) pixels[i] = Math.round((data.readUInt16BE(i * 2) * 255) / h.maxval);
  } else if (h.maxval === 255) {
    pixels = Buffer.from(data.subarray(0, samples));
  } else {
    pixels = Buffer.alloc(samples);
    for (let i = 0; i < samples; i++) pixels[i] = Math.round((data[i]! * 255) / h.maxval);
  }
  return { width: h.width, height: h.height, channels, colorMode: channels === 3 ? 'color' : 'gray', pixels };
}

/** PNM bytes as a PNG that records its resolution; bitonal pages become 1-bit PNGs. */
export async function pnmToPng(bytes: Buffer, dpi: number): Promise<{ png: Buffer; image: Omit<PnmImage, 'pixels'> }> {
  const image = decodePnm(bytes);
  const raw = sharp(image.pixels, { raw: { width: image.width, height: image.height, channels: image.channels } });
  // One-channel raw input would otherwise be written as RGB.
  const pipeline = image.channels === 1 ? raw.toColourspace('b-w') : raw;
  const encoded = await (
    image.colorMode === 'bw' ? pipeline.png({ palette: true, colours: 2 }) : pipeline.png({ compressionLevel: 6 })
  ).toBuffer();
  const png = withPngDensity(encoded, dpi);
  return { png, image: { width: image.width, height: image.height, channels: image.channels, colorMode: image.colorMode } };
}
