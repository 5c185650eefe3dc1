import type { Box } from '../../shared/page-text';

/** A word between these fractions of its line's median word height is drawn on its own box. */
const MIN_OWN_HEIGHT = 0.4;
const MAX_OWN_HEIGHT = 2;

/**
 * The box each word's invisible text is drawn on, for one OCR line. A word about as tall as the
 * line's words (and not far taller than the page's) keeps its own box, so `pdftotext -bbox` gives
 * back the OCR's. pdftotext puts a word on the line of text whose baseline is within half its font
 * size, so a mark far off the line's size would land apart: a dash or a dot takes the rows of its
 * nearest full-size neighbour; a stroke read as a word (a signature) keeps its bottom but the
 * page's usual height, so it neither swallows nor joins the line below it (docs/RECORD.md).
 */
export function textLayerBoxes(words: Box[], line: Box, pageTypicalHeight: number): Box[] {
  const lineTypical = Math.min(medianHeight(words), MAX_OWN_HEIGHT * pageTypicalHeight);
  const own = words.map((b) => height(b) >= MIN_OWN_HEIGHT * lineTypical && height(b) <= MAX_OWN_HEIGHT * lineTypical);
  return words.map((b, i) => {
    if (own[i]) return b;
    const neighbour = nearestOwn(own, i);
    if (neighbour !== undefined) return { x0: b.x0, x1: b.x1, y0: words[neighbour]!.y0, y1: words[neighbour]!.y1 };
    if (height(b) > MAX_OWN_HEIGHT * pageTypicalHeight) return { x0: b.x0, x1: b.x1, y0: b.y1 - pageTypicalHeight, y1: b.y1 };
    return { x0: b.x0, x1: b.x1, y0: Math.min(line.y0, b.y0), y1: Math.max(line.y1, b.y1) };
  });
}

export function medianHeight(boxes: Box[]): number {
  const h = boxes.map(height).sort((a, b) => a - b);
  return h[Math.floor(h.length / 2)] ?? 0;
}

function height(b: Box): number {
  return b.y1 - b.y0;
}

function nearestOwn(own: boolean[], i: number): number | undefined {
  for (let d = 1; d < own.length; d++) {
    if (own[i - d]) return i - d;
    if (own[i + d]) return i + d;
  }
  return undefined;
}
