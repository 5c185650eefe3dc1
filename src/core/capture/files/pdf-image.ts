import { inflateSync } from 'node:zlib';
import {
  PDFArray,
  PDFBool,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFString,
  PDFHexString,
  type PDFContext,
  type PDFObject,
} from 'pdf-lib';
import sharp from 'sharp';
import { encodeBilevelPng } from '../../imaging/bilevel-png';
import { ccittToTiff } from './ccitt-tiff';
import { checkDecodes } from './decode-check';
import { ImportImageTooLargeError, ImportUnsupportedPdfImageError } from './errors';
import type { PageImageFormat } from './page-item';
import { undoPngPredictor } from './png-predictor';

export interface PdfImageInput {
  stream: PDFRawStream;
  context: PDFContext;
  source: string;
  limit: number;
  /** Resolution implied by the image filling the page; written into decoded PNGs. */
  dpi: number;
}

export interface ExtractedImage {
  bytes: Buffer;
  format: PageImageFormat;
}

/**
 * The page image as a file: JPEG (DCTDecode) bytes exactly as stored, anything else
 * decoded to a lossless PNG (1-bit for bilevel images such as CCITT G4).
 */
export async function extractPdfImage(input: PdfImageInput): Promise<ExtractedImage> {
  const { stream, context, source } = input;
  const dict = stream.dict;
  const width = num(dict, 'Width');
  const height = num(dict, 'Height');
  if (width * height > input.limit) throw new ImportImageTooLargeError(source, width * height, input.limit);
  const filters = asList(dict.get(PDFName.of('Filter')), context).map((f) => (f instanceof PDFName ? f.decodeText() : '?'));
  const parms = asList(dict.get(PDFName.of('DecodeParms')) ?? dict.get(PDFName.of('DP')), context);
  let data: Buffer = Buffer.from(stream.contents);
  const imageCodec =
    filters.length > 0 && ['DCTDecode', 'DCT', 'CCITTFaxDecode', 'CCF', 'JPXDecode', 'JBIG2Decode'].includes(filters.at(-1)!)
      ? filters.at(-1)!
      : null;
  const transport = imageCodec ? filters.slice(0, -1) : filters;
  const comps = components(dict, context);
  const bpc = dict.has(PDFName.of('ImageMask')) && isTrue(dict.get(PDFName.of('ImageMask'))) ? 1 : num(dict, 'BitsPerComponent', 8);
  const rawSize = Math.ceil((width * comps * bpc) / 8) * height;
  transport.forEach((filter, i) => {
    if (filter !== 'FlateDecode' && filter !== 'Fl') throw new ImportUnsupportedPdfImageError(source, filter);
    data = inflateSync(data, { maxOutputLength: rawSize + height + 1024 });
    const p = parmDict(parms[i], context);
    const predictor = p ? num(p, 'Predictor', 1) : 1;
    if (predictor >= 10) {
      const colors = num(p!, 'Colors', 1);
      const bits = num(p!, 'BitsPerComponent', 8);
      const columns = num(p!, 'Columns', 1);
      data = undoPngPredictor(data, Math.ceil((columns * colors * bits) / 8), Math.max(1, Math.ceil((colors * bits) / 8)));
    } else if (predictor !== 1) {
      throw new ImportUnsupportedPdfImageError(source, `Predictor ${predictor}`);
    }
  });
  if (imageCodec === 'DCTDecode' || imageCodec === 'DCT') {
    await checkDecodes(data, source, input.limit);
    return { bytes: data, format: 'jpeg' };
  }
  if (imageCodec === 'CCITTFaxDecode' || imageCodec === 'CCF') {
    const p = parmDict(parms[filters.length - 1], context);
    const tiff = ccittToTiff(data, {
      width: p ? num(p, 'Columns', 1728) : 1728,
      height: p && p.has(PDFName.of('Rows')) ? num(p, 'Rows') : height,
      k: p ? num(p, 'K', 0) : 0,
      inverted: (p ? isTrue(p.get(PDFName.of('BlackIs1'))) : false) !== decodeInverted(dict, context),
      encodedByteAlign: p ? isTrue(p.get(PDFName.of('EncodedByteAlign'))) : false,
    });
    await checkDecodes(tiff, source, input.limit);
    const { data: gray, info } = await sharp(tiff, { limitInputPixels: input.limit })
      .toColourspace('b-w')
      .raw()
      .toBuffer({ resolveWithObject: true });
    return {
      bytes: encodeBilevelPng(new Uint8Array(gray.buffer, gray.byteOffset, gray.length), info.width, info.height, 127, input.dpi),
      format: 'png',
    };
  }
  if (imageCodec) throw new ImportUnsupportedPdfImageError(source, imageCodec);
  return { bytes: await samplesToPng(data, width, height, bpc, dict, input), format: 'png' };
}

async function samplesToPng(
  data: Buffer,
  width: number,
  height: number,
  bpc: number,
  dict: PDFDict,
  input: PdfImageInput,
): Promise<Buffer> {
  const { context, source } = input;
  const space = colourSpace(dict, context);
  const comps = components(dict, context);
  const samples = unpack(data, width, height, comps, bpc, space.kind === 'indexed');
  const inverted = decodeInverted(dict, context);
  if (comps === 1 && bpc === 1 && space.kind !== 'indexed') {
    const gray = new Uint8Array(width * height);
    for (let i = 0; i < gray.length; i++) gray[i] = samples[i]! > 0 !== inverted ? 255 : 0;
    return encodeBilevelPng(gray, width, height, 127, input.dpi);
  }
  let pixels: Buffer;
  let channels: 1 | 3;
  if (space.kind === 'indexed') {
    const base = space.baseComps;
    pixels = Buffer.alloc(width * height * base);
    for (let i = 0; i < width * height; i++)
      for (let c = 0; c < base; c++) pixels[i * base + c] = space.lookup[samples[i]! * base + c] ?? 0;
    if (base === 4) pixels = cmykToRgb(pixels);
    channels = base === 1 ? 1 : 3;
  } else if (comps === 4) {
    pixels = cmykToRgb(samples);
    channels = 3;
  } else if (comps === 1 || comps === 3) {
    pixels = samples;
    channels = comps;
  } else {
    throw new ImportUnsupportedPdfImageError(source, `${comps}-component colour`);
  }
  if (inverted) for (let i = 0; i < pixels.length; i++) pixels[i] = 255 - pixels[i]!;
  return sharp(pixels, { raw: { width, height, channels } }).withDensity(input.dpi).png().toBuffer();
}

/** Samples as one byte each (scaled to 0–255 unless they are palette indices). */
function unpack(data: Buffer, width: number, height: number, comps: number, bpc: number, indices: boolean): Buffer {
  const out = Buffer.alloc(width * height * comps);
  if (bpc === 8) {
    data.copy(out, 0, 0, Math.min(data.length, out.length));
    return out;
  }
  const rowBytes = Math.ceil((width * comps * bpc) / 8);
  const max = (1 << Math.min(bpc, 8)) - 1;
  for (let y = 0; y < height; y++) {
    for (let s = 0; s < width * comps; s++) {
      let v: number;
      if (bpc === 16) v = data[y * rowBytes + s * 2] ?? 0;
      else {
        const bit = s * bpc;
        const byte = data[y * rowBytes + (bit >> 3)] ?? 0;
        v = (byte >> (8 - bpc - (bit & 7))) & max;
        if (!indices) v = Math.round((v * 255) / max);
      }
      out[y * width * comps + s] = v;
    }
  }
  return out;
}

function cmykToRgb(cmyk: Buffer): Buffer {
  const n = cmyk.length / 4;
  const out = Buffer.alloc(n * 3);
  for (let i = 0; i < n; i++) {
    const k = 255 - cmyk[i * 4 + 3]!;
    for (let c = 0; c < 3; c++) out[i * 3 + c] = Math.round(((255 - cmyk[i * 4 + c]!) * k) / 255);
  }
  return out;
}

type ColourSpace = { kind: 'device'; comps: number } | { kind: 'indexed'; baseComps: number; lookup: Uint8Array };

function colourSpace(dict: PDFDict, context: PDFContext): ColourSpace {
  if (isTrue(dict.get(PDFName.of('ImageMask')))) return { kind: 'device', comps: 1 };
  return describeSpace(context.lookup(dict.get(PDFName.of('ColorSpace'))), context);
}

function describeSpace(cs: PDFObject | undefined, context: PDFContext): ColourSpace {
  if (cs instanceof PDFName) {
    const name = cs.decodeText();
    return { kind: 'device', comps: name === 'DeviceRGB' || name === 'RGB' ? 3 : name === 'DeviceCMYK' || name === 'CMYK' ? 4 : 1 };
  }
  if (cs instanceof PDFArray) {
    const family = cs.lookup(0);
    const name = family instanceof PDFName ? family.decodeText() : '';
    if (name === 'ICCBased') {
      const profile = cs.lookup(1);
      const n = profile instanceof PDFRawStream ? num(profile.dict, 'N', 3) : 3;
      return { kind: 'device', comps: n };
    }
    if (name === 'CalRGB' || name === 'Lab') return { kind: 'device', comps: 3 };
    if (name === 'CalGray') return { kind: 'device', comps: 1 };
    if (name === 'Indexed' || name === 'I') {
      const base = describeSpace(context.lookup(cs.get(1)), context);
      const table = cs.lookup(3);
      let lookup: Uint8Array = new Uint8Array();
      if (table instanceof PDFRawStream) lookup = table.contents;
      else if (table instanceof PDFString || table instanceof PDFHexString) lookup = table.asBytes();
      return { kind: 'indexed', baseComps: base.kind === 'device' ? base.comps : 3, lookup };
    }
  }
  return { kind: 'device', comps: 1 };
}

function components(dict: PDFDict, context: PDFContext): number {
  const space = colourSpace(dict, context);
  return space.kind === 'indexed' ? 1 : space.comps;
}

function decodeInverted(dict: PDFDict, context: PDFContext): boolean {
  const decode = context.lookup(dict.get(PDFName.of('Decode')));
  if (!(decode instanceof PDFArray) || decode.size() < 2) return false;
  const a = decode.lookup(0);
  const b = decode.lookup(1);
  return a instanceof PDFNumber && b instanceof PDFNumber && a.asNumber() > b.asNumber();
}

function num(dict: PDFDict, key: string, fallback?: number): number {
  const v = dict.get(PDFName.of(key));
  const resolved = v instanceof PDFNumber ? v : dict.context.lookup(v);
  if (resolved instanceof PDFNumber) return resolved.asNumber();
  if (fallback !== undefined) return fallback;
  throw new Error(`image dictionary lacks /${key}`);
}

function isTrue(v: PDFObject | undefined): boolean {
  return v instanceof PDFBool && v.asBoolean();
}

function asList(v: PDFObject | undefined, context: PDFContext): PDFObject[] {
  const resolved = v === undefined ? undefined : context.lookup(v);
  if (resolved === undefined) return [];
  if (resolved instanceof PDFArray) return resolved.asArray().map((o) => context.lookup(o) ?? o);
  return [resolved];
}

function parmDict(v: PDFObject | undefined, context: PDFContext): PDFDict | undefined {
  const resolved = v === undefined ? undefined : context.lookup(v);
  return resolved instanceof PDFDict ? resolved : undefined;
}
