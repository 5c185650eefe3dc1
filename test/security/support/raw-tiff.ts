/**
 * A little-endian TIFF of `count` pages, written directory by directory: every page an 8×8 bilevel
 * image with its own strip (its page number in its bits, so no two pages are alike), about 110
 * bytes a page.
 */
export function manyPageTiff(count: number): Buffer {
  const ENTRIES = 8;
  const STRIP = 8;
  const PAGE_BYTES = STRIP + 2 + ENTRIES * 12 + 4;
  const out = Buffer.alloc(8 + count * PAGE_BYTES);
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(8 + STRIP, 4);
  for (let page = 0; page < count; page++) {
    const stripAt = 8 + page * PAGE_BYTES;
    out.writeUInt32LE(page + 1, stripAt); // rows 0-3: the page number
    out.fill(0x81, stripAt + 4, stripAt + STRIP); // rows 4-7: a frame
    let at = stripAt + STRIP;
    out.writeUInt16LE(ENTRIES, at);
    at += 2;
    const entry = (tag: number, type: 3 | 4, value: number) => {
      out.writeUInt16LE(tag, at);
      out.writeUInt16LE(type, at + 2);
      out.writeUInt32LE(1, at + 4);
      if (type === 3) out.writeUInt16LE(value, at + 8);
      else out.writeUInt32LE(value, at + 8);
      at += 12;
    };
    entry(256, 3, 8); // ImageWidth
    entry(257, 3, 8); // ImageLength
    entry(258, 3, 1); // BitsPerSample
    entry(259, 3, 1); // Compression: none
    entry(262, 3, 0); // Photometric: white is zero
    entry(273, 4, stripAt); // StripOffsets
    entry(278, 3, 8); // RowsPerStrip
    entry(279, 4, STRIP); // StripByteCounts
    out.writeUInt32LE(page + 1 < count ? 8 + (page + 1) * PAGE_BYTES + STRIP : 0, at);
  }
  return out;
}
