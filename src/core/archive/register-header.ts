import { HEADER_JOIN, headerScore, mapColumns, type ColumnMap } from './register-columns';
import type { RegisterTableRow } from './register-table-row';

/** Where the table starts: its header (one name per column, '' for a spacer) and the row(s) it was read from. */
export interface FoundHeader {
  header: string[];
  lines: number[];
  /** Index in the table of the first row under the header. */
  bodyStart: number;
}

/** How far down a title block may push the header. */
const SEARCH_ROWS = 30;

const trimmed = (row: RegisterTableRow | undefined) => (row ? row.cells.map((c) => c.trim()) : []);

/**
 * A header written over two rows with merged cells, as one row: a group heading (merged across
 * the columns under it) is carried over them and joined to each sub-heading; a heading merged
 * down both rows stays as it is.
 */
export function joinHeaderRows(top: string[], bottom: string[]): string[] {
  const width = Math.max(top.length, bottom.length);
  const out: string[] = [];
  let group = '';
  for (let c = 0; c < width; c++) {
    const upper = top[c] ?? '';
    const lower = bottom[c] ?? '';
    if (upper) group = lower ? upper : '';
    const heading = upper || (lower ? group : '');
    out.push(heading && lower ? `${heading}${HEADER_JOIN}${lower}` : heading || lower);
  }
  return out;
}

/** A score for a header candidate: -1 when it has no dossier-number column. */
function scoreOf(header: string[], wanted: ColumnMap | undefined): number {
  if (mapColumns(header, wanted).dossier === undefined) return -1;
  const chosen = Object.values(wanted ?? {}).filter((c) => header.includes(c)).length;
  return headerScore(header) + chosen;
}

/**
 * The header row of a register table, below any title block ("MỤC LỤC HỒ SƠ", the agency, the
 * year): the first row that names a dossier-number column, or the pair of rows that names more
 * columns together than either does alone. null when no row within the first 30 names one.
 */
export function findHeader(table: RegisterTableRow[], wanted?: ColumnMap): FoundHeader | null {
  const limit = Math.min(table.length, SEARCH_ROWS);
  for (let i = 0; i < limit; i++) {
    const row = trimmed(table[i]);
    const next = table[i + 1];
    const adjacent = next !== undefined && next.line === table[i]!.line + 1;
    const single = scoreOf(row, wanted);
    // A title block row is one merged cell; a group-heading row has several.
    const joined = adjacent && row.filter(Boolean).length >= 2 ? joinHeaderRows(row, trimmed(next)) : null;
    const double = joined ? scoreOf(joined, wanted) : -1;
    const below = adjacent ? scoreOf(trimmed(next), wanted) : -1;
    if (joined && double > Math.max(single, below)) return { header: joined, lines: [table[i]!.line, next!.line], bodyStart: i + 2 };
    if (single >= 0) return { header: row, lines: [table[i]!.line], bodyStart: i + 1 };
  }
  return null;
}
