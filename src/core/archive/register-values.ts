/** The value of a register cell, read the ways archive staff write it. */
import { foldVietnamese } from '../../shared/fold';
import type { ResultKind } from '../../shared/result-contract';

export const MIN_YEAR = 1945;
export const MAX_YEAR = 2100;

/**
 * A year from "2020", "2020.0", "năm 2020", "15/03/2020", "2020-03-15", "03.2020", an Excel date
 * serial ("43905"); "'20" is not
 * accepted (two digits are ambiguous). null when no plausible year is there.
 */
export function parseYear(raw: string): number | null {
  const serial = excelSerialYear(raw.trim());
  if (serial !== null) return serial;
  const found = raw.trim().match(/(?<!\d)(\d{4})(?!\d)/g);
  if (!found) return null;
  const years = [...new Set(found.map(Number).filter((y) => y >= MIN_YEAR && y <= MAX_YEAR))];
  return years.length === 1 ? years[0]! : null;
}

/** Excel's day 0 is 30 December 1899 (its 1900 leap-year bug included). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** The year of an Excel date serial left as a number ("43905" is 15/03/2020), within the accepted years. */
function excelSerialYear(raw: string): number | null {
  if (!/^\d{5}(?:\.\d+)?$/.test(raw)) return null;
  const year = new Date(EXCEL_EPOCH + Math.floor(Number(raw)) * 86_400_000).getUTCFullYear();
  return year >= MIN_YEAR && year <= MAX_YEAR ? year : null;
}

/** A page count from "12", "12 trang", "12.0"; null when it is not a whole number. */
export function parsePageCount(raw: string): number | null {
  const m = /^(\d+)(?:[.,]0+)?(?:\s*(?:trang|tờ|to|pages?|p))?$/i.exec(raw.trim());
  return m ? Number(m[1]) : null;
}

/**
 * The key a box or dossier number matches by: the first run of digits without leading zeros
 * ("Hộp 03" → "3", "HS-0012" → "12"), else the folded text itself.
 */
export function numberKey(raw: string): string {
  const digits = /\d+/.exec(raw);
  if (digits) return String(Number(digits[0]));
  return raw.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Folded prefixes (no marks, lower case) of the way a register names each kind of result. */
const RESULT_KIND_WORDS: [string, ResultKind][] = [
  ['quyet dinh', 'quyet-dinh'],
  ['qd', 'quyet-dinh'],
  ['giay chung nhan', 'giay-chung-nhan'],
  ['gcn', 'giay-chung-nhan'],
  ['giay phep', 'giay-phep'],
  ['gp', 'giay-phep'],
  ['trich luc', 'trich-luc'],
  ['van ban tra loi', 'van-ban-tra-loi'],
  ['cong van tra loi', 'van-ban-tra-loi'],
];

/** What a register writes for "no result in this folder". */
const NO_RESULT = new Set(['khong', 'k', 'chua', 'chua co', 'no', 'none', '0', '-', 'n']);

/**
 * The register's result column: empty or a "no" (không, chưa, 0, -) is no result; a named kind
 * ("Quyết định", "QĐ số 12", "GCN") is that kind; any other mark (x, có, 1) is a result of another kind.
 */
export function parseResultMark(raw: string): ResultKind | null {
  const folded = foldVietnamese(raw)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  if (!folded || NO_RESULT.has(folded)) return null;
  for (const [word, kind] of RESULT_KIND_WORDS) if (folded === word || folded.startsWith(`${word} `)) return kind;
  return 'khac';
}
