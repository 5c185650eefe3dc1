import { CELL_FILTER, CELLS, HAND_BACK_CELLS } from './progress-aggregate-schema';

/**
 * The province's figures kept by the hub's own commit (schema 7), in the statement that writes the rows they count:
 * what a statement inserted or replaced comes back from its RETURNING, and data-modifying CTEs add it to the kept rows
 * (progress-aggregate-schema.ts) in the same statement, so no trigger runs and no second round trip is made.
 * A row changed by hand in SQL is not followed: `sohoa hub --verify` finds it and `--rebuild` counts it (docs/ARCHITECTURE.md).
 */

/** The record columns a figure reads, for the RETURNING of a record insert. */
export const RECORD_FIGURE_COLUMNS = 'size, dossier_code, procedure_code, agency_code, year, status, is_result';

/**
 * `insert` (an INSERT INTO record … RETURNING `returning` and RECORD_FIGURE_COLUMNS), with its rows added to the figures;
 * the statement answers the insert's `returning` columns. Records are only added here, so a dossier's result count that
 * was nothing before (no kept row) makes it a new result dossier. Locks are taken in one order in every commit (the
 * record rows, the cells in key order, the result dossiers in key order, the dossier count), so two commits of one
 * workstation wait on each other, never deadlock; two workstations' commits touch no common row.
 */
export const insertRecordsCountingThem = (insert: string, returning: string) => `
WITH c AS (${insert}),
cells AS (
  INSERT INTO progress_aggregate AS a (workstation_id, dimension, key, records, bytes)
  SELECT c.workstation_id, cell.dimension, cell.key, count(*), sum(c.size)
    FROM c CROSS JOIN LATERAL ${CELLS('c')} WHERE ${CELL_FILTER('c')} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (dimension, key, workstation_id) DO UPDATE SET records = a.records + excluded.records, bytes = a.bytes + excluded.bytes),
d AS (SELECT workstation_id, dossier_code, count(*) AS n FROM c WHERE is_result GROUP BY 1, 2),
kept AS (
  INSERT INTO progress_result_dossier AS p (workstation_id, dossier_code, records) SELECT * FROM d ORDER BY 1, 2
  ON CONFLICT (workstation_id, dossier_code) DO UPDATE SET records = p.records + excluded.records
  RETURNING p.workstation_id, p.dossier_code, p.records),
dossiers AS (
  INSERT INTO progress_aggregate AS a (workstation_id, dimension, key, records, bytes)
  SELECT kept.workstation_id, 'result-dossiers', NULL, count(*), 0 FROM kept JOIN d USING (workstation_id, dossier_code)
    WHERE kept.records - d.n <= 0 GROUP BY 1 ORDER BY 1
  ON CONFLICT (dimension, key, workstation_id) DO UPDATE SET records = a.records + excluded.records)
SELECT ${returning} FROM c`;

/**
 * `upsert` (an INSERT INTO hand_back … ON CONFLICT DO UPDATE … RETURNING workstation_id, on_time, late_reason, reading
 * its rows from the CTE `t`, with `dossier_code`), with the change added to the figures: each row it writes counts in,
 * the row it replaced (read in the same snapshot) counts out. The caller holds the workstation's hand-back lock
 * (HAND_BACK_FIGURES_LOCK), taken in an earlier statement, so no commit replaced a row between that snapshot and the upsert.
 */
export const upsertHandBacksCountingThem = (rows: string, upsert: string) => `
WITH t AS (${rows}),
old AS (SELECT h.workstation_id, h.on_time, h.late_reason FROM hand_back h JOIN t USING (dossier_code) WHERE h.workstation_id = $1),
up AS (${upsert}),
c AS (SELECT workstation_id, on_time, late_reason, 1 AS sign FROM up UNION ALL SELECT workstation_id, on_time, late_reason, -1 FROM old)
INSERT INTO progress_aggregate AS a (workstation_id, dimension, key, records, bytes)
SELECT c.workstation_id, 'hand-backs', hb.key, sum(c.sign), 0 FROM c CROSS JOIN LATERAL ${HAND_BACK_CELLS('c')} WHERE hb.counts
  GROUP BY 1, 2, 3 HAVING sum(c.sign) <> 0 ORDER BY 1, 2, 3
ON CONFLICT (dimension, key, workstation_id) DO UPDATE SET records = a.records + excluded.records`;

/** A hand-back replaced by one that counts elsewhere can leave a cell at nothing: no row, as a recount gives none. */
export const HAND_BACK_EMPTY_CELLS_DELETE = `DELETE FROM progress_aggregate WHERE workstation_id = $1 AND dimension = 'hand-backs' AND records = 0`;

/** One workstation's hand-back notes, one at a time (transaction advisory lock; the namespace keeps it apart from other locks). */
export const HAND_BACK_FIGURES_LOCK = `SELECT pg_advisory_xact_lock(${0x6862}, hashtext($1))`;
