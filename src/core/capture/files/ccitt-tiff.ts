export interface CcittParams {
  width: number;
  height: number;
  /** PDF /K: < 0 Group 4, 0 Group 3 1-D, > 0 Group 3 2-D. */
  k: number;
  /** Black shows as white: BlackIs1 and an inverting /Decode, taken together. */
  inverted: boolean;
  encodedByteAlign: boolean;
}

/**
 * Wraps the data of a PDF CCITTFaxDecode stream in a one-strip TIFF, so libtiff (through
 * sharp) decodes it. The fax codes themselves are left as they are.
 */
export function ccittToTiff(data: Buffer, p: CcittParams): Buffer {
  const entries: Array<[tag: number, type: number, value: number]> = [];
  const SHORT = 3;
  const LONG = 4;
  entries.push([256, LONG, p.width]);
  entries.push([257, LONG, p.height]);
  entries.push([258, SHORT, 1]);
  entries.push([259, SHORT, p.k < 0 ? 4 : 3]);
  entries.push([262, SHORT, p.inverted ? 1 : 0]);
  entries.push([273, LONG, 0]); // StripOffsets, patched below
  entries.push([277, SHORT, 1]);
  entries.push([278, LONG, p.height]);
  entries.push([279, LONG, data.length]);
  if (p.k >= 0) entries.push([292, LONG, (p.k > 0 ? 1 : 0) | (p.encodedByteAlign ? 4 : 0)]);
  else if (p.encodedByteAlign) entries.push([293, LONG, 0]);
  const ifdOffset = 8;
  const ifdSize = 2 + entries.length * 12 + 4;
  const dataOffset = ifdOffset + ifdSize;
  const head = Buffer.alloc(dataOffset);
  head.write('II', 0, 'latin1');
  head.writeUInt16LE(42, 2);
  head.writeUInt32LE(ifdOffset, 4);
  head.writeUInt16LE(entries.length, ifdOffset);
  entries.forEach(([tag, type, value], i) => {
    const at = ifdOffset + 2 + i * 12;
    head.writeUInt16LE(tag, at);
    head.writeUInt16LE(type, at + 2);
    head.writeUInt32LE(1, at + 4);
    const v = tag === 273 ? dataOffset : value;
    if (type === SHORT) head.writeUInt16LE(v, at + 8);
    else head.writeUInt32LE(v, at + 8);
  });
  head.writeUInt32LE(0, ifdOffset + 2 + entries.length * 12);
  return Buffer.concat([head, data]);
}
