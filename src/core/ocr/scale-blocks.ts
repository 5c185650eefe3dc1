import type { Box } from '../../shared/page-text';
import type { TesseractBlock } from './page-text-from-blocks';

/** Word boxes read on a resampled image, put back in the page's own pixels (within width × height). */
export function scaleBlocks(blocks: TesseractBlock[], scale: { x: number; y: number }, width: number, height: number): TesseractBlock[] {
  if (scale.x === 1 && scale.y === 1) return blocks;
  const box = (b: Box): Box => ({
    x0: Math.min(width, Math.round(b.x0 * scale.x)),
    y0: Math.min(height, Math.round(b.y0 * scale.y)),
    x1: Math.min(width, Math.round(b.x1 * scale.x)),
    y1: Math.min(height, Math.round(b.y1 * scale.y)),
  });
  return blocks.map((block) => ({
    paragraphs: block.paragraphs.map((paragraph) => ({
      lines: paragraph.lines.map((line) => ({ words: line.words.map((word) => ({ ...word, bbox: box(word.bbox) })) })),
    })),
  }));
}
