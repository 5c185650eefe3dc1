import {
  beginText,
  endText,
  setCharacterSqueeze,
  setFontAndSize,
  setTextMatrix,
  setTextRenderingMode,
  setTextRise,
  showText,
  TextRenderingMode,
  type PDFOperator,
} from 'pdf-lib';
import type { Box, PageText } from '../../shared/page-text';
import { GLYPHLESS_ADVANCE, type GlyphlessFont } from './glyphless-font';
import { medianHeight, textLayerBoxes } from './text-layer-boxes';

export interface TextLayerFont {
  font: GlyphlessFont;
  /** Resource name of the font on the page, e.g. 'OcrText'. */
  name: string;
}

/**
 * Invisible text (rendering mode 3) on the OCR word boxes, in the OCR's reading order. The words
 * of a line share its baseline in the text matrix; each word is sized to its box (the glyphless
 * font's em spans it, from ascent 1 to descent ~0), stretched to its width by horizontal scaling
 * and lifted onto its box's bottom by text rise, so selection and `pdftotext -bbox` land on the
 * words of the image, and a line's words stay close enough in size and baseline for text
 * extraction to keep them on one line in order (text-layer-boxes.ts says which words cannot).
 * Every character of the word is kept (glyphless-font.ts).
 */
export function textLayerOperators(text: PageText, font: TextLayerFont, pointsPerPixel: number, pageHeightPt: number): PDFOperator[] {
  const ops: PDFOperator[] = [beginText(), setTextRenderingMode(TextRenderingMode.Invisible)];
  const lines = text.lines.map((line) => ({
    line,
    words: line.words.map((w) => ({ value: w.text.normalize('NFC').trim(), box: w.bbox })).filter((w) => w.value && validBox(w.box)),
  }));
  const pageTypical = medianHeight(lines.flatMap((l) => l.words.map((w) => w.box)));
  for (const { line, words } of lines) {
    const base = lineBase(line.bbox, words);
    const boxes = textLayerBoxes(
      words.map((w) => w.box),
      line.bbox,
      pageTypical,
    );
    for (const [i, word] of words.entries()) {
      // A space after each word but the line's last: boxes that touch still make two words.
      const spaced = i < words.length - 1 ? ' ' : '';
      ops.push(...wordOperators(word.value, spaced, boxes[i]!, base, font, pointsPerPixel, pageHeightPt));
    }
  }
  ops.push(endText());
  return ops;
}

function wordOperators(
  value: string,
  trailing: string,
  box: Box,
  base: number,
  font: TextLayerFont,
  k: number,
  pageHeightPt: number,
): PDFOperator[] {
  const size = (box.y1 - box.y0) * k;
  const widthPt = (box.x1 - box.x0) * k;
  const natural = (Array.from(value).length * GLYPHLESS_ADVANCE * size) / 1000;
  return [
    setFontAndSize(font.name, size),
    setCharacterSqueeze((widthPt / natural) * 100),
    setTextRise((base - box.y1) * k),
    setTextMatrix(1, 0, 0, 1, box.x0 * k, pageHeightPt - base * k),
    showText(font.font.encode(value + trailing)),
  ];
}

/** The line's shared baseline: its box's bottom, or lower when a word reaches below it. */
function lineBase(line: Box, words: { box: Box }[]): number {
  return Math.max(line.y1, ...words.map((w) => w.box.y1));
}

function validBox(b: Box): boolean {
  return b.x1 > b.x0 && b.y1 > b.y0;
}
