import { isIsoDate } from '../../../shared/dates';
import { repairDigits } from './digits';
import type { ExtractedField } from './field-types';
import { makeField } from './make-field';
import { NUMBER_WORD, parseNumberWords } from './number-words';
import type { TextIndex } from './text-index';

const D = '[0-9OoIl]';
const NUMERIC = new RegExp(`(?<![\\p{L}\\p{N}/.-])(${D}{1,2}) ?([/.-]) ?(${D}{1,2}) ?\\2 ?(${D}{4})(?![\\p{L}\\p{N}]|[/.-][0-9])`, 'gu');
/** On folded text: `ngày 05 tháng 3 năm 2021`, also across a line break. */
const WORDS = new RegExp(`(?<![\\p{L}])ngay\\s+(${D}{1,2})\\s*,?\\s+thang\\s+(${D}{1,2})\\s*,?\\s+nam\\s+(${D}{4})(?![\\p{N}])`, 'giu');
const RUN = `${NUMBER_WORD}(?:\\s+${NUMBER_WORD})*`;
/** On folded text, the date spelled out: `ngày hai mươi bảy tháng ba năm hai nghìn không trăm hai mươi mốt`. */
const SPELLED = new RegExp(`(?<![\\p{L}])ngay\\s+(${RUN})\\s*,?\\s+thang\\s+(${RUN}?)\\s*,?\\s+nam\\s+(${RUN})(?![\\p{L}])`, 'gu');
/** A clause that cites a legal text (`Căn cứ Luật … ngày …`): its dates are not the dossier's. */
const LEGAL_CITATION = /(?<![\p{L}])(bo luat|luat|nghi dinh|thong tu|nghi quyet|hien phap)(?![\p{L}])/u;
const SENTENCE_START = /[;.:](?=\s)|\n(?=\s*(?:can cu|\d+\.|-))/g;

interface DateMatch {
  iso: string;
  start: number;
  end: number;
  repairs: number;
}

function toIso(day: string, month: string, year: string): { iso: string; repairs: number } | null {
  const d = repairDigits(day);
  const m = repairDigits(month);
  const y = repairDigits(year);
  const iso = `${y.digits}-${m.digits.padStart(2, '0')}-${d.digits.padStart(2, '0')}`;
  return isIsoDate(iso) ? { iso, repairs: d.repairs + m.repairs + y.repairs } : null;
}

function findDates(index: TextIndex): DateMatch[] {
  const found: DateMatch[] = [];
  for (const m of index.text.matchAll(NUMERIC)) {
    const date = toIso(m[1]!, m[3]!, m[4]!);
    if (date) found.push({ ...date, start: m.index, end: m.index + m[0].length });
  }
  for (const m of index.folded.matchAll(WORDS)) {
    const date = toIso(m[1]!, m[2]!, m[3]!);
    if (date) found.push({ ...date, start: m.index, end: m.index + m[0].length });
  }
  for (const m of index.folded.matchAll(SPELLED)) {
    const date = spelledToIso(m[1]!, m[2]!, m[3]!);
    if (date) found.push({ iso: date.iso, repairs: 0, start: m.index, end: m.index + m[0].length - date.unusedTail });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The year's words may run on into number words that follow it: the longest run that makes a year wins. */
function spelledToIso(dayWords: string, monthWords: string, yearWords: string): { iso: string; unusedTail: number } | null {
  const day = parseNumberWords(dayWords.split(/\s+/));
  const month = parseNumberWords(monthWords.split(/\s+/));
  if (day === null || month === null) return null;
  const words = yearWords.split(/\s+/);
  for (let n = words.length; n > 0; n--) {
    const year = parseNumberWords(words.slice(0, n));
    if (year === null || year < 1000) continue;
    const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    if (!isIsoDate(iso)) return null;
    return { iso, unusedTail: words.slice(n).reduce((length, w) => length + 1 + w.length, 0) };
  }
  return null;
}

function sentenceBefore(index: TextIndex, start: number): string {
  const before = index.folded.slice(Math.max(0, start - 400), start);
  let cut = 0;
  for (const m of before.matchAll(SENTENCE_START)) cut = m.index + 1;
  return before.slice(cut);
}

function plausibleYear(iso: string, now: number): boolean {
  const year = Number(iso.slice(0, 4));
  return year >= 1900 && year <= now + 30;
}

/**
 * Every date printed on the page as ISO, in page order, except dates inside citations of legal
 * texts. `docDate` is the date of the place-date line (`Thủ Dầu Một, ngày …`, `Hôm nay, ngày …`),
 * else the first date written as `ngày … tháng … năm …`.
 */
export function extractDates(
  index: TextIndex,
  now = new Date().getFullYear(),
): { dates: ExtractedField[]; docDate: ExtractedField | null } {
  const dates: ExtractedField[] = [];
  let docDate: ExtractedField | null = null;
  let firstInWords: ExtractedField | null = null;
  for (const match of findDates(index)) {
    if (!plausibleYear(match.iso, now)) continue;
    if (LEGAL_CITATION.test(sentenceBefore(index, match.start))) continue;
    const field = makeField(index, 'date', match.iso, match.start, match.end, match.repairs ? 0.85 : 1);
    if (!field) continue;
    const lineStart = index.text.lastIndexOf('\n', match.start - 1) + 1;
    const lead = index.text.slice(lineStart, match.start);
    if (!docDate && /^\s*\p{Lu}[\p{L} .'-]{1,40},\s*$/u.test(lead)) docDate = field;
    if (!firstInWords && /^ngay/.test(index.folded.slice(match.start, match.end))) firstInWords = field;
    if (!dates.some((d) => d.value === field.value)) dates.push(field);
  }
  // Certificates have no place-date line; their date is the first one written out in words.
  return { dates, docDate: docDate ?? firstInWords };
}
