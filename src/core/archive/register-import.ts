import { parseCsv } from '../catalog/csv';
import { RegisterEmptyError, RegisterMissingColumnError, RegisterXlsUnsupportedError } from './archive-errors';
import { checkColumnChoice, mapColumns, REGISTER_FIELDS, type ColumnMap, type RegisterField } from './register-columns';
import { decodeRegister, type RegisterEncoding } from './register-encoding';
import { numberKey, parsePageCount, parseYear } from './register-values';
import { readXlsxTable } from './register-xlsx';

/** One dossier of the register (sổ theo dõi). */
export interface RegisterRow {
  line: number;
  box: string;
  archiveNumber: string;
  boxKey: string;
  numberKey: string;
  title: string | null;
  year: number | null;
  field: string | null;
  expectedPages: number | null;
  retention: string | null;
}

/** A problem with one row (or the header, line 1): a rejected row is left out, a warning keeps it. */
export interface RegisterProblem {
  line: number;
  code: string;
  message: string;
  severity: 'rejected' | 'warning';
}

export interface ParsedRegister {
  rows: RegisterRow[];
  problems: RegisterProblem[];
  columns: ColumnMap;
  /** How the text was read: a CSV's encoding, or 'xlsx'. */
  encoding: RegisterEncoding | 'xlsx';
  /** The register's header row, as written. */
  header: string[];
}

export interface RegisterReadOptions {
  /** The column map remembered for the batch: wins over the guess where its headers are present. */
  remembered?: ColumnMap;
  /** Columns chosen by hand (`--map`): win over everything; a header not in the register is an error. */
  chosen?: ColumnMap;
  encoding?: RegisterEncoding;
}

/** One row of a register's table: its line (row number in the sheet) and its cells as text. */
export interface RegisterTableRow {
  line: number;
  cells: string[];
}

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b;
const isOle = (b: Uint8Array) => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/** Reads a register, CSV (UTF-8, Windows-1258, TCVN3) or XLSX (first sheet), by its bytes. */
export async function readRegister(bytes: Uint8Array, path: string, options: RegisterReadOptions = {}): Promise<ParsedRegister> {
  if (isOle(bytes) || (/\.xls$/i.test(path) && !isZip(bytes))) throw new RegisterXlsUnsupportedError(path);
  if (isZip(bytes) || /\.xlsx$/i.test(path)) return parseRegisterTable(await readXlsxTable(bytes, path), path, 'xlsx', options);
  return parseRegister(bytes, path, options);
}

/**
 * Reads a register from CSV bytes in UTF-8, Windows-1258 or TCVN3. Problems are reported row by
 * row with the row's line number and good rows go on; only an unusable file (no header, no
 * dossier-number column) throws.
 */
export function parseRegister(bytes: Uint8Array, path: string, options: RegisterReadOptions = {}): ParsedRegister {
  if (isOle(bytes)) throw new RegisterXlsUnsupportedError(path);
  const { text, encoding, utf8Lines } = decodeRegister(bytes, options.encoding);
  return parseRegisterTable(parseCsv(text), path, encoding, options, new Set(utf8Lines));
}

/** The rows of a register's table (header first) to register rows and row-by-row problems. */
export function parseRegisterTable(table: RegisterTableRow[], path: string, encoding: ParsedRegister['encoding'], options: RegisterReadOptions = {}, utf8Rows = new Set<number>()): ParsedRegister {
  const head = table[0];
  if (!head) throw new RegisterEmptyError(path);
  const header = head.cells.map((c) => c.trim());
  if (options.chosen) checkColumnChoice(header, options.chosen);
  const columns = mapColumns(header, { ...options.remembered, ...options.chosen });
  if (columns.dossier === undefined) throw new RegisterMissingColumnError('dossier', header);
  const problems: RegisterProblem[] = [];
  for (const field of REGISTER_FIELDS) {
    if (columns[field] === undefined && field !== 'dossier') {
      problems.push({ line: head.line, code: 'register.missing-column', message: `no '${field}' column; the rows go on without it`, severity: 'warning' });
    }
  }
  const index = Object.fromEntries(Object.entries(columns).map(([f, h]) => [f, header.indexOf(h)])) as Partial<Record<RegisterField, number>>;
  const rows: RegisterRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of table.slice(1)) {
    const cell = (f: RegisterField) => (index[f] === undefined ? '' : (cells[index[f]] ?? '').trim());
    const problem = (code: string, message: string, severity: RegisterProblem['severity'] = 'warning') => problems.push({ line, code, message, severity });
    if (cells.length < header.length) problem('register.short-row', `row has ${cells.length} of ${header.length} cells`);
    if (cells.some((c) => c.includes('\ufffd'))) problem('register.bad-encoding', `row has bytes that are not ${encoding} text`);
    if (utf8Rows.has(line)) problem('register.mixed-encoding', `row is UTF-8 while the register is ${encoding}; read as UTF-8`);
    const archiveNumber = cell('dossier');
    if (!archiveNumber) {
      problem('register.missing-value', 'no dossier number; row left out', 'rejected');
      continue;
    }
    const box = cell('box');
    const key = `${box ? numberKey(box) : ''}|${numberKey(archiveNumber)}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problem('register.duplicate-dossier', `dossier ${box ? `${box}/` : ''}${archiveNumber} is already on line ${first}; row left out`, 'rejected');
      continue;
    }
    seen.set(key, line);
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
    });
  }
  return { rows, problems, columns, encoding, header };
}
