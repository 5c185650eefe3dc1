import type { RecordDescriptor } from '../shared/sync-protocol';
import { pendingDimensionNumber, type PendingDimension } from './progress-pending-schema';

/**
 * What newly stored records add to the province's figures, computed by the committer from the descriptors it already
 * holds, as one `progress_pending` row (schema 10, progress-pending-schema.ts): the total, and the other cells of
 * progress-aggregate-schema.ts's CELLS and CELL_FILTER as arrays, and the dossier of each result record. The day of
 * receipt is the total's under the transaction's date, which only the database knows: the row's `received_on`.
 */
export interface FigureDeltas {
  /** The records and their bytes: the total's delta, which the day of receipt's cell repeats. */
  total: { records: number; bytes: number };
  /** Each other cell's dimension, by its number in PENDING_DIMENSIONS. */
  dimension: number[];
  key: (string | null)[];
  records: number[];
  bytes: number[];
  /** The dossier of each result record, in order (a dossier with two, twice). */
  resultDossier: string[];
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
 * year and status, and the results and its dossier for a result record. The commit computes this for every batch, on the hub's own CPU
 * beside the database's: one map per dimension, no key strings built per record.
 */
export function recordFigureDeltas(records: readonly RecordDescriptor[]): FigureDeltas {
  const agency = new DimensionCells<string | null>();
  const procedure = new DimensionCells<string | null>();
  const year = new DimensionCells<number | null>();
  const status = new DimensionCells<string | null>();
  const total: Cell = { records: 0, bytes: 0 };
  const results: Cell = { records: 0, bytes: 0 };
  const resultDossier: string[] = [];
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
      resultDossier.push(r.dossierCode);
    }
  }
  const deltas: FigureDeltas = { total, dimension: [], key: [], records: [], bytes: [], resultDossier };
  const push = (dimension: PendingDimension, key: string | null, cell: Cell) => {
    deltas.dimension.push(pendingDimensionNumber(dimension));
    deltas.key.push(key);
    deltas.records.push(cell.records);
    deltas.bytes.push(cell.bytes);
  };
  for (const [key, cell] of agency.cells) push('agency', key, cell);
  for (const [key, cell] of procedure.cells) push('procedure', key, cell);
  for (const [key, cell] of year.cells) push('year', key === null ? null : String(key), cell);
  for (const [key, cell] of status.cells) push('status', key, cell);
  if (results.records > 0) push('results', null, results);
  return deltas;
}
