import type { Box, OcrLine, OcrWord, PageText } from '../../shared/page-text';
import { squareMetreAfterNumber } from './area-unit';
import { isStrayPunctuation } from './stray-punctuation';

/** The part of tesseract.js's `blocks` output this module reads. */
export interface TesseractBlock {
  paragraphs: { lines: { words: { text: string; confidence: number; bbox: Box }[] }[] }[];
}

export interface UnreadableRule {
  /** A word counts as read when its confidence reaches this and it has ≥ 2 letters or digits. */
  wordConfidence: number;
  /** Fewer read words than this makes the page unreadable. */
  minReadWords: number;
}

export const DEFAULT_UNREADABLE_RULE: UnreadableRule = { wordConfidence: 60, minReadWords: 3 };

export function unionBox(boxes: Box[]): Box {
  return {
    x0: Math.min(...boxes.map((b) => b.x0)),
    y0: Math.min(...boxes.map((b) => b.y0)),
    x1: Math.max(...boxes.map((b) => b.x1)),
    y1: Math.max(...boxes.map((b) => b.y1)),
  };
}

function mean(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}

/** Below this confidence a word may be a signature stroke, a seal's ring or a speck read as text. */
export const NOISE_WORD_CONFIDENCE = 40;

/**
 * An unsure word that cannot be Vietnamese text: no vowel and no digit, or at most two letters and
 * digits ("ppb", "Ỷ\"¡."). Dropping these took the corpus CER from 1.00% to 0.77% (docs/OCR.md).
 */
export function isNoiseWord(word: OcrWord): boolean {
  if (word.confidence >= NOISE_WORD_CONFIDENCE) return false;
  const base = word.text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const letters = base.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
  return letters <= 2 || !/[aeiouy0-9]/.test(base);
}

/** Tesseract gives the fraction slash `⁄` for the plain slash of `440/GXN-UBND`; these pages only have the plain one. */
function plainSlashes(text: string): string {
  return text.replace(/\u2044/gu, '/');
}

function isReadWord(word: OcrWord, rule: UnreadableRule): boolean {
  return word.confidence >= rule.wordConfidence && (word.text.match(/[\p{L}\p{N}]/gu)?.length ?? 0) >= 2;
}

/**
 * Turns tesseract.js blocks into a PageText: NFC text in the engine's reading order (block,
 * paragraph, line), lines joined by \n and paragraphs by a blank line, word boxes in pixels.
 * A page with almost nothing legible (blank back side, noise) is flagged `unreadable`, with no text.
 */
export function pageTextFromBlocks(
  blocks: TesseractBlock[] | null,
  width: number,
  height: number,
  rule: UnreadableRule = DEFAULT_UNREADABLE_RULE,
): PageText {
  const lines: OcrLine[] = [];
  const paragraphs: string[] = [];
  for (const block of blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      const paragraphLines: string[] = [];
      for (const line of paragraph.lines) {
        const words: OcrWord[] = line.words
          .map((w) => ({
            text: plainSlashes(w.text.normalize('NFC').trim()),
            confidence: w.confidence,
            bbox: { x0: w.bbox.x0, y0: w.bbox.y0, x1: w.bbox.x1, y1: w.bbox.y1 },
          }))
          .filter((w) => w.text.length > 0 && !isNoiseWord(w) && !isStrayPunctuation(w.text))
          .map((w, i, read) => ({ ...w, text: squareMetreAfterNumber(w.text, read[i - 1]?.text) }));
        if (!words.length) continue;
        const text = words.map((w) => w.text).join(' ');
        lines.push({ text, words, bbox: unionBox(words.map((w) => w.bbox)), confidence: mean(words.map((w) => w.confidence)) });
        paragraphLines.push(text);
      }
      if (paragraphLines.length) paragraphs.push(paragraphLines.join('\n'));
    }
  }
  const words = lines.flatMap((l) => l.words);
  const confidence = mean(words.map((w) => w.confidence));
  if (words.filter((w) => isReadWord(w, rule)).length < rule.minReadWords) {
    return { text: '', lines: [], confidence, width, height, unreadable: true };
  }
  return { text: paragraphs.join('\n\n'), lines, confidence, width, height };
}
