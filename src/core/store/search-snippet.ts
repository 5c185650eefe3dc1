import { foldVietnamese } from '../../shared/fold';

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/**
 * A snippet of the original text (with its diacritics) around the first match, matches in [ ].
 * Folding an NFC Vietnamese text keeps its length, so positions found in the folded text are
 * positions in the original; when that does not hold, returns undefined and the caller keeps the
 * index's own (folded) snippet.
 */
export function snippetOf(original: string, terms: string[], radius = 60): string | undefined {
  const text = original.normalize('NFC');
  const folded = foldVietnamese(text);
  if (folded.length !== text.length || terms.length === 0) return undefined;
  const hits: [number, number][] = [];
  for (const term of terms) {
    for (let at = folded.indexOf(term); at >= 0; at = folded.indexOf(term, at + 1)) {
      if (!isWordChar(folded[at - 1])) hits.push([at, at + term.length]);
    }
  }
  if (hits.length === 0) return undefined;
  hits.sort((a, b) => a[0] - b[0]);
  let start = Math.max(0, hits[0]![0] - radius);
  let end = Math.min(text.length, hits[0]![1] + radius * 2);
  // Widen to whole words, but not without bound (a run of digits or noise is one long "word").
  for (let n = 0; n < 16 && start > 0 && isWordChar(text[start - 1]); n++) start--;
  for (let n = 0; n < 16 && end < text.length && isWordChar(text[end]); n++) end++;
  let out = '';
  let cursor = start;
  for (const [a, b] of hits) {
    if (a < cursor || b > end) continue;
    out += `${text.slice(cursor, a)}[${text.slice(a, b)}]`;
    cursor = b;
  }
  out += text.slice(cursor, end);
  return `${start > 0 ? '…' : ''}${out.replace(/\s+/g, ' ').trim()}${end < text.length ? '…' : ''}`;
}
