import { repairDigits } from './digits';

export interface NumberRun {
  start: number;
  end: number;
  raw: string;
  /** The digit groups as read, separators dropped, confusable letters repaired. */
  groups: string[];
  digits: string;
  repairs: number;
}

const TOKEN = '[0-9OoDIl|]*[0-9][0-9OoDIl|]*';

/**
 * Runs of digit groups joined by single separators from `separators` (e.g. ' ' or ' .-'), standing
 * alone (no letter or digit glued on either side, and not part of a date or a fraction like 12/3).
 */
export function findNumberRuns(text: string, separators: string): NumberRun[] {
  const sep = `[${separators.replace(/[-\]\\^]/g, '\\$&')}]`;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}/])${TOKEN}(?:${sep}${TOKEN})*(?![\\p{L}\\p{N}]|[/-][0-9])`, 'gu');
  const runs: NumberRun[] = [];
  for (const m of text.matchAll(pattern)) {
    const raw = m[0];
    const groups = raw.split(new RegExp(sep)).map((g) => repairDigits(g).digits);
    const { digits, repairs } = repairDigits(raw);
    runs.push({ start: m.index, end: m.index + raw.length, raw, groups, digits, repairs });
  }
  return runs;
}
