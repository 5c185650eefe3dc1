import type { Box, OcrWord, PageText } from '../../../shared/page-text';
import { unionBox } from '../page-text-from-blocks';
import { foldVietnamese } from '../../../shared/fold';

/**
 * A page's words laid out as one string (words joined by a space, lines by \n), so that
 * regular expressions can run over the page and every match maps back to its words.
 */
export interface TextIndex {
  text: string;
  /** Same length as `text`: lower case, no Vietnamese marks, đ → d. */
  folded: string;
  words: OcrWord[];
  /** For each UTF-16 unit of `text`, the index in `words` it belongs to, or -1 (separator). */
  wordAt: Int32Array;
  lineOfWord: number[];
}

export interface Span {
  bbox: Box;
  /** Lowest word confidence in the span, 0–100. */
  confidence: number;
  line: number;
}

export function buildTextIndex(page: PageText): TextIndex {
  const parts: string[] = [];
  const owners: number[] = [];
  const words: OcrWord[] = [];
  const lineOfWord: number[] = [];
  page.lines.forEach((line, lineIndex) => {
    if (parts.length) {
      parts.push('\n');
      owners.push(-1);
    }
    line.words.forEach((word, i) => {
      if (i > 0) {
        parts.push(' ');
        owners.push(-1);
      }
      const index = words.length;
      words.push(word);
      lineOfWord.push(lineIndex);
      parts.push(word.text);
      for (let k = 0; k < word.text.length; k++) owners.push(index);
    });
  });
  const text = parts.join('');
  return { text, folded: foldSameLength(text), words, wordAt: Int32Array.from(owners), lineOfWord };
}

/** foldVietnamese, one output unit per input unit, so offsets stay valid. */
export function foldSameLength(text: string): string {
  let out = '';
  for (const unit of text) {
    const folded = foldVietnamese(unit);
    out += folded.length === unit.length ? folded : unit.length === 1 ? (folded[0] ?? unit) : unit;
  }
  return out;
}

export function spanOf(index: TextIndex, start: number, end: number): Span | null {
  const seen = new Set<number>();
  for (let i = start; i < end; i++) {
    const w = index.wordAt[i]!;
    if (w >= 0) seen.add(w);
  }
  if (!seen.size) return null;
  const list = [...seen];
  return {
    bbox: unionBox(list.map((w) => index.words[w]!.bbox)),
    confidence: Math.min(...list.map((w) => index.words[w]!.confidence)),
    line: index.lineOfWord[list[0]!]!,
  };
}
