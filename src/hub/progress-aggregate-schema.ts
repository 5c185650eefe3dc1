/**
 * The province's figures on the hub (schema version 5): per workstation, the records and bytes of
 * each cell /progress reads (the total, per agency, procedure, year, status and day of receipt, the
 * result records), the count of dossiers with a result and the hand-backs (all, on time, late, late
 * with a reason), kept in the same transaction as each commit: by statement triggers on `record` and `hand_back` in
 * schemas 5 and 6, by the commit's own statements since schema 7 (progress-figure-statements.ts). Each workstation has its own rows, so two workstations'
 * commits never wait on one counter; /progress sums them per cell. The recounts below say what they
 * must hold, from `record` and `hand_back` alone: `sohoa hub --verify` compares the two (progress-aggregate-check.ts).
 */

/** Each cell of a record, as (dimension, key); 'results' only for result records. */
export const CELLS = (
  r: string,
) => `(VALUES ('total', NULL::text), ('agency', ${r}.agency_code), ('procedure', ${r}.procedure_code), ('year', ${r}.year::text),
    ('status', ${r}.status), ('day', to_char(${r}.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')), ('results', NULL::text)) AS cell(dimension, key)`;
export const CELL_FILTER = (r: string) => `(cell.dimension <> 'results' OR ${r}.is_result)`;

/** What a hand-back counts in: every one, and on time, late, late with a reason (a hand-back without a due date is neither). */
export const HAND_BACK_CELLS = (
  h: string,
) => `(VALUES ('total', true), ('on-time', coalesce(${h}.on_time, false)), ('late', coalesce(NOT ${h}.on_time, false)),
    ('late-with-reason', coalesce(NOT ${h}.on_time AND ${h}.late_reason IS NOT NULL, false))) AS hb(key, counts)`;

export const PROGRESS_AGGREGATE_RECOUNT = `SELECT r.workstation_id, cell.dimension, cell.key, count(*)::bigint AS records, sum(r.size)::bigint AS bytes
  FROM record r CROSS JOIN LATERAL ${CELLS('r')} WHERE ${CELL_FILTER('r')} GROUP BY 1, 2, 3
  UNION ALL
  SELECT workstation_id, 'result-dossiers', NULL, count(DISTINCT dossier_code)::bigint, 0::bigint FROM record WHERE is_result GROUP BY 1
  UNION ALL
  SELECT h.workstation_id, 'hand-backs', hb.key, count(*)::bigint, 0::bigint FROM hand_back h CROSS JOIN LATERAL ${HAND_BACK_CELLS('h')} WHERE hb.counts GROUP BY 1, 2, 3`;

export const PROGRESS_RESULT_DOSSIER_RECOUNT = `SELECT workstation_id, dossier_code, count(*)::bigint AS records FROM record WHERE is_result GROUP BY 1, 2`;

/** Each kept table, the view of it with the pending figures added (schema 8, progress-pending-schema.ts), its key columns and its recount. */
export const PROGRESS_AGGREGATES = [
  {
    table: 'progress_aggregate',
    figures: 'progress_figure',
    key: ['workstation_id', 'dimension', 'key'],
    recount: PROGRESS_AGGREGATE_RECOUNT,
  },
  {
    table: 'progress_result_dossier',
    figures: 'progress_result_dossier_figure',
    key: ['workstation_id', 'dossier_code'],
    recount: PROGRESS_RESULT_DOSSIER_RECOUNT,
  },
] as const;

export const PROGRESS_FILL_SQL = `
DELETE FROM progress_aggregate;
DELETE FROM progress_result_dossier;
INSERT INTO progress_aggregate (workstation_id, dimension, key, records, bytes) ${PROGRESS_AGGREGATE_RECOUNT};
INSERT INTO progress_result_dossier (workstation_id, dossier_code, records) ${PROGRESS_RESULT_DOSSIER_RECOUNT};
`;

/**
 * What one statement changed, as signed rows: +1 for each row it inserted, −1 for each it deleted
 * (an update is both). The upserts go in key order, so two commits touching the same rows cannot deadlock.
 */
const applyChanges = (changes: string, removals: boolean) => `
  WITH c AS (${changes})
  INSERT INTO progress_aggregate AS a (workstation_id, dimension, key, records, bytes)
  SELECT c.workstation_id, cell.dimension, cell.key, sum(c.sign), sum(c.sign * c.size)
    FROM c CROSS JOIN LATERAL ${CELLS('c')} WHERE ${CELL_FILTER('c')} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (dimension, key, workstation_id) DO UPDATE SET records = a.records + excluded.records, bytes = a.bytes + excluded.bytes;

  WITH c AS (${changes}),
  d AS (SELECT workstation_id, dossier_code, sum(sign) AS n FROM c WHERE is_result GROUP BY 1, 2),
  kept AS (
    INSERT INTO progress_result_dossier AS p (workstation_id, dossier_code, records) SELECT * FROM d ORDER BY 1, 2
    ON CONFLICT (workstation_id, dossier_code) DO UPDATE SET records = p.records + excluded.records
    RETURNING p.workstation_id, p.dossier_code, p.records),
  counted AS (
    SELECT kept.workstation_id, sum(CASE WHEN kept.records > 0 AND kept.records - d.n <= 0 THEN 1 WHEN kept.records <= 0 AND kept.records - d.n > 0 THEN -1 ELSE 0 END) AS delta
    FROM kept JOIN d USING (workstation_id, dossier_code) GROUP BY 1)
  INSERT INTO progress_aggregate AS a (workstation_id, dimension, key, records, bytes)
  SELECT workstation_id, 'result-dossiers', NULL, delta, 0 FROM counted WHERE delta <> 0 ORDER BY 1
  ON CONFLICT (dimension, key, workstation_id) DO UPDATE SET records = a.records + excluded.records;
  ${
    removals
      ? `DELETE FROM progress_aggregate WHERE records = 0 AND workstation_id IN (SELECT workstation_id FROM old_rows);
  DELETE FROM progress_result_dossier WHERE records = 0 AND workstation_id IN (SELECT workstation_id FROM old_rows);`
      : ''
  }`;

/** What one statement on hand_back changed, as signed rows (an upsert that replaced a row fires the update trigger). */
const applyHandBackChanges = (changes: string, removals: boolean) => `
  WITH c AS (${changes})
  INSERT INTO progress_aggregate AS a (workstation_id, dimension, key, records, bytes)
  SELECT c.workstation_id, 'hand-backs', hb.key, sum(c.sign), 0 FROM c CROSS JOIN LATERAL ${HAND_BACK_CELLS('c')} WHERE hb.counts
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (dimension, key, workstation_id) DO UPDATE SET records = a.records + excluded.records;
  ${removals ? `DELETE FROM progress_aggregate WHERE records = 0 AND dimension = 'hand-backs' AND workstation_id IN (SELECT workstation_id FROM old_rows);` : ''}`;

const triggerFunction = (name: string, body: string) => `
CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
${body}
  RETURN NULL;
END
$fn$;`;

/** The trigger functions as schema 5 made them: two statements per record change (the cells, then the result dossiers). */
export const PROGRESS_FUNCTIONS_V5_SQL = `
${triggerFunction('progress_record_insert', applyChanges('SELECT *, 1 AS sign FROM new_rows', false))}
${triggerFunction('progress_record_delete', applyChanges('SELECT *, -1 AS sign FROM old_rows', true))}
${triggerFunction('progress_record_update', applyChanges('SELECT *, 1 AS sign FROM new_rows UNION ALL SELECT *, -1 AS sign FROM old_rows', true))}
${triggerFunction('progress_hand_back_insert', applyHandBackChanges('SELECT *, 1 AS sign FROM new_rows', false))}
${triggerFunction('progress_hand_back_delete', applyHandBackChanges('SELECT *, -1 AS sign FROM old_rows', true))}
${triggerFunction('progress_hand_back_update', applyHandBackChanges('SELECT *, 1 AS sign FROM new_rows UNION ALL SELECT *, -1 AS sign FROM old_rows', true))}
`;

/**
 * Schema 6: a record change kept in one statement, not two: the transition table read once, one plan run per
 * commit. Its cells and its result dossiers are distinct rows, so the two upserts of progress_aggregate in one
 * statement never meet. The unreferenced CTE runs last: every commit takes its locks in the same order
 * (result dossiers, the dossier count, then the cells in key order), so two commits cannot deadlock.
 */
const applyChangesOnce = (changes: string, removals: boolean) => `
  WITH c AS MATERIALIZED (${changes}),
  cells AS (
    INSERT INTO progress_aggregate AS a (workstation_id, dimension, key, records, bytes)
    SELECT c.workstation_id, cell.dimension, cell.key, sum(c.sign), sum(c.sign * c.size)
      FROM c CROSS JOIN LATERAL ${CELLS('c')} WHERE ${CELL_FILTER('c')} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (dimension, key, workstation_id) DO UPDATE SET records = a.records + excluded.records, bytes = a.bytes + excluded.bytes),
  d AS (SELECT workstation_id, dossier_code, sum(sign) AS n FROM c WHERE is_result GROUP BY 1, 2),
  kept AS (
    INSERT INTO progress_result_dossier AS p (workstation_id, dossier_code, records) SELECT * FROM d ORDER BY 1, 2
    ON CONFLICT (workstation_id, dossier_code) DO UPDATE SET records = p.records + excluded.records
    RETURNING p.workstation_id, p.dossier_code, p.records),
  counted AS (
    SELECT kept.workstation_id, sum(CASE WHEN kept.records > 0 AND kept.records - d.n <= 0 THEN 1 WHEN kept.records <= 0 AND kept.records - d.n > 0 THEN -1 ELSE 0 END) AS delta
    FROM kept JOIN d USING (workstation_id, dossier_code) GROUP BY 1)
  INSERT INTO progress_aggregate AS a (workstation_id, dimension, key, records, bytes)
  SELECT workstation_id, 'result-dossiers', NULL, delta, 0 FROM counted WHERE delta <> 0 ORDER BY 1
  ON CONFLICT (dimension, key, workstation_id) DO UPDATE SET records = a.records + excluded.records;
  ${
    removals
      ? `DELETE FROM progress_aggregate WHERE records = 0 AND workstation_id IN (SELECT workstation_id FROM old_rows);
  DELETE FROM progress_result_dossier WHERE records = 0 AND workstation_id IN (SELECT workstation_id FROM old_rows);`
      : ''
  }`;

/** Schema 6's record trigger functions (the hand-back ones are unchanged). */
export const PROGRESS_FUNCTIONS_V6_SQL = `
${triggerFunction('progress_record_insert', applyChangesOnce('SELECT *, 1 AS sign FROM new_rows', false))}
${triggerFunction('progress_record_delete', applyChangesOnce('SELECT *, -1 AS sign FROM old_rows', true))}
${triggerFunction('progress_record_update', applyChangesOnce('SELECT *, 1 AS sign FROM new_rows UNION ALL SELECT *, -1 AS sign FROM old_rows', true))}
`;

/** The triggers alone, so a bench can drop them to measure ingest without them and create them again. */
export const PROGRESS_TRIGGERS_SQL = `
CREATE TRIGGER progress_record_insert AFTER INSERT ON record REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_record_insert();
CREATE TRIGGER progress_record_delete AFTER DELETE ON record REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_record_delete();
CREATE TRIGGER progress_record_update AFTER UPDATE ON record REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_record_update();
CREATE TRIGGER progress_hand_back_insert AFTER INSERT ON hand_back REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_hand_back_insert();
CREATE TRIGGER progress_hand_back_delete AFTER DELETE ON hand_back REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_hand_back_delete();
CREATE TRIGGER progress_hand_back_update AFTER UPDATE ON hand_back REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_hand_back_update();
`;

export const PROGRESS_AGGREGATE_SQL = `
CREATE TABLE progress_aggregate (
  workstation_id TEXT NOT NULL,
  -- total, agency, procedure, year, status, day, results, result-dossiers
  dimension TEXT NOT NULL,
  key TEXT,
  records BIGINT NOT NULL,
  bytes BIGINT NOT NULL,
  -- Led by the dimension: /progress reads one dimension's rows at a time.
  CONSTRAINT progress_aggregate_cell UNIQUE NULLS NOT DISTINCT (dimension, key, workstation_id)
) WITH (fillfactor = 50);
-- Pages kept half empty: a commit's update of a row then fits on its page (a HOT update, no new index entry).
-- The result records of each dossier, so a dossier's first result (and its last, removed) moves the dossier count.
CREATE TABLE progress_result_dossier (
  workstation_id TEXT NOT NULL,
  dossier_code TEXT NOT NULL,
  records BIGINT NOT NULL,
  PRIMARY KEY (workstation_id, dossier_code)
) WITH (fillfactor = 50);
${PROGRESS_FUNCTIONS_V5_SQL}
${PROGRESS_TRIGGERS_SQL}
${PROGRESS_FILL_SQL}
`;

export const PROGRESS_TRIGGERS = [
  ['progress_record_insert', 'record'],
  ['progress_record_delete', 'record'],
  ['progress_record_update', 'record'],
  ['progress_hand_back_insert', 'hand_back'],
  ['progress_hand_back_delete', 'hand_back'],
  ['progress_hand_back_update', 'hand_back'],
] as const;

/**
 * Schema 7: the triggers and their functions go; the hub's commit keeps the figures itself, in the statements that write
 * `record` and `hand_back` (progress-figure-statements.ts). The figures they kept stay as they are: they match the records.
 */
export const PROGRESS_TRIGGERS_DROP_SQL = PROGRESS_TRIGGERS.map(
  ([name, table]) => `DROP TRIGGER IF EXISTS ${name} ON ${table};\nDROP FUNCTION IF EXISTS ${name}();`,
).join('\n');
