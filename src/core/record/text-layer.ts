import {
  beginText,
  endText,
  setCharacterSqueeze,
  setFontAndSize,
  setTextMatrix,
  setTextRenderingMode,
  showText,
  TextRenderingMode,
  type PDFFont,
  type PDFOperator,
} from 'pdf-lib';
import type { Box, PageText } from '../../shared/page-text';

export interface TextLayerFont {
  font: PDFFont;
  /** Resource name of the font on the page, e.g. 'OcrText'. */
  name: string;
  /** Font ascent and descent as fractions of the em (descent negative). */
  ascent: number;
  descent: number;
  /** Code points the font has glyphs for; others are left out (PDF/A forbids showing .notdef). */
  covers: (codePoint: number) => boolean;
}

/**
 * Invisible text (rendering mode 3) on the OCR word boxes: each word's em box fills its box
 * vertically and horizontal scaling stretches it to the box width, so text selection and
 * `pdftotext -bbox` land on the words of the image.
 */
export function textLayerOperators(text: PageText, font: TextLayerFont, pointsPerPixel: number, pageHeightPt: number): PDFOperator[] {
  const ops: PDFOperator[] = [beginText(), setTextRenderingMode(TextRenderingMode.Invisible)];
  for (const line of text.lines) {
    for (const word of line.words) {
      const value = Array.from(word.text.normalize('NFC').trim())
        .filter((c) => font.covers(c.codePointAt(0)!))
        .join('');
      if (!value || !validBox(word.bbox)) continue;
      ops.push(...wordOperators(value, word.bbox, font, pointsPerPixel, pageHeightPt));
    }
  }
  ops.push(endText());
  return ops;
}

function wordOperators(value: string, box: Box, font: TextLayerFont, k: number, pageHeightPt: number): PDFOperator[] {
  const heightPt = (box.y1 - box.y0) * k;
  const widthPt = (box.x1 - box.x0) * k;
  const size = heightPt / (font.ascent - font.descent);
  const natural = font.font.widthOfTextAtSize(value, size);
  const squeeze = natural > 0 ? (widthPt / natural) * 100 : 100;
  const baseline = pageHeightPt - box.y1 * k - font.descent * size;
  return [
    setFontAndSize(font.name, size),
    setCharacterSqueeze(squeeze),
    setTextMatrix(1, 0, 0, 1, box.x0 * k, baseline),
    showText(font.font.encodeText(value)),
  ];
}

function validBox(b: Box): boolean {
  return b.x1 > b.x0 && b.y1 > b.y0;
}

