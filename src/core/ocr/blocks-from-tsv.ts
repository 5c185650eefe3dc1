import type { TesseractBlock } from './page-text-from-blocks';

type Word = TesseractBlock['paragraphs'][number]['lines'][number]['words'][number];

/** TSV levels: 2 block, 3 paragraph, 4 line, 5 word. */
const WORD_LEVEL = '5';

/**
 * Tesseract's TSV output (one row per block, paragraph, line and word: level, page, block,
 * paragraph, line and word numbers, left, top, width, height, confidence, text) as the block tree
 * page-text-from-blocks reads. Asking tesseract.js for TSV instead of its `blocks` JSON, which also
 * spells out every symbol and its alternatives, spares about a fifth of the engine's CPU (docs/OCR.md).
 */
export function blocksFromTsv(tsv: string | null): TesseractBlock[] {
  const blocks = new Map<string, Map<string, Map<string, Word[]>>>();
  for (const row of (tsv ?? '').split('\n')) {
    const cells = row.split('\t');
    if (cells[0] !== WORD_LEVEL || cells.length < 12) continue;
    const [, , block, paragraph, line, , left, top, width, height, confidence] = cells.map(String);
    const text = cells.slice(11).join('\t');
    const x0 = Number(left);
    const y0 = Number(top);
    // Whole numbers, cut down as the blocks JSON gives them, so the noise and unreadable rules see the same.
    const word: Word = {
      text,
      confidence: Math.trunc(Number(confidence)),
      bbox: { x0, y0, x1: x0 + Number(width), y1: y0 + Number(height) },
    };
    const paragraphs = blocks.get(block!) ?? blocks.set(block!, new Map()).get(block!)!;
    const lines = paragraphs.get(paragraph!) ?? paragraphs.set(paragraph!, new Map()).get(paragraph!)!;
    const words = lines.get(line!) ?? lines.set(line!, []).get(line!)!;
    words.push(word);
  }
  return [...blocks.values()].map((paragraphs) => ({
    paragraphs: [...paragraphs.values()].map((lines) => ({ lines: [...lines.values()].map((words) => ({ words })) })),
  }));
}
