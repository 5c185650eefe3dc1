import {
  beginText,
  endText,
  setCharacterSqueeze,
  setFontAndSize,
  setTextMatrix,
  setTextRenderingMode,
  showText,
  TextRenderingMode,
  type PDFOperator,
} from 'pdf-lib';
import type { Box, PageText } from '../../shared/page-text';
import { GLYPHLESS_ADVANCE, type GlyphlessFont } from './glyphless-font';

export interface TextLayerFont {
  font: GlyphlessFont;
  /** Resource name of the font on the page, e.g. 'OcrText'. */
  name: string;
}

/**
 * Invisible text (rendering mode 3) on the OCR word boxes, in the OCR's reading order. The words
 * of a line share its baseline and size (the em of the glyphless font spans the line's box), so
 * text extraction keeps them on one line in order, a hyphen or a dotted word included; each word
 * spans its own box horizontally, stretched by horizontal scaling, so selection and `pdftotext
 * -bbox` land on the words of the image. Every character of the word is kept (glyphless-font.ts).
 */
export function textLayerOperators(text: PageText, font: TextLayerFont, pointsPerPixel: number, pageHeightPt: number): PDFOperator[] {
  const ops: PDFOperator[] = [beginText(), setTextRenderingMode(TextRenderingMode.Invisible)];
  for (const line of text.lines) {
    const words = line.words.map((w) => ({ value: w.text.normalize('NFC').trim(), box: w.bbox })).filter((w) => w.value && validBox(w.box));
    for (const [i, word] of words.entries()) {
      // A space after each word but the line's last: boxes that touch still make two words.
      const spaced = i < words.length - 1 ? ' ' : '';
      ops.push(...wordOperators(word.value, spaced, lineBand(line.bbox, word.box), font, pointsPerPixel, pageHeightPt));
    }
  }
  ops.push(endText());
  return ops;
}

function wordOperators(value: string, trailing: string, box: Box, font: TextLayerFont, k: number, pageHeightPt: number): PDFOperator[] {
  const size = (box.y1 - box.y0) * k;
  const widthPt = (box.x1 - box.x0) * k;
  const natural = (Array.from(value).length * GLYPHLESS_ADVANCE * size) / 1000;
  return [
    setFontAndSize(font.name, size),
    setCharacterSqueeze((widthPt / natural) * 100),
    setTextMatrix(1, 0, 0, 1, box.x0 * k, pageHeightPt - box.y1 * k),
    showText(font.font.encode(value + trailing)),
  ];
}

/** The word's columns within its line's rows (a word box outside its line widens the band). */
function lineBand(line: Box, word: Box): Box {
  return { x0: word.x0, x1: word.x1, y0: Math.min(line.y0, word.y0), y1: Math.max(line.y1, word.y1) };
}

function validBox(b: Box): boolean {
  return b.x1 > b.x0 && b.y1 > b.y0;
}
