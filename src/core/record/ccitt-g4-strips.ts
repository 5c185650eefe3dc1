import sharp from 'sharp';

/** One horizontal band of a 1-bit image, coded CCITT Group 4 on its own. */
export interface G4Strip {
  /** First row of the band in the image. */
  top: number;
  rows: number;
  /** Group 4 data in which coded black is the mask's ink. */
  data: Buffer;
}

/**
 * Codes a mask (255 = ink, 0 = paper) as CCITT Group 4 through libvips' TIFF writer. libtiff codes each strip
 * of the TIFF on its own, so the image comes back as bands, each a complete Group 4 image that a
 * PDF shows with /CCITTFaxDecode (K -1).
 */
export async function encodeG4Strips(mask: Uint8Array, width: number, height: number): Promise<G4Strip[]> {
  const pixels = Buffer.from(mask.buffer, mask.byteOffset, mask.length);
  // MinIsBlack with ink as 255: libtiff codes the 1 bits, the ink, as black runs.
  const tiff = await sharp(pixels, { raw: { width, height, channels: 1 } })
    .toColourspace('b-w')
    .tiff({ compression: 'ccittfax4', bitdepth: 1 })
    .toBuffer();
  return readStrips(tiff, height);
}

function readStrips(tiff: Buffer, height: number): G4Strip[] {
  const little = tiff[0] === 0x49;
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd = u32(4);
  const tags = new Map<number, number[]>();
  for (let i = 0, n = u16(ifd); i < n; i++) {
    const entry = ifd + 2 + i * 12;
    const type = u16(entry + 2);
    const count = u32(entry + 4);
    const size = type === 3 ? 2 : 4;
    const at = count * size <= 4 ? entry + 8 : u32(entry + 8);
    tags.set(
      u16(entry),
      Array.from({ length: count }, (_, k) => (size === 2 ? u16(at + k * 2) : u32(at + k * 4))),
    );
  }
  if (tags.get(259)?.[0] !== 4) throw new Error('libvips did not write Group 4');
  if ((tags.get(266)?.[0] ?? 1) !== 1) throw new Error('unexpected TIFF fill order');
  const rowsPerStrip = tags.get(278)?.[0] ?? height;
  const offsets = tags.get(273) ?? [];
  const counts = tags.get(279) ?? [];
  return offsets.map((offset, k) => ({
    top: k * rowsPerStrip,
    rows: Math.min(rowsPerStrip, height - k * rowsPerStrip),
    data: tiff.subarray(offset, offset + counts[k]!),
  }));
}
