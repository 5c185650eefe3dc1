/** One row of a register's table: its line (row number in the sheet) and its cells as text. */
export interface RegisterTableRow {
  line: number;
  cells: string[];
}
