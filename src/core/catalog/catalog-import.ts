import type { Procedure } from '../../shared/types';
import { CsvSyntaxError, detectDelimiter, parseCsv } from './csv';

export const CATALOG_COLUMNS = ['code', 'name', 'field', 'level', 'processing_days', 'components'] as const;

export interface CatalogProblem {
  line: number;
  message: string;
}

/**
 * Reads a procedure catalog CSV (comma, semicolon or tab, found from the header line): a header naming the columns (code, name, field, level,
 * processing_days, components; `components` separated by `|`). Bad rows are reported by line and
 * skipped; good rows are returned.
 */
export function parseCatalogCsv(text: string, isSample = false): { procedures: Procedure[]; problems: CatalogProblem[] } {
  let rows: ReturnType<typeof parseCsv>;
  try {
    rows = parseCsv(text, detectDelimiter(text.replace(/^\ufeff/, '').split(/\r?\n/, 1)[0]!));
  } catch (e) {
    if (e instanceof CsvSyntaxError) return { procedures: [], problems: [{ line: Number(e.details?.line ?? 0), message: e.message }] };
    throw e;
  }
  const problems: CatalogProblem[] = [];
  const header = rows.shift();
  if (!header) return { procedures: [], problems: [{ line: 1, message: 'empty file' }] };
  const index = new Map(header.cells.map((h, i) => [h.trim().toLowerCase(), i]));
  const missing = CATALOG_COLUMNS.filter((c) => c !== 'processing_days' && c !== 'components' && !index.has(c));
  if (missing.length) return { procedures: [], problems: [{ line: header.line, message: `missing column(s): ${missing.join(', ')}` }] };
  const cell = (cells: string[], name: string) => {
    const i = index.get(name);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const seen = new Set<string>();
  const procedures: Procedure[] = [];
  for (const { line, cells } of rows) {
    const code = cell(cells, 'code');
    const name = cell(cells, 'name');
    const days = cell(cells, 'processing_days');
    if (!code || !name) problems.push({ line, message: 'code and name are required' });
    else if (seen.has(code)) problems.push({ line, message: `duplicate code ${code}` });
    else if (days && !/^\d+$/.test(days)) problems.push({ line, message: `processing_days is not a whole number: ${days}` });
    else {
      seen.add(code);
      procedures.push({
        code,
        name: name.normalize('NFC'),
        field: cell(cells, 'field').normalize('NFC'),
        level: cell(cells, 'level').normalize('NFC'),
        processingDays: days ? Number(days) : null,
        components: cell(cells, 'components')
          .split('|')
          .map((c) => c.trim().normalize('NFC'))
          .filter(Boolean),
        isSample,
      });
    }
  }
  return { procedures, problems };
}
