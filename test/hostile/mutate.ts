/** A small seeded PRNG (mulberry32): the same seed gives the same cases, so a failure can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Mutation = 'truncate' | 'flip' | 'splice' | 'zero-run' | 'huge-dimensions';

/** Returns a mutated copy of `seed` and what was done, using `other` for splices. */
export function mutate(seed: Buffer, other: Buffer, random: () => number, kind: Mutation): Buffer {
  const at = (n: number) => Math.floor(random() * n);
  const out = Buffer.from(seed);
  switch (kind) {
    case 'truncate':
      return out.subarray(0, at(out.length));
    case 'flip': {
      const flips = 1 + at(8);
      // Headers are where parsers decide things: half the flips land in the first 512 bytes.
      for (let i = 0; i < flips; i++) out[random() < 0.5 ? at(Math.min(512, out.length)) : at(out.length)]! ^= 1 << at(8);
      return out;
    }
    case 'splice': {
      const from = at(other.length);
      const piece = other.subarray(from, from + 1 + at(4096));
      const where = at(out.length);
      return Buffer.concat([out.subarray(0, where), piece, out.subarray(where + at(256))]);
    }
    case 'zero-run': {
      const where = at(out.length);
      out.fill(random() < 0.5 ? 0 : 0xff, where, Math.min(out.length, where + 1 + at(64)));
      return out;
    }
    case 'huge-dimensions':
      return hugeDimensions(out, random);
  }
}

/** Writes absurd width/height into the header fields each format keeps them in. */
function hugeDimensions(bytes: Buffer, random: () => number): Buffer {
  const big = [0xffff, 0x7fff, 60000, 0][Math.floor(random() * 4)]!;
  if (bytes[0] === 0x89 && bytes[1] === 0x50) {
    // PNG IHDR: width and height as 32-bit big-endian at 16 and 20 (the CRC is left stale on purpose half the time)
    bytes.writeUInt32BE(random() < 0.5 ? 0x7fffffff : big * 4, 16);
    bytes.writeUInt32BE(random() < 0.5 ? 0x7fffffff : big * 4, 20);
    return bytes;
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    // JPEG SOFn: height and width as 16-bit big-endian after the precision byte
    for (let i = 2; i + 9 < bytes.length; i++) {
      if (bytes[i] === 0xff && bytes[i + 1]! >= 0xc0 && bytes[i + 1]! <= 0xc3) {
        bytes.writeUInt16BE(big, i + 5);
        bytes.writeUInt16BE(big, i + 7);
        break;
      }
    }
    return bytes;
  }
  if ((bytes[0] === 0x49 && bytes[1] === 0x49) || (bytes[0] === 0x4d && bytes[1] === 0x4d)) {
    // TIFF: ImageWidth (256) and ImageLength (257) in the first IFD
    const le = bytes[0] === 0x49;
    const u16 = (o: number) => (le ? bytes.readUInt16LE(o) : bytes.readUInt16BE(o));
    const ifd = le ? bytes.readUInt32LE(4) : bytes.readUInt32BE(4);
    if (ifd + 2 > bytes.length) return bytes;
    const count = u16(ifd);
    for (let e = 0; e < count && ifd + 2 + e * 12 + 12 <= bytes.length; e++) {
      const entry = ifd + 2 + e * 12;
      const tag = u16(entry);
      if (tag !== 256 && tag !== 257) continue;
      const type = u16(entry + 2);
      if (type === 3) bytes[le ? 'writeUInt16LE' : 'writeUInt16BE'](big, entry + 8);
      else bytes[le ? 'writeUInt32LE' : 'writeUInt32BE'](big * 1000, entry + 8);
    }
    return bytes;
  }
  // PDF: an image dictionary's /Width and /Height
  const text = bytes
    .toString('latin1')
    .replace(/\/Width \d+/g, `/Width ${big * 100}`)
    .replace(/\/Height \d+/g, `/Height ${big * 100}`);
  return Buffer.from(text, 'latin1');
}
