/**
 * Text written into a CSV or XLSX cell that a spreadsheet could run as a formula (a register cell
 * "=HYPERLINK(…)", "+…", "-…", "@…", or one starting with a tab or carriage return) gets a leading
 * apostrophe, so it is shown as written and never evaluated. A plain number ("-5") is left as it is.
 */
export function neutraliseFormula(text: string): string {
  if (!/^[=+\-@\t\r]/.test(text) || /^[+-]?\d+(?:[.,]\d+)?$/.test(text)) return text;
  return `'${text}`;
}
