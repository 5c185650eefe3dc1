import { deflateSync } from 'node:zlib';
import { physData, pngChunk } from '../png/png-chunk';

/**
 * Writes a 1-bit greyscale PNG (with its dpi in pHYs): grey values at or under `threshold`
 * become black; `dpi` 0 leaves the resolution out. Much faster than sharp's palette quantisation for a two-level image.
 */
export function encodeBilevelPng(gray: Uint8Array, width: number, height: number, threshold: number, dpi: number): Buffer {
  const stride = Math.ceil(width / 8) + 1;
  const raw = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    raw[row] = 0;
    const base = y * width;
    let byte = 0;
    for (let x = 0; x < width; x++) {
      byte = (byte << 1) | (gray[base + x]! > threshold ? 1 : 0);
      if ((x & 7) === 7) {
        raw[row + 1 + (x >> 3)] = byte;
        byte = 0;
      }
    }
    const rest = width & 7;
    if (rest) raw[row + 1 + (width >> 3)] = (byte << (8 - rest)) | (0xff >> rest);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    ...(dpi > 0 ? [pngChunk('pHYs', physData(dpi))] : []),
    pngChunk('IDAT', deflateSync(raw, { level: 6 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}
