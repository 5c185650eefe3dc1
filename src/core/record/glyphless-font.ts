import { deflateSync } from 'node:zlib';
import { PDFHexString, PDFString, type PDFDocument, type PDFRef } from 'pdf-lib';

/** Advance of the one glyph, in thousandths of the em (the font's glyph 1 is 1024 of 2048 units wide). */
export const GLYPHLESS_ADVANCE = 500;

/**
 * The invisible text layer's font: Tesseract's glyphless TrueType font as a CIDFontType2. Each
 * distinct character gets its own CID, in order of first use; every CID shows glyph 1 (a blank
 * box, never .notdef) and /ToUnicode names the character. So any character the OCR read, a
 * combining mark or one no text font has, comes back out of the record as it went in.
 */
export class GlyphlessFont {
  readonly ref: PDFRef;
  private readonly cids = new Map<string, number>();
  private readonly toUnicodeRef: PDFRef;
  private readonly cidToGidRef: PDFRef;

  constructor(
    private readonly doc: PDFDocument,
    fontProgram: Uint8Array,
  ) {
    const ctx = doc.context;
    this.toUnicodeRef = ctx.nextRef();
    this.cidToGidRef = ctx.nextRef();
    const fontFile = ctx.register(ctx.flateStream(fontProgram, { Length1: fontProgram.length }));
    const descriptor = ctx.register(
      ctx.obj({
        Type: 'FontDescriptor',
        FontName: 'GlyphLessFont',
        Flags: 5,
        FontBBox: [0, 0, GLYPHLESS_ADVANCE, 1000],
        ItalicAngle: 0,
        Ascent: 1000,
        Descent: -1,
        CapHeight: 1000,
        StemV: 80,
        FontFile2: fontFile,
      }),
    );
    const cidFont = ctx.register(
      ctx.obj({
        Type: 'Font',
        Subtype: 'CIDFontType2',
        BaseFont: 'GlyphLessFont',
        CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
        FontDescriptor: descriptor,
        DW: GLYPHLESS_ADVANCE,
        CIDToGIDMap: this.cidToGidRef,
      }),
    );
    this.ref = ctx.register(
      ctx.obj({
        Type: 'Font',
        Subtype: 'Type0',
        BaseFont: 'GlyphLessFont',
        Encoding: 'Identity-H',
        DescendantFonts: [cidFont],
        ToUnicode: this.toUnicodeRef,
      }),
    );
  }

  /** The string to show for `text`: one two-byte CID per character (code point). */
  encode(text: string): PDFHexString {
    let hex = '';
    for (const c of text) {
      let cid = this.cids.get(c);
      if (cid === undefined) {
        cid = this.cids.size + 1;
        if (cid > 0xffff) throw new RangeError('more than 65535 distinct characters in one text layer');
        this.cids.set(c, cid);
      }
      hex += cid.toString(16).padStart(4, '0');
    }
    return PDFHexString.of(hex);
  }

  /** Writes the CID-to-glyph map and the /ToUnicode CMap for the characters used; call once, before saving. */
  finish(): void {
    const ctx = this.doc.context;
    const gids = new Uint8Array((this.cids.size + 1) * 2);
    for (let cid = 1; cid <= this.cids.size; cid++) gids[cid * 2 + 1] = 1;
    ctx.assign(this.cidToGidRef, ctx.stream(deflateSync(gids), { Filter: 'FlateDecode' }));
    ctx.assign(this.toUnicodeRef, ctx.stream(deflateSync(Buffer.from(toUnicodeCmap(this.cids), 'latin1')), { Filter: 'FlateDecode' }));
  }
}

function toUnicodeCmap(cids: Map<string, number>): string {
  const entries = [...cids].map(([c, cid]) => `<${cid.toString(16).padStart(4, '0')}> <${utf16Hex(c)}>`);
  const chunks: string[] = [];
  // A bfchar section holds at most 100 entries.
  for (let i = 0; i < entries.length; i += 100) {
    const part = entries.slice(i, i + 100);
    chunks.push(`${part.length} beginbfchar\n${part.join('\n')}\nendbfchar`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...chunks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

function utf16Hex(c: string): string {
  let hex = '';
  for (let i = 0; i < c.length; i++) hex += c.charCodeAt(i).toString(16).padStart(4, '0');
  return hex.toUpperCase();
}
