import type { RecordDescriptor } from '../shared/sync-protocol';

/**
 * What newly stored records add to the province's figures, computed by the committer from the descriptors it already
 * holds, as one `progress_pending` row's arrays (progress-pending-schema.ts): the cells of progress-aggregate-schema.ts's
 * CELLS and CELL_FILTER, and the result records per dossier. The day of receipt is left out: every record of a commit
 * is received at the transaction's `now()` (the column's default), which only the database knows, so its cell is the
 * total's, keyed in SQL (progress-figure-statements.ts).
 */
export interface FigureDeltas {
  dimension: string[];
  key: (string | null)[];
  records: number[];
  bytes: number[];
  resultDossier: string[];
  resultRecords: number[];
  /** The total's delta, which the day of receipt's cell repeats. */
  total: { records: number; bytes: number };
}

/** Each cell a record counts in, as CELLS and CELL_FILTER say, but the day of receipt. */
const cellsOf = (r: RecordDescriptor): [string, string | null][] => [
  ['total', null],
  ['agency', r.agencyCode],
  ['procedure', r.procedureCode],
  ['year', r.year === null ? null : String(r.year)],
  ['status', r.status],
  ...(r.isResult ? [['results', null] as [string, null]] : []),
];

export function recordFigureDeltas(records: readonly RecordDescriptor[]): FigureDeltas {
  const cells = new Map<string, { dimension: string; key: string | null; records: number; bytes: number }>();
  const dossiers = new Map<string, number>();
  for (const r of records) {
    for (const [dimension, key] of cellsOf(r)) {
      // A NUL cannot occur in a PostgreSQL text value: it tells the cell without a key from every key.
      const id = `${dimension}\u0000${key ?? '\u0000'}`;
      const cell = cells.get(id) ?? { dimension, key, records: 0, bytes: 0 };
      cell.records += 1;
      cell.bytes += r.size;
      cells.set(id, cell);
    }
    if (r.isResult) dossiers.set(r.dossierCode, (dossiers.get(r.dossierCode) ?? 0) + 1);
  }
  const all = [...cells.values()];
  return {
    dimension: all.map((c) => c.dimension),
    key: all.map((c) => c.key),
    records: all.map((c) => c.records),
    bytes: all.map((c) => c.bytes),
    resultDossier: [...dossiers.keys()],
    resultRecords: [...dossiers.values()],
    total: { records: records.length, bytes: records.reduce((sum, r) => sum + r.size, 0) },
  };
}
