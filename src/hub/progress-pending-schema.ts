/**
 * Schema 8: what each commit adds to the province's figures is appended, one row per commit, to `progress_pending`
 * (insert-only, no index: a commit takes no lock that another commit or the fold waits on), and folded into the kept
 * rows (progress-aggregate-schema.ts) in the background (progress-figure-fold.ts). The figures are the kept rows plus
 * what is pending, in one snapshot: `progress_figure` and `progress_result_dossier_figure` say so, and /progress, the
 * hand-back counts and `sohoa hub --verify` read them, so they are exact at every instant, folded or not.
 */
export const PROGRESS_PENDING_SQL = `
CREATE TABLE progress_pending (
  workstation_id TEXT NOT NULL,
  -- The cells one commit changed, as parallel arrays (a NULL key is the cell without a key).
  dimension TEXT[] NOT NULL,
  key TEXT[] NOT NULL,
  records BIGINT[] NOT NULL,
  bytes BIGINT[] NOT NULL,
  -- The dossiers it added result records to, and how many to each.
  result_dossier TEXT[] NOT NULL DEFAULT '{}',
  result_records BIGINT[] NOT NULL DEFAULT '{}'
);

CREATE VIEW progress_pending_cell AS
  SELECT p.workstation_id, u.dimension, u.key, u.records, u.bytes
    FROM progress_pending p CROSS JOIN LATERAL unnest(p.dimension, p.key, p.records, p.bytes) AS u(dimension, key, records, bytes);

CREATE VIEW progress_pending_result_dossier AS
  SELECT p.workstation_id, u.dossier_code, u.records
    FROM progress_pending p CROSS JOIN LATERAL unnest(p.result_dossier, p.result_records) AS u(dossier_code, records);

CREATE VIEW progress_result_dossier_figure AS
  SELECT workstation_id, dossier_code, sum(records)::bigint AS records FROM (
    SELECT workstation_id, dossier_code, records FROM progress_result_dossier
    UNION ALL SELECT workstation_id, dossier_code, records FROM progress_pending_result_dossier) AS kept_and_pending
  GROUP BY 1, 2;

-- The kept rows and the pending ones, one row each, not yet added up. A pending dossier counts as a new result dossier
-- when no kept row has it yet (records are only ever added).
CREATE VIEW progress_figure_part AS
  SELECT workstation_id, dimension, key, records, bytes FROM progress_aggregate
  UNION ALL SELECT workstation_id, dimension, key, records, bytes FROM progress_pending_cell
  UNION ALL SELECT n.workstation_id, 'result-dossiers', NULL, count(DISTINCT n.dossier_code), 0 FROM progress_pending_result_dossier n
    WHERE NOT EXISTS (SELECT 1 FROM progress_result_dossier k WHERE k.workstation_id = n.workstation_id AND k.dossier_code = n.dossier_code)
    GROUP BY 1;

-- Each workstation's figure per cell, as a recount gives it (no row for a cell at nothing).
CREATE VIEW progress_figure AS
  SELECT workstation_id, dimension, key, sum(records)::bigint AS records, sum(bytes)::bigint AS bytes FROM progress_figure_part
  GROUP BY 1, 2, 3 HAVING sum(records) <> 0 OR sum(bytes) <> 0;
`;

/**
 * Schema 9: a pending dossier is looked up in the kept ones by its key, one index probe each (a scalar subquery, which
 * the planner keeps per row), where schema 8's NOT EXISTS let it hash the whole of `progress_result_dossier`: a read of
 * /progress with anything pending then cost a scan of every kept result dossier, growing with the province.
 */
export const PROGRESS_FIGURE_PART_V9_SQL = `
CREATE OR REPLACE VIEW progress_figure_part AS
  SELECT workstation_id, dimension, key, records, bytes FROM progress_aggregate
  UNION ALL SELECT workstation_id, dimension, key, records, bytes FROM progress_pending_cell
  UNION ALL SELECT n.workstation_id, 'result-dossiers', NULL, count(DISTINCT n.dossier_code), 0 FROM progress_pending_result_dossier n
    WHERE (SELECT k.records FROM progress_result_dossier k WHERE k.workstation_id = n.workstation_id AND k.dossier_code = n.dossier_code) IS NULL
    GROUP BY 1;
`;

/**
 * The dimensions of a schema-10 pending row's cells, by number (1 = agency …): a row stores the number, not the name.
 * Append only: the numbers are stored.
 */
export const PENDING_DIMENSIONS = ['agency', 'procedure', 'year', 'status', 'results', 'hand-backs'] as const;
export type PendingDimension = (typeof PENDING_DIMENSIONS)[number];
export const pendingDimensionNumber = (dimension: PendingDimension) => PENDING_DIMENSIONS.indexOf(dimension) + 1;
/** PENDING_DIMENSIONS as an SQL array literal: a number indexes it (from 1), a name's array_position gives its number. */
export const PENDING_DIMENSIONS_SQL = `ARRAY[${PENDING_DIMENSIONS.map((d) => `'${d}'`).join(', ')}]`;

/**
 * The cells of the schema-10 pending rows `p` (FROM-clause rows with the table's columns), as (workstation_id, dimension,
 * key, records, bytes): those of the arrays, and the total and the day of receipt from the row's own count, when it
 * stored records. Schema 10's views are made from this and pendingResultDossiers: a change to either is a new schema version.
 */
export const pendingCells = (p: string) => `
  SELECT p.workstation_id, (${PENDING_DIMENSIONS_SQL})[u.dimension] AS dimension, u.key, u.records::bigint AS records, u.bytes
    FROM ${p} p CROSS JOIN LATERAL unnest(p.dimension, p.key, p.cell_records, p.cell_bytes) AS u(dimension, key, records, bytes)
  UNION ALL SELECT p.workstation_id, 'total', NULL, p.records, p.bytes FROM ${p} p WHERE p.records <> 0
  UNION ALL SELECT p.workstation_id, 'day', to_char(p.received_on, 'YYYY-MM-DD'), p.records, p.bytes FROM ${p} p WHERE p.records <> 0`;

/** The result dossiers of the schema-10 pending rows `p`: one row per result record. */
export const pendingResultDossiers = (p: string) => `
  SELECT p.workstation_id, u.dossier_code FROM ${p} p CROSS JOIN LATERAL unnest(p.result_dossier) AS u(dossier_code)`;

/**
 * Schema 9's fold (progress-figure-fold.ts as it was) of the schema-9 pending rows in `pending`: for the migration to
 * schema 10, and for the profile bench's comparison (bench/hub-pending-profile.ts). One statement; it answers the rows
 * it folded.
 */
export const schema9FoldSql = (pending: string) => `WITH gone AS (DELETE FROM ${pending} RETURNING *),
cells AS (
  SELECT g.workstation_id, u.dimension, u.key, sum(u.records) AS records, sum(u.bytes) AS bytes
    FROM gone g CROSS JOIN LATERAL unnest(g.dimension, g.key, g.records, g.bytes) AS u(dimension, key, records, bytes) GROUP BY 1, 2, 3),
d AS MATERIALIZED (
  SELECT x.*, (SELECT true FROM progress_result_dossier k WHERE k.workstation_id = x.workstation_id AND k.dossier_code = x.dossier_code) AS kept
    FROM (SELECT g.workstation_id, u.dossier_code, sum(u.records)::bigint AS n
      FROM gone g CROSS JOIN LATERAL unnest(g.result_dossier, g.result_records) AS u(dossier_code, records) GROUP BY 1, 2) AS x),
added AS (
  INSERT INTO progress_result_dossier (workstation_id, dossier_code, records)
  SELECT workstation_id, dossier_code, n FROM d WHERE kept IS NULL ORDER BY 1, 2
  RETURNING workstation_id),
grown AS (
  INSERT INTO progress_result_dossier AS p (workstation_id, dossier_code, records)
  SELECT workstation_id, dossier_code, n FROM d WHERE kept ORDER BY 1, 2
  ON CONFLICT (workstation_id, dossier_code) DO UPDATE SET records = p.records + excluded.records),
dossiers AS (
  SELECT workstation_id, 'result-dossiers'::text AS dimension, NULL::text AS key, count(*)::numeric AS records, 0::numeric AS bytes
    FROM added GROUP BY 1),
folded AS (
  INSERT INTO progress_aggregate AS a (workstation_id, dimension, key, records, bytes)
  SELECT workstation_id, dimension, key, sum(records), sum(bytes) FROM (SELECT * FROM cells UNION ALL SELECT * FROM dossiers) AS x
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (dimension, key, workstation_id) DO UPDATE SET records = a.records + excluded.records, bytes = a.bytes + excluded.bytes)
SELECT count(*)::int AS n FROM gone`;

/**
 * The rows pending in schema 9's shape added into the kept ones before their table is replaced, with schema 9's fold;
 * a fold running meanwhile is waited for.
 */
const SCHEMA_9_FOLD = `
SELECT pg_advisory_xact_lock(${0x6866}, 0);
${schema9FoldSql('progress_pending')};
DELETE FROM progress_aggregate WHERE dimension = 'hand-backs' AND records = 0;`;

/**
 * Schema 10: a smaller pending row, cheaper to write (docs/ARCHITECTURE.md, "The province's figures"). Schema 8's row
 * held every cell as a text dimension, a key and two BIGINTs, the total twice (its own cell and the day's, which the
 * statement appended to each array) and each result dossier with a count. Now the total is the row's own `records` and
 * `bytes` (the day's too: `received_on`, the transaction's date, a column default), the other cells' dimensions are
 * numbers (PENDING_DIMENSIONS) and their counts INTs, and the dossiers a plain array, one per result record. The rows
 * pending in schema 9's shape are folded first, with schema 9's fold; the views read the new shape.
 */
export const PROGRESS_PENDING_V10_SQL = `
${SCHEMA_9_FOLD}
DROP VIEW progress_figure;
DROP VIEW progress_figure_part;
DROP VIEW progress_result_dossier_figure;
DROP VIEW progress_pending_result_dossier;
DROP VIEW progress_pending_cell;
DROP TABLE progress_pending;

CREATE TABLE progress_pending (
  workstation_id TEXT NOT NULL,
  -- The records the commit stored and their bytes: the total's delta, and the day of receipt's.
  records INT NOT NULL DEFAULT 0,
  bytes BIGINT NOT NULL DEFAULT 0,
  -- The day of receipt of every record of the commit: the transaction's (received_at is now()), in UTC.
  received_on DATE NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')::date,
  -- The other cells it changed, as parallel arrays: the dimension's number (PENDING_DIMENSIONS), the key (NULL: the
  -- cell without a key), the deltas.
  dimension SMALLINT[] NOT NULL DEFAULT '{}',
  key TEXT[] NOT NULL DEFAULT '{}',
  cell_records INT[] NOT NULL DEFAULT '{}',
  cell_bytes BIGINT[] NOT NULL DEFAULT '{}',
  -- The dossier of each result record it stored (a dossier with two of them, twice).
  result_dossier TEXT[] NOT NULL DEFAULT '{}'
);

CREATE VIEW progress_pending_cell AS ${pendingCells('progress_pending')};

CREATE VIEW progress_pending_result_dossier AS
  SELECT workstation_id, dossier_code, 1::bigint AS records FROM (${pendingResultDossiers('progress_pending')}) AS d;

CREATE VIEW progress_result_dossier_figure AS
  SELECT workstation_id, dossier_code, sum(records)::bigint AS records FROM (
    SELECT workstation_id, dossier_code, records FROM progress_result_dossier
    UNION ALL SELECT workstation_id, dossier_code, records FROM progress_pending_result_dossier) AS kept_and_pending
  GROUP BY 1, 2;

${PROGRESS_FIGURE_PART_V9_SQL.replace('CREATE OR REPLACE VIEW', 'CREATE VIEW')}

CREATE VIEW progress_figure AS
  SELECT workstation_id, dimension, key, sum(records)::bigint AS records, sum(bytes)::bigint AS bytes FROM progress_figure_part
  GROUP BY 1, 2, 3 HAVING sum(records) <> 0 OR sum(bytes) <> 0;
`;
