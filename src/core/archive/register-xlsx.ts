import readXlsxFile from 'read-excel-file/node';
import { RegisterUnreadableError } from './archive-errors';
import type { RegisterTableRow } from './register-table-row';
import { checkXlsxLimits } from './register-limits';

const two = (n: number) => String(n).padStart(2, '0');

/** A cell as the register's text: numbers as written, dates as dd/mm/yyyy (the sheet's calendar date). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? '' : `${two(value.getUTCDate())}/${two(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`;
  return String(value).trim();
}

const columnIndex = (letters: string) => [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;

/** A formula cell saved without a value is taken as its formula's text ("=HYPERLINK(…)"), never dropped. */
function withFormulaText(data: unknown[][], formulas: Map<string, string> | undefined): void {
  for (const [ref, formula] of formulas ?? []) {
    const [, letters, digits] = /^([A-Z]+)(\d+)$/.exec(ref)!;
    const row = Number(digits) - 1;
    const column = columnIndex(letters!);
    while (data.length <= row) data.push([]);
    const cells = data[row]!;
    while (cells.length <= column) cells.push(null);
    if (cells[column] === null || cells[column] === undefined) cells[column] = formula;
  }
}

/** One sheet of a register workbook as rows of text. */
export interface RegisterSheet {
  name: string;
  rows: RegisterTableRow[];
}

/**
 * Every sheet of an XLSX register as rows of text, each with its row number in the sheet; empty
 * rows are left out (their numbers are not reused, so problems point at the right row). A formula
 * cell gives the value Excel saved with it, or its formula as text when none was saved. Refused before reading when it would be too large.
 */
export async function readXlsxTables(bytes: Uint8Array, path: string): Promise<RegisterSheet[]> {
  const formulas = checkXlsxLimits(bytes, path);
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    sheets = (await readXlsxFile(Buffer.from(bytes))) as { sheet: string; data: unknown[][] }[];
  } catch (e) {
    // A TypeError is the reader tripping over a part that is missing or malformed, not a message for the user.
    const why = e instanceof TypeError ? 'a part of it is missing or damaged' : (e as Error).message;
    throw new RegisterUnreadableError(path, `not a readable XLSX workbook: ${why}`);
  }
  if (!Array.isArray(sheets) || sheets.some((s) => !Array.isArray(s.data)))
    throw new RegisterUnreadableError(path, 'not a readable XLSX workbook: a sheet the workbook lists cannot be read');
  return sheets.map(({ sheet, data }) => {
    withFormulaText(data, formulas.get(sheet));
    const rows: RegisterTableRow[] = [];
    data.forEach((cells, i) => {
      const text = cells.map(cellText);
      if (text.some((c) => c !== '')) rows.push({ line: i + 1, cells: text });
    });
    return { name: sheet, rows };
  });
}
