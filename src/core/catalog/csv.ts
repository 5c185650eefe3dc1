import { CsvError, parse } from 'csv-parse/sync';
import { CodedError } from '../../shared/errors';

export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/** How a delimiter is named to people: the character itself is invisible for a tab. */
export const delimiterName = (d: CsvDelimiter) => ({ ',': 'comma (,)', ';': 'semicolon (;)', '\t': 'tab', '|': 'bar (|)' })[d];

/** A cell longer than this is refused: no register or catalog cell is anywhere near it. */
export const MAX_CSV_CELL_CHARS = 64 * 1024;

/** The text is not CSV the parser can read (an unclosed quote, a cell over the size limit). */
export class CsvSyntaxError extends CodedError {
  constructor(line: number, reason: 'too-large' | 'syntax', detail: string) {
    super(reason === 'too-large' ? 'csv.cell-too-large' : 'csv.syntax', `line ${line}: ${detail}`, { line });
  }
}

/** Counts a delimiter outside quotes in one line. */
function countOutsideQuotes(line: string, delimiter: string): number {
  let quoted = false;
  let n = 0;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === delimiter) n++;
  }
  return n;
}

/**
 * The delimiter of a header line: the candidate found most often outside quotes. Ties go in the
 * order `;` (what Excel writes on a Vietnamese Windows), tab, `,`, `|`; none at all gives `,`.
 */
export function detectDelimiter(line: string): CsvDelimiter {
  let best: CsvDelimiter = ',';
  let most = 0;
  for (const d of [';', '\t', ',', '|'] as const) {
    const n = countOutsideQuotes(line, d);
    if (n > most) [best, most] = [d, n];
  }
  return best;
}

/**
 * CSV text (RFC 4180 and what spreadsheets write: quoted fields, doubled quotes, CRLF or LF, a BOM)
 * as rows of cells with the 1-based line each row starts on, so problems can name it. Rows with
 * only blank cells are left out.
 */
export function parseCsv(text: string, delimiter: CsvDelimiter = ','): { line: number; cells: string[] }[] {
  let records: { record: string[]; info: { lines: number; empty_lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      bom: true,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      max_record_size: MAX_CSV_CELL_CHARS,
    }) as unknown as typeof records;
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const line = (e as CsvError & { lines?: number }).lines ?? 0;
    if (e.code === 'CSV_MAX_RECORD_SIZE')
      throw new CsvSyntaxError(line, 'too-large', `a row is longer than ${MAX_CSV_CELL_CHARS} characters`);
    throw new CsvSyntaxError(line, 'syntax', e.message);
  }
  const rows: { line: number; cells: string[] }[] = [];
  let end = 0;
  let empty = 0;
  for (const { record, info } of records) {
    const line = end + 1 + (info.empty_lines - empty);
    end = info.lines;
    empty = info.empty_lines;
    if (record.some((v) => v.trim() !== '')) rows.push({ line, cells: record });
  }
  return rows;
}
