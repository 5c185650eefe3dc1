/**
 * Records a resolution in a PNG (its pHYs chunk) without touching the pixels. sharp can
 * only do this by adding an sRGB profile, which also turns grey images into RGB.
 */
import { physData, pngChunk } from '../png/png-chunk';

const SIGNATURE_LENGTH = 8;
const IHDR_CHUNK_LENGTH = 12 + 13;

export function withPngDensity(png: Buffer, dpi: number): Buffer {
  const chunk = pngChunk('pHYs', physData(dpi));
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
