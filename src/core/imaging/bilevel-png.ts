import { deflateSync } from 'node:zlib';

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
  const phys = Buffer.alloc(9);
  const perMetre = Math.round(dpi / 0.0254);
  phys.writeUInt32BE(perMetre, 0);
  phys.writeUInt32BE(perMetre, 4);
  phys[8] = 1;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...(dpi > 0 ? [chunk('pHYs', phys)] : []),
    chunk('IDAT', deflateSync(raw, { level: 6 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

const crcTable = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = crcTable[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
