import { readSheet } from 'read-excel-file/node';
import { RegisterUnreadableError } from './archive-errors';
import type { RegisterTableRow } from './register-import';

const two = (n: number) => String(n).padStart(2, '0');

/** A cell as the register's text: numbers as written, dates as dd/mm/yyyy (the sheet's calendar date). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : `${two(value.getUTCDate())}/${two(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`;
  return String(value).trim();
}

/**
 * The first sheet of an XLSX register as rows of text, each with its row number in the sheet;
 * empty rows are left out (their numbers are not reused, so problems point at the right row).
 */
export async function readXlsxTable(bytes: Uint8Array, path: string): Promise<RegisterTableRow[]> {
  let sheet: unknown[][];
  try {
    sheet = (await readSheet(Buffer.from(bytes))) as unknown[][];
  } catch (e) {
    throw new RegisterUnreadableError(path, `not a readable XLSX workbook: ${(e as Error).message}`);
  }
  const rows: RegisterTableRow[] = [];
  sheet.forEach((cells, i) => {
    const text = cells.map(cellText);
    if (text.some((c) => c !== '')) rows.push({ line: i + 1, cells: text });
  });
  return rows;
}
