import { randomUUID } from 'node:crypto';
import type { ProgressReport, Receipt, RecordDescriptor } from '../shared/sync-protocol';
import type { HubQueryable } from './hub-transaction';
import { insertRecordsCountingThem, REPLACE_FIGURES_WITH_THOSE_OF_INSERTED } from './progress-figure-statements';
import { recordFigureDeltas } from './record-figure-deltas';
import { VersionConflictError } from './sync-errors';

export interface RecordRow {
  receipt_id: string;
  workstation_id: string;
  document_key: string;
  version: number;
  sha256: string;
  received_at: Date;
}

const toReceipt = (r: RecordRow, duplicate: boolean): Receipt => ({
  receiptId: r.receipt_id,
  workstationId: r.workstation_id,
  documentKey: r.document_key,
  version: r.version,
  sha256: r.sha256,
  storedAt: r.received_at.toISOString(),
  duplicate,
});

/** One record version of one workstation, as a map key. */
export const versionKey = (documentKey: string, version: number) => `${documentKey}\u0000${version}`;

export const toStoredReceipt = (r: RecordRow, record: RecordDescriptor): Receipt | VersionConflictError =>
  r.sha256 === record.sha256 ? toReceipt(r, true) : new VersionConflictError(record.documentKey, record.version);

/** Each dimension of the report and its name in the kept figures (progress-aggregate-schema.ts). */
const DIMENSIONS = {
  byAgency: 'agency',
  byProcedure: 'procedure',
  byYear: 'year',
  byStatus: 'status',
  byDay: 'day',
} as const;

/** What a commit answers for each inserted row. */
export const RETURNED = 'receipt_id, workstation_id, document_key, version, sha256, received_at';

/** A batch of one workstation's versions, from arrays (recordInsertValues); a version already stored is left as it is. */
export const INSERT_MANY = `INSERT INTO record (receipt_id, workstation_id, document_key, version, sha256, size, dossier_code, procedure_code, agency_code, year, status, signed_at, source, is_result)
  SELECT receipt_id, $1, document_key, version, sha256, size, dossier_code, procedure_code, agency_code, year, status, signed_at, $2, is_result
  FROM unnest($3::text[], $4::text[], $5::int[], $6::text[], $7::bigint[], $8::text[], $9::text[], $10::text[], $11::int[], $12::text[], $13::text[], $14::boolean[])
    AS t(receipt_id, document_key, version, sha256, size, dossier_code, procedure_code, agency_code, year, status, signed_at, is_result)
  ON CONFLICT (workstation_id, document_key, version) DO NOTHING
  RETURNING ${RETURNED}`;

/** INSERT_MANY's parameters: the workstation, the source, then one array per column, a new receipt id for each version. */
export function recordInsertValues(workstationId: string, source: 'upload' | 'bag', records: readonly RecordDescriptor[]): unknown[] {
  const column = <T>(pick: (r: RecordDescriptor) => T) => records.map(pick);
  return [
    workstationId,
    source,
    column(() => randomUUID()),
    column((r) => r.documentKey),
    column((r) => r.version),
    column((r) => r.sha256),
    column((r) => r.size),
    column((r) => r.dossierCode),
    column((r) => r.procedureCode),
    column((r) => r.agencyCode),
    column((r) => r.year),
    column((r) => r.status),
    column((r) => r.signedAt),
    column((r) => r.isResult ?? false),
  ];
}

/** The hub's record versions: one row per (workstation, document, version), never replaced. */
export class HubRecordRepository {
  constructor(private readonly db: HubQueryable) {}

  async find(workstationId: string, documentKey: string, version: number): Promise<RecordRow | undefined> {
    const { rows } = await this.db.query<RecordRow>({
      name: 'record-find',
      text: 'SELECT receipt_id, workstation_id, document_key, version, sha256, received_at FROM record WHERE workstation_id = $1 AND document_key = $2 AND version = $3',
      values: [workstationId, documentKey, version],
    });
    return rows[0];
  }

  /** The receipt of an already stored version, or a conflict when that version holds other bytes. */
  async existing(workstationId: string, record: RecordDescriptor): Promise<Receipt | undefined> {
    const row = await this.find(workstationId, record.documentKey, record.version);
    if (!row) return undefined;
    if (row.sha256 !== record.sha256) throw new VersionConflictError(record.documentKey, record.version);
    return toReceipt(row, true);
  }

  /** Inserts once; a concurrent or repeated insert of the same version returns the stored receipt. */
  async commit(workstationId: string, record: RecordDescriptor, source: 'upload' | 'bag'): Promise<Receipt> {
    const { rows } = await this.db.query<RecordRow>({
      name: 'record-commit',
      text: `INSERT INTO record (receipt_id, workstation_id, document_key, version, sha256, size, dossier_code, procedure_code, agency_code, year, status, signed_at, source, is_result)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (workstation_id, document_key, version) DO NOTHING
       RETURNING receipt_id, workstation_id, document_key, version, sha256, received_at`,
      values: [
        randomUUID(),
        workstationId,
        record.documentKey,
        record.version,
        record.sha256,
        record.size,
        record.dossierCode,
        record.procedureCode,
        record.agencyCode,
        record.year,
        record.status,
        record.signedAt,
        source,
        record.isResult ?? false,
      ],
    });
    if (rows[0]) return toReceipt(rows[0], false);
    const again = await this.existing(workstationId, record);
    if (!again) throw new Error('record vanished after a conflicting insert');
    return again;
  }

  /** The stored rows among these versions, by `versionKey` (one round trip for a whole batch). */
  async findMany(workstationId: string, records: readonly RecordDescriptor[]): Promise<Map<string, RecordRow>> {
    const { rows } = await this.db.query<RecordRow>({
      name: 'record-find-many',
      text: `SELECT receipt_id, workstation_id, document_key, version, sha256, received_at FROM record
        WHERE workstation_id = $1 AND (document_key, version) IN (SELECT * FROM unnest($2::text[], $3::int[]))`,
      values: [workstationId, records.map((r) => r.documentKey), records.map((r) => r.version)],
    });
    return new Map(rows.map((r) => [versionKey(r.document_key, r.version), r]));
  }

  /**
   * Inserts new versions in one statement. A version another request stored meanwhile is not
   * inserted again: its stored receipt is returned (or a conflict, when it holds other bytes).
   * With `keepFigures`, the same statement appends what it inserted to the province's pending figures, computed here from
   * the descriptors (record-figure-deltas.ts, progress-figure-statements.ts): the hub's commit (record-committer.ts) always
   * asks for it; without, only the records are written (a bench's reference).
   */
  async commitMany(
    workstationId: string,
    records: readonly RecordDescriptor[],
    source: 'upload' | 'bag',
    { keepFigures = false }: { keepFigures?: boolean } = {},
  ): Promise<(Receipt | VersionConflictError)[]> {
    if (records.length === 0) return [];
    const recordColumns = recordInsertValues(workstationId, source, records);
    const deltas = keepFigures ? recordFigureDeltas(records) : undefined;
    const { rows } = await this.db.query<RecordRow>(
      deltas
        ? {
            name: 'record-commit-many-counted',
            text: insertRecordsCountingThem(INSERT_MANY, recordColumns.length + 1),
            values: [
              ...recordColumns,
              deltas.total.records,
              deltas.total.bytes,
              deltas.dimension,
              deltas.key,
              deltas.records,
              deltas.bytes,
              deltas.resultDossier,
            ],
          }
        : { name: 'record-commit-many', text: INSERT_MANY, values: recordColumns },
    );
    // Not every record inserted: the row the statement appended counts the whole batch; it is replaced by the figures of those inserted.
    if (deltas && rows.length < records.length) {
      const { rows: replaced } = await this.db.query<{ dropped: number }>({
        name: 'record-figures-of-inserted',
        text: REPLACE_FIGURES_WITH_THOSE_OF_INSERTED,
        values: [rows.map((r) => r.receipt_id)],
      });
      if (replaced[0]!.dropped !== 1) throw new Error(`a commit found ${replaced[0]!.dropped} pending rows of its own, not one`);
    }
    const inserted = new Map(rows.map((r) => [versionKey(r.document_key, r.version), r]));
    const raced = records.filter((r) => !inserted.has(versionKey(r.documentKey, r.version)));
    const stored = raced.length > 0 ? await this.findMany(workstationId, raced) : new Map<string, RecordRow>();
    return records.map((r) => {
      const key = versionKey(r.documentKey, r.version);
      const row = inserted.get(key);
      if (row) return toReceipt(row, false);
      const other = stored.get(key);
      if (!other) throw new Error('record vanished after a conflicting insert');
      return toStoredReceipt(other, r);
    });
  }

  /** Whether this workstation committed a record with these bytes: its own upload, never another's. */
  async hasBlobReference(sha256: string, workstationId: string): Promise<boolean> {
    const { rows } = await this.db.query('SELECT 1 FROM record WHERE sha256 = $1 AND workstation_id = $2 LIMIT 1', [sha256, workstationId]);
    return rows.length > 0;
  }

  /**
   * The province's figures from the per-workstation rows, kept and pending (progress-pending-schema.ts), summed per cell:
   * a read of a few rows per workstation and cell and of the commits not yet folded, whatever the number of records.
   */
  async progress(): Promise<ProgressReport> {
    const { rows } = await this.db.query<{ dimension: string; key: string | null; records: string; bytes: string; workstations: string }>({
      name: 'progress-read',
      // Summed per cell in one step (not per workstation first): the workstations are those with a total.
      text: `SELECT dimension, key, sum(records) AS records, sum(bytes) AS bytes,
          CASE dimension WHEN 'total' THEN (SELECT count(*) FROM progress_figure WHERE dimension = 'total') END AS workstations
        FROM progress_figure_part GROUP BY dimension, key HAVING sum(records) <> 0 OR sum(bytes) <> 0 ORDER BY dimension, key NULLS LAST`,
    });
    const cells = (dimension: string) => rows.filter((r) => r.dimension === dimension);
    const one = (dimension: string) => cells(dimension)[0];
    const total = one('total');
    const report: ProgressReport = {
      total: { records: Number(total?.records ?? 0), bytes: Number(total?.bytes ?? 0), workstations: Number(total?.workstations ?? 0) },
      byAgency: [],
      byProcedure: [],
      byYear: [],
      byStatus: [],
      byDay: [],
      results: { records: Number(one('results')?.records ?? 0), dossiers: Number(one('result-dossiers')?.records ?? 0) },
    };
    for (const [name, dimension] of Object.entries(DIMENSIONS) as [keyof typeof DIMENSIONS, string][])
      report[name] = cells(dimension).map((r) => ({ key: r.key, records: Number(r.records), bytes: Number(r.bytes) }));
    return report;
  }
}
