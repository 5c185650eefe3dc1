import type { ExtractedField, FieldKind } from './field-types';
import { spanOf, type TextIndex } from './text-index';

/** A field from a match at [start, end) of the index text; null when it covers no word. */
export function makeField(
  index: TextIndex,
  kind: FieldKind,
  value: string,
  start: number,
  end: number,
  factor: number,
): ExtractedField | null {
  const span = spanOf(index, start, end);
  if (!span) return null;
  const confidence = Math.round(Math.max(0, Math.min(1, (span.confidence / 100) * factor)) * 1000) / 1000;
  return { kind, value, raw: index.text.slice(start, end), confidence, bbox: span.bbox, line: span.line };
}

/** Whether `pattern` matches the folded text in the `width` characters before `start`. */
export function labelBefore(index: TextIndex, start: number, pattern: RegExp, width = 60): boolean {
  return pattern.test(index.folded.slice(Math.max(0, start - width), start));
}
