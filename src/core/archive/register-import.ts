import type { RegisterRow, RegisterSheetRead } from '../../shared/register-preview';
import type { RegisterProblem } from '../../shared/batch-report';
import { CsvSyntaxError, delimiterName, detectDelimiter, parseCsv, type CsvDelimiter } from '../catalog/csv';
import {
  RegisterEmptyError,
  RegisterMissingColumnError,
  RegisterSheetNotFoundError,
  RegisterTooLargeError,
  RegisterUnreadableError,
  RegisterXlsUnsupportedError,
} from './archive-errors';
import {
  checkColumnChoice,
  foldHeader,
  headerScore,
  mapColumns,
  OPTIONAL_REGISTER_FIELDS,
  REGISTER_FIELDS,
  type ColumnMap,
  type RegisterField,
} from './register-columns';
import { decodeRegister, type RegisterEncoding } from './register-encoding';
import { findHeader } from './register-header';
import { checkRegisterSize } from './register-limits';
import { numberKey, parsePageCount, parseResultMark, parseYear } from './register-values';
import type { RegisterTableRow } from './register-table-row';
import { readXlsxTables, type RegisterSheet } from './register-xlsx';
import { decodeVni, isVniCell, looksLikeVni } from './vni';

/** How many lines from the top the header of a CSV register is looked for in (below a title block). */
const SEARCH_LINES = 30;

/** Columns a register may leave out without a warning: the dossier number is required, the result column is new. */
const OPTIONAL_COLUMNS: ReadonlySet<RegisterField> = new Set(['dossier', ...OPTIONAL_REGISTER_FIELDS]);

export type { RegisterRow, RegisterSheetRead };

/** A problem with one row (or the header, line 1): a rejected row is left out, a warning keeps it. */
export type { RegisterProblem };

export interface ParsedRegister {
  rows: RegisterRow[];
  problems: RegisterProblem[];
  columns: ColumnMap;
  /** How the text was read: a CSV's encoding, or 'xlsx'. */
  encoding: RegisterEncoding | 'xlsx';
  /** The register's header row, as written (a header over two rows joined as 'group / heading'). */
  header: string[];
  /** A CSV's delimiter; null for XLSX. */
  delimiter: CsvDelimiter | null;
  /** The row(s) taken as the header (of the first sheet read). */
  headerLines: number[];
  /** Cells written in VNI and converted to Unicode (a VNI CSV counts in `encoding` instead). */
  vniCells: number;
  /** The sheets read (one entry, name null, for a CSV); a sheet's rows are numbered on from lineOffset. */
  sheets: RegisterSheetRead[];
}

export interface RegisterReadOptions {
  /** The column map remembered for the batch: wins over the guess where its headers are present. */
  remembered?: ColumnMap;
  /** Columns chosen by hand (`--map`): win over everything; a header not in the register is an error. */
  chosen?: ColumnMap;
  encoding?: RegisterEncoding;
  /** XLSX: a sheet by name or number from 1, or 'all'; by default the first sheet with a register table. */
  sheet?: string;
}

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b;
const isOle = (b: Uint8Array) => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/**
 * Reads a register by its bytes: CSV or tab text (UTF-8, UTF-16, Windows-1258, TCVN3, VNI) or
 * XLSX (the first sheet with a register table, a sheet by name or number, or all of them).
 */
export async function readRegister(bytes: Uint8Array, path: string, options: RegisterReadOptions = {}): Promise<ParsedRegister> {
  checkRegisterSize(bytes.length, path);
  if (isOle(bytes) || (/\.xls$/i.test(path) && !isZip(bytes))) throw new RegisterXlsUnsupportedError(path);
  if (isZip(bytes) || /\.xlsx$/i.test(path)) return readSheets(await readXlsxTables(bytes, path), path, options);
  return parseRegister(bytes, path, options);
}

/**
 * Reads a register from CSV bytes. Problems are reported row by row with the row's line number
 * and good rows go on; only an unusable file (no header, no dossier-number column) throws.
 */
export function parseRegister(bytes: Uint8Array, path: string, options: RegisterReadOptions = {}): ParsedRegister {
  checkRegisterSize(bytes.length, path);
  if (isOle(bytes)) throw new RegisterXlsUnsupportedError(path);
  const { text, encoding, utf8Lines } = decodeRegister(bytes, options.encoding);
  const delimiter = chooseDelimiter(text, options);
  let table: RegisterTableRow[];
  try {
    table = parseCsv(text, delimiter);
  } catch (e) {
    if (!(e instanceof CsvSyntaxError)) throw e;
    if (e.code === 'csv.cell-too-large') throw new RegisterTooLargeError(path, e.message);
    throw new RegisterUnreadableError(path, `read as ${encoding}, delimiter ${delimiterName(delimiter)}: ${e.message}`);
  }
  const parts = [{ rows: table }];
  return readTables(parts, path, { encoding, delimiter }, options, new Set(utf8Lines));
}

/** The delimiter that makes a header row of the first lines (the one naming the most columns); else the header line's most frequent. */
function chooseDelimiter(text: string, options: RegisterReadOptions): CsvDelimiter {
  const head = text.split('\n', SEARCH_LINES).join('\n');
  let best: { delimiter: CsvDelimiter; score: number } | null = null;
  for (const delimiter of [';', '\t', ',', '|'] as const) {
    let found;
    try {
      found = findHeader(parseCsv(head, delimiter), { ...options.remembered, ...options.chosen });
    } catch {
      continue;
    }
    const score = found ? headerScore(found.header) : -1;
    if (found && (!best || score > best.score)) best = { delimiter, score };
  }
  return best?.delimiter ?? detectDelimiter(text.split('\n', 1)[0]!);
}

/** The sheets of a workbook the options ask for, read as one register. */
function readSheets(sheets: RegisterSheet[], path: string, options: RegisterReadOptions): ParsedRegister {
  const wanted = { ...options.remembered, ...options.chosen };
  const names = sheets.map((s) => s.name);
  let chosen: RegisterSheet[];
  if (options.sheet === undefined) chosen = [sheets.find((s) => findHeader(s.rows, wanted)) ?? sheets[0]!];
  else if (options.sheet.toLowerCase() === 'all') chosen = sheets.filter((s) => findHeader(s.rows, wanted));
  else {
    const byNumber = /^\d+$/.test(options.sheet) ? sheets[Number(options.sheet) - 1] : undefined;
    const one = sheets.find((s) => s.name === options.sheet) ?? byNumber;
    if (!one) throw new RegisterSheetNotFoundError(path, options.sheet, names);
    chosen = [one];
  }
  // No sheet with a register table: the first is read, so the error says what its top row was.
  if (!chosen.length || !chosen[0]) chosen = sheets.slice(0, 1);
  if (!chosen.length) throw new RegisterEmptyError(path);
  const skipped = options.sheet?.toLowerCase() === 'all' ? sheets.filter((s) => !chosen.includes(s)).map((s) => s.name) : [];
  const register = readTables(
    chosen.map((s) => ({ sheet: s.name, rows: s.rows })),
    path,
    { encoding: 'xlsx', delimiter: null },
    options,
  );
  for (const name of skipped)
    register.problems.unshift({
      line: 0,
      sheet: name,
      code: 'register.sheet-skipped',
      message: `sheet '${name}' has no register table (no dossier-number column); left out`,
      severity: 'warning',
    });
  return register;
}

/** The row of column numbers "(1) (2) (3)…" offices put under the header: 1, 2, 3… in order, at least three. */
function isNumberingRow(cells: string[]): boolean {
  const numbers = cells.map((c) => c.trim()).filter(Boolean);
  return numbers.length >= 3 && numbers.every((c, i) => new RegExp(`^\\(?${i + 1}\\)?$`).test(c));
}
/** A totals row at the bottom: "Tổng cộng", "Cộng", "Tổng số". */
const isTotalsRow = (cells: string[]) => cells.some((c) => /^(tong cong|cong|tong so|tong)( |$)/.test(foldHeader(c)));

/** Tables (one per sheet, or the CSV) to register rows and row-by-row problems, with one check for duplicates across them. */
function readTables(
  parts: { sheet?: string; rows: RegisterTableRow[] }[],
  path: string,
  how: { encoding: ParsedRegister['encoding']; delimiter: CsvDelimiter | null },
  options: RegisterReadOptions,
  utf8Rows = new Set<number>(),
): ParsedRegister {
  const allCells = parts.flatMap((p) => p.rows.flatMap((r) => r.cells));
  let vniCells = 0;
  if (how.encoding !== 'vni' && looksLikeVni(allCells)) {
    for (const part of parts) {
      for (const row of part.rows) {
        row.cells = row.cells.map((c) => {
          if (!isVniCell(c)) return c;
          vniCells++;
          return decodeVni(c);
        });
      }
    }
  }
  const wanted = { ...options.remembered, ...options.chosen };
  const problems: RegisterProblem[] = [];
  const rows: RegisterRow[] = [];
  const seen = new Map<string, string>();
  const sheets: RegisterSheetRead[] = [];
  let first: { header: string[]; columns: ColumnMap; headerLines: number[] } | null = null;
  let offset = 0;
  for (const part of parts) {
    // A column chosen by hand that is not there is said as such, not as a missing header.
    const found = findHeader(part.rows, wanted) ?? (options.chosen ? findHeader(part.rows, options.remembered) : null);
    const reading = { encoding: how.encoding, delimiter: how.delimiter ? delimiterName(how.delimiter) : undefined, sheet: part.sheet };
    if (!found) {
      const head = part.rows[0];
      if (!head) throw new RegisterEmptyError(path);
      if (options.chosen)
        checkColumnChoice(
          head.cells.map((c) => c.trim()),
          options.chosen,
        );
      throw new RegisterMissingColumnError(
        'dossier',
        head.cells.map((c) => c.trim()),
        { ...reading, headerLines: [head.line] },
      );
    }
    const { header } = found;
    if (options.chosen) checkColumnChoice(header, options.chosen);
    const columns = mapColumns(header, { ...options.remembered, ...options.chosen });
    if (columns.dossier === undefined) throw new RegisterMissingColumnError('dossier', header, { ...reading, headerLines: found.lines });
    first ??= { header, columns, headerLines: found.lines };
    sheets.push({ name: part.sheet ?? null, headerLines: found.lines, lineOffset: offset });
    const where = (line: number) => (part.sheet !== undefined && parts.length > 1 ? { sheet: part.sheet, sheetRow: line } : {});
    for (const field of REGISTER_FIELDS) {
      if (columns[field] === undefined && !OPTIONAL_COLUMNS.has(field)) {
        problems.push({
          line: offset + found.lines[0]!,
          ...where(found.lines[0]!),
          code: 'register.missing-column',
          message: `no '${field}' column; the rows go on without it`,
          severity: 'warning',
        });
      }
    }
    const index = Object.fromEntries(Object.entries(columns).map(([f, h]) => [f, header.indexOf(h)])) as Partial<
      Record<RegisterField, number>
    >;
    const width = header.reduce((w, h, i) => (h ? i + 1 : w), 0);
    for (const { line: sheetLine, cells } of part.rows.slice(found.bodyStart)) {
      const line = offset + sheetLine;
      const cell = (f: RegisterField) => (index[f] === undefined ? '' : (cells[index[f]] ?? '').trim());
      const problem = (code: string, message: string, severity: RegisterProblem['severity'] = 'warning') =>
        problems.push({ line, ...where(sheetLine), code, message, severity });
      const archiveNumber = cell('dossier');
      if (isNumberingRow(cells) && sheetLine - found.lines.at(-1)! === 1) continue;
      if (!archiveNumber && isTotalsRow(cells)) {
        problem('register.totals-row', 'read as a totals row; left out');
        continue;
      }
      if (cells.length < width) problem('register.short-row', `row has ${cells.length} of ${width} cells`);
      if (cells.some((c) => c.includes('\ufffd'))) problem('register.bad-encoding', `row has bytes that are not ${how.encoding} text`);
      if (utf8Rows.has(sheetLine)) problem('register.mixed-encoding', `row is UTF-8 while the register is ${how.encoding}; read as UTF-8`);
      if (!archiveNumber) {
        problem('register.missing-value', 'no dossier number; row left out', 'rejected');
        continue;
      }
      const box = cell('box');
      const key = `${box ? numberKey(box) : ''}|${numberKey(archiveNumber)}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        problem(
          'register.duplicate-dossier',
          `dossier ${box ? `${box}/` : ''}${archiveNumber} is already on ${earlier}; row left out`,
          'rejected',
        );
        continue;
      }
      seen.set(key, parts.length > 1 ? `sheet '${part.sheet}' row ${sheetLine}` : `line ${sheetLine}`);
      const yearText = cell('year');
      const year = yearText ? parseYear(yearText) : null;
      if (yearText && year === null) problem('register.bad-year', `'${yearText}' is not a year; kept without one`);
      const pagesText = cell('pages');
      const expectedPages = pagesText ? parsePageCount(pagesText) : null;
      if (pagesText && expectedPages === null) problem('register.bad-page-count', `'${pagesText}' is not a page count; kept without one`);
      rows.push({
        line,
        box,
        archiveNumber,
        boxKey: box ? numberKey(box) : '',
        numberKey: numberKey(archiveNumber),
        title: cell('title') || null,
        year,
        field: cell('field') || null,
        expectedPages,
        retention: cell('retention') || null,
        resultKind: parseResultMark(cell('result')),
        issuingAgency: cell('agency').slice(0, 200) || null,
      });
    }
    offset += part.rows.at(-1)?.line ?? 0;
  }
  return {
    rows,
    problems,
    columns: first!.columns,
    encoding: how.encoding,
    header: first!.header,
    delimiter: how.delimiter,
    headerLines: first!.headerLines,
    vniCells,
    sheets,
  };
}
