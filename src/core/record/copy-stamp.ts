import type { PDFDocument, PDFFont, PDFRef } from 'pdf-lib';

/** The visible text of a Decree 30/2020 electronic copy: copy type, agency, signing time. */
export interface CopyStamp {
  lines: string[];
  /** Font size in points; Decree 30 asks for 10. */
  size?: number;
}

export interface PlacedStamp {
  appearance: PDFRef;
  rect: [number, number, number, number];
}

const margin = 18;
const padding = 3;

/**
 * The signature appearance for page 1, top right: black text lines, no image. Returns the
 * form XObject and where the widget goes on a page of the given size.
 */
export function placeCopyStamp(doc: PDFDocument, font: PDFFont, stamp: CopyStamp, pageWidth: number, pageHeight: number): PlacedStamp {
  const size = stamp.size ?? 10;
  const covered = new Set(font.getCharacterSet());
  const lines = stamp.lines.map((l) =>
    Array.from(l.normalize('NFC'))
      .filter((c) => covered.has(c.codePointAt(0)!))
      .join(''),
  );
  const lineHeight = font.heightAtSize(size) * 1.15;
  const width = Math.max(...lines.map((l) => font.widthOfTextAtSize(l, size))) + 2 * padding;
  const height = lineHeight * lines.length + 2 * padding;
  const descent = Math.abs(font.heightAtSize(size, { descender: true }) - font.heightAtSize(size, { descender: false }));
  const content = [
    'q BT 0 g',
    `/StampFont ${size} Tf`,
    ...lines.map((line, i) => {
      const widthOfLine = font.widthOfTextAtSize(line, size);
      const x = width - padding - widthOfLine;
      const y = height - padding - lineHeight * (i + 1) + descent;
      return `1 0 0 1 ${x.toFixed(2)} ${y.toFixed(2)} Tm ${font.encodeText(line).toString()} Tj`;
    }),
    'ET Q',
  ].join('\n');
  const form = doc.context.stream(content, {
    Type: 'XObject',
    Subtype: 'Form',
    BBox: [0, 0, width, height],
    Resources: { Font: { StampFont: font.ref } },
  });
  const x1 = pageWidth - margin;
  const y1 = pageHeight - margin;
  return { appearance: doc.context.register(form), rect: [x1 - width, y1 - height, x1, y1] };
}

/** An empty appearance for a signature that shows nothing. */
export function invisibleAppearance(doc: PDFDocument): PlacedStamp {
  const form = doc.context.stream('', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 0, 0] });
  return { appearance: doc.context.register(form), rect: [0, 0, 0, 0] };
}
