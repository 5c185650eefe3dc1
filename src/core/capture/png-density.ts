/**
 * Records a resolution in a PNG (its pHYs chunk) without touching the pixels. sharp can
 * only do this by adding an sRGB profile, which also turns grey images into RGB.
 */

const CRC_TABLE = (() => {
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
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const SIGNATURE_LENGTH = 8;
const IHDR_CHUNK_LENGTH = 12 + 13;

export function withPngDensity(png: Buffer, dpi: number): Buffer {
  const type = Buffer.from('pHYs', 'latin1');
  const data = Buffer.alloc(9);
  const perMetre = Math.round(dpi / 0.0254);
  data.writeUInt32BE(perMetre, 0);
  data.writeUInt32BE(perMetre, 4);
  data.writeUInt8(1, 8);
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  type.copy(chunk, 4);
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(Buffer.concat([type, data])), 8 + data.length);
  const at = SIGNATURE_LENGTH + IHDR_CHUNK_LENGTH;
  return Buffer.concat([png.subarray(0, at), chunk, withoutChunk(png.subarray(at), 'pHYs')]);
}

function withoutChunk(chunks: Buffer, name: string): Buffer {
  const kept: Buffer[] = [];
  let pos = 0;
  while (pos + 12 <= chunks.length) {
    const length = chunks.readUInt32BE(pos);
    const end = pos + 12 + length;
    if (chunks.toString('latin1', pos + 4, pos + 8) !== name) kept.push(chunks.subarray(pos, end));
    pos = end;
  }
  return Buffer.concat(kept);
}
