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

type Cell = { records: number; bytes: number };

/** The cells of one dimension, by key (a Map tells the null key from every string, and a year is keyed as a number). */
class DimensionCells<K> {
  readonly cells = new Map<K, Cell>();
  add(key: K, size: number): void {
    const cell = this.cells.get(key);
    if (cell) {
      cell.records += 1;
      cell.bytes += size;
    } else this.cells.set(key, { records: 1, bytes: size });
  }
}

/**
 * Each cell a record counts in, as CELLS and CELL_FILTER say, but the day of receipt: the total, its agency, procedure,
 * year and status, and the results for a result record. The commit computes this for every batch, on the hub's own CPU
 * beside the database's: one map per dimension, no key strings built per record.
 */
export function recordFigureDeltas(records: readonly RecordDescriptor[]): FigureDeltas {
  const agency = new DimensionCells<string | null>();
  const procedure = new DimensionCells<string | null>();
  const year = new DimensionCells<number | null>();
  const status = new DimensionCells<string | null>();
  const total: Cell = { records: 0, bytes: 0 };
  const results: Cell = { records: 0, bytes: 0 };
  const dossiers = new Map<string, number>();
  for (const r of records) {
    total.records += 1;
    total.bytes += r.size;
    agency.add(r.agencyCode, r.size);
    procedure.add(r.procedureCode, r.size);
    year.add(r.year, r.size);
    status.add(r.status, r.size);
    if (r.isResult) {
      results.records += 1;
      results.bytes += r.size;
      dossiers.set(r.dossierCode, (dossiers.get(r.dossierCode) ?? 0) + 1);
    }
  }
  const deltas: FigureDeltas = {
    dimension: [],
    key: [],
    records: [],
    bytes: [],
    resultDossier: [...dossiers.keys()],
    resultRecords: [...dossiers.values()],
    total: { ...total },
  };
  const push = (dimension: string, key: string | null, cell: Cell) => {
    deltas.dimension.push(dimension);
    deltas.key.push(key);
    deltas.records.push(cell.records);
    deltas.bytes.push(cell.bytes);
  };
  if (total.records > 0) push('total', null, total);
  for (const [key, cell] of agency.cells) push('agency', key, cell);
  for (const [key, cell] of procedure.cells) push('procedure', key, cell);
  for (const [key, cell] of year.cells) push('year', key === null ? null : String(key), cell);
  for (const [key, cell] of status.cells) push('status', key, cell);
  if (results.records > 0) push('results', null, results);
  return deltas;
}
