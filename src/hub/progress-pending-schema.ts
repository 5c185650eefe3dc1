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
