import readXlsxFile from 'read-excel-file/node';
import { RegisterUnreadableError } from './archive-errors';
import type { RegisterTableRow } from './register-import';
import { checkXlsxLimits } from './register-limits';

const two = (n: number) => String(n).padStart(2, '0');

/** A cell as the register's text: numbers as written, dates as dd/mm/yyyy (the sheet's calendar date). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : `${two(value.getUTCDate())}/${two(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`;
  return String(value).trim();
}

/** One sheet of a register workbook as rows of text. */
export interface RegisterSheet {
  name: string;
  rows: RegisterTableRow[];
}

/**
 * Every sheet of an XLSX register as rows of text, each with its row number in the sheet; empty
 * rows are left out (their numbers are not reused, so problems point at the right row). A formula
 * cell gives the value Excel saved with it. Refused before reading when it would be too large.
 */
export async function readXlsxTables(bytes: Uint8Array, path: string): Promise<RegisterSheet[]> {
  checkXlsxLimits(bytes, path);
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    sheets = (await readXlsxFile(Buffer.from(bytes))) as { sheet: string; data: unknown[][] }[];
  } catch (e) {
    throw new RegisterUnreadableError(path, `not a readable XLSX workbook: ${(e as Error).message}`);
  }
  return sheets.map(({ sheet, data }) => {
    const rows: RegisterTableRow[] = [];
    data.forEach((cells, i) => {
      const text = cells.map(cellText);
      if (text.some((c) => c !== '')) rows.push({ line: i + 1, cells: text });
    });
    return { name: sheet, rows };
  });
}
