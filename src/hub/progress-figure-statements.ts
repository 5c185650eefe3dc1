import { CELL_FILTER, CELLS, HAND_BACK_CELLS } from './progress-aggregate-schema';
import { PENDING_DIMENSIONS_SQL } from './progress-pending-schema';

/**
 * The province's figures as the hub's commit keeps them (schema 8; its row's shape, schema 10), in the transaction that writes the rows they count:
 * each commit appends what it adds to each cell as one row of `progress_pending` (progress-pending-schema.ts). The commit
 * touches no shared row: the fold (progress-figure-fold.ts) adds the pending rows into the kept ones later.
 * A record insert's figures are computed by the committer from the descriptors it sends (record-figure-deltas.ts), so
 * the server does no per-record work for them; what needs the database's knowledge (which hand-back a note replaces) is
 * computed in SQL, from the statement's RETURNING.
 * A row changed by hand in SQL is not followed: `sohoa hub --verify` finds it and `--rebuild` counts it (docs/ARCHITECTURE.md).
 */

/** The record columns a figure reads. */
const RECORD_FIGURE_COLUMNS = 'workstation_id, size, dossier_code, procedure_code, agency_code, year, status, is_result, received_at';

/** A cell's dimension numbered by its name (PENDING_DIMENSIONS). */
const DIMENSION_NUMBER = (dimension: string) => `array_position(${PENDING_DIMENSIONS_SQL}, ${dimension})::smallint`;

/**
 * `cells` (workstation_id, dimension, key, records, bytes; neither the total nor the day), `total` (workstation_id,
 * records, bytes) and `dossiers` (workstation_id, dossier_code, one row per result record) as one pending row per
 * workstation with a total or a cell (schema 10, progress-pending-schema.ts); none when all three are empty.
 */
const appendPending = (cells: string, total: string, dossiers: string) => `
  INSERT INTO progress_pending (workstation_id, records, bytes, dimension, key, cell_records, cell_bytes, result_dossier)
  SELECT w.workstation_id, coalesce(t.records, 0), coalesce(t.bytes, 0), coalesce(c.dimension, '{}'), coalesce(c.key, '{}'),
         coalesce(c.records, '{}'), coalesce(c.bytes, '{}'), coalesce(d.dossier_code, '{}')
  FROM (SELECT workstation_id FROM ${cells} UNION SELECT workstation_id FROM ${total}) AS w
  LEFT JOIN (SELECT workstation_id, array_agg(${DIMENSION_NUMBER('dimension')} ORDER BY dimension, key) AS dimension,
          array_agg(key ORDER BY dimension, key) AS key, array_agg(records::int ORDER BY dimension, key) AS records,
          array_agg(bytes ORDER BY dimension, key) AS bytes
        FROM ${cells} GROUP BY 1) AS c USING (workstation_id)
  LEFT JOIN ${total} AS t USING (workstation_id)
  LEFT JOIN (SELECT workstation_id, array_agg(dossier_code ORDER BY dossier_code) AS dossier_code FROM ${dossiers} GROUP BY 1) AS d USING (workstation_id)`;

/**
 * `insert` (an INSERT INTO record … RETURNING, its rows from arrays, `$1` the workstation), with the deltas the committer
 * computed (record-figure-deltas.ts, parameters `$first` on) appended as one pending row, as they come: the day of
 * receipt is the row's `received_on`, the transaction's date, every record's `received_at` (schema 10). The row is
 * appended whatever the insert stored: when it stored fewer records than the batch holds (a version already stored, or
 * twice in the batch), the caller replaces it with the figures of what was stored (REPLACE_FIGURES_WITH_THOSE_OF_INSERTED),
 * a rare path. Checking the count in this statement instead (schema 8) cost every commit about 0.02 ms of the server's
 * CPU. The append is a CTE of the insert, which answers its RETURNING itself: with the insert in a CTE read by the
 * statement instead, the same statement cost the server about 0.04 ms more a commit (docs/ARCHITECTURE.md).
 */
export const insertRecordsCountingThem = (insert: string, first: number) => `
WITH pending AS (
  INSERT INTO progress_pending (workstation_id, records, bytes, dimension, key, cell_records, cell_bytes, result_dossier)
  VALUES ($1, $${first}, $${first + 1}, $${first + 2}::smallint[], $${first + 3}::text[], $${first + 4}::int[], $${first + 5}::bigint[], $${first + 6}::text[]))
${insert}`;

/**
 * The pending row a record insert just appended for its whole batch (insertRecordsCountingThem), deleted, and the
 * figures of the records it did insert (`$1`, their receipt ids; none when it inserted none) appended instead, read back
 * in the commit's transaction and counted in SQL: exact whatever the batch held. The appended row is the one this
 * transaction wrote (its `xmin`: a commit takes no savepoint); the statement answers how many rows it deleted, which the
 * caller requires to be one.
 */
export const REPLACE_FIGURES_WITH_THOSE_OF_INSERTED = `
WITH dropped AS (DELETE FROM progress_pending WHERE xmin = pg_current_xact_id()::xid RETURNING 1),
c AS (SELECT ${RECORD_FIGURE_COLUMNS} FROM record WHERE receipt_id = ANY($1::text[])),
cells AS (
  SELECT c.workstation_id, cell.dimension, cell.key, count(*)::bigint AS records, sum(c.size)::bigint AS bytes
    FROM c CROSS JOIN LATERAL ${CELLS('c')} WHERE ${CELL_FILTER('c')} AND cell.dimension NOT IN ('total', 'day') GROUP BY 1, 2, 3),
total AS (SELECT workstation_id, count(*)::int AS records, sum(size)::bigint AS bytes FROM c GROUP BY 1),
d AS (SELECT workstation_id, dossier_code FROM c WHERE is_result),
appended AS (${appendPending('cells', 'total', 'd')})
SELECT count(*)::int AS dropped FROM dropped`;

/**
 * `upsert` (an INSERT INTO hand_back … ON CONFLICT DO UPDATE … RETURNING workstation_id, on_time, late_reason, reading
 * its rows from the CTE `t`, with `dossier_code`), with the change appended to the pending figures: each row it writes
 * counts in, the row it replaced (read in the same snapshot) counts out. The caller holds the workstation's hand-back lock
 * (HAND_BACK_FIGURES_LOCK), taken in an earlier statement, so no commit replaced a row between that snapshot and the upsert.
 */
export const upsertHandBacksCountingThem = (rows: string, upsert: string) => `
WITH t AS (${rows}),
old AS (SELECT h.workstation_id, h.on_time, h.late_reason FROM hand_back h JOIN t USING (dossier_code) WHERE h.workstation_id = $1),
up AS (${upsert}),
c AS (SELECT workstation_id, on_time, late_reason, 1 AS sign FROM up UNION ALL SELECT workstation_id, on_time, late_reason, -1 FROM old),
cells AS (
  SELECT c.workstation_id, 'hand-backs'::text AS dimension, hb.key, sum(c.sign)::bigint AS records, 0::bigint AS bytes
    FROM c CROSS JOIN LATERAL ${HAND_BACK_CELLS('c')} WHERE hb.counts GROUP BY 1, 2, 3 HAVING sum(c.sign) <> 0),
none AS (SELECT NULL::text AS workstation_id, NULL::int AS records, NULL::bigint AS bytes, NULL::text AS dossier_code WHERE false)
${appendPending('cells', 'none', 'none')}`;

/** One workstation's hand-back notes, one at a time (transaction advisory lock; the namespace keeps it apart from other locks). */
export const HAND_BACK_FIGURES_LOCK = `SELECT pg_advisory_xact_lock(${0x6862}, hashtext($1))`;
