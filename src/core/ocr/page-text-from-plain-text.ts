import type { OcrLine, PageText } from '../../shared/page-text';

/**
 * A PageText for text that did not come from OCR (a typed transcript, a ground-truth file):
 * one line per text line, words on a grid of made-up boxes, full confidence.
 */
export function pageTextFromPlainText(text: string, lineHeight = 50, charWidth = 20): PageText {
  const lines: OcrLine[] = [];
  for (const raw of text.normalize('NFC').split('\n')) {
    const tokens = raw.split(/\s+/).filter(Boolean);
    if (!tokens.length) continue;
    const y0 = lines.length * lineHeight;
    let x = 0;
    const words = tokens.map((t) => {
      const bbox = { x0: x, y0, x1: x + t.length * charWidth, y1: y0 + lineHeight - 10 };
      x = bbox.x1 + charWidth;
      return { text: t, bbox, confidence: 100 };
    });
    lines.push({ text: tokens.join(' '), words, confidence: 100, bbox: { x0: 0, y0, x1: x - charWidth, y1: y0 + lineHeight - 10 } });
  }
  return {
    text: lines.map((l) => l.text).join('\n'),
    lines,
    confidence: lines.length ? 100 : 0,
    width: 2480,
    height: Math.max(1, lines.length * lineHeight),
  };
}
