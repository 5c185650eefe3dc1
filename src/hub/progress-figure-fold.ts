import type pg from 'pg';
import { inHubTransaction, type HubQueryable } from './hub-transaction';
import { pendingCells, pendingResultDossiers } from './progress-pending-schema';

/** One fold at a time, across the hub's instances (transaction advisory lock; the namespace keeps it apart from other locks). */
const FOLD_LOCK = `SELECT pg_try_advisory_xact_lock(${0x6866}, 0) AS got`;
/** What a rebuild takes: it waits for a fold running meanwhile. */
export const FOLD_LOCK_WAIT = `SELECT pg_advisory_xact_lock(${0x6866}, 0)`;

/**
 * The pending rows this transaction sees, deleted and added into the kept ones in the same statement: a dossier's
 * first result records (no kept row before) make it a new result dossier. Rows a commit appends meanwhile are not in
 * this snapshot: they stay pending for the next fold. Kept rows are written in key order.
 * Each pending dossier is looked up in the kept ones first (one index probe, as the reads do: progress-pending-schema.ts),
 * so a new one is a plain insert and a kept one an update: an upsert of each would make every new dossier a speculative
 * insertion, with its own WAL record and lock, and most are new. Only the fold writes `progress_result_dossier`, under
 * FOLD_LOCK (a rebuild waits for it), so no row can appear between the probe and the insert.
 */
const FOLD = `
WITH gone AS (DELETE FROM progress_pending RETURNING *),
cells AS (SELECT workstation_id, dimension, key, sum(records) AS records, sum(bytes) AS bytes FROM (${pendingCells('gone')}) AS c GROUP BY 1, 2, 3),
d AS MATERIALIZED (
  SELECT x.*, (SELECT true FROM progress_result_dossier k WHERE k.workstation_id = x.workstation_id AND k.dossier_code = x.dossier_code) AS kept
    FROM (SELECT workstation_id, dossier_code, count(*) AS n FROM (${pendingResultDossiers('gone')}) AS r GROUP BY 1, 2) AS x),
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

/** A hand-back replaced by one that counts elsewhere can leave a cell at nothing: no row, as a recount gives none. */
const EMPTY_CELLS_DELETE = `DELETE FROM progress_aggregate WHERE dimension = 'hand-backs' AND records = 0`;

/** Folds in `db`'s transaction (the caller holds FOLD_LOCK_WAIT or knows no fold can run); the pending rows folded. */
export async function foldPendingIn(db: HubQueryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>({ name: 'progress-fold', text: FOLD });
  await db.query({ name: 'progress-fold-empty-cells', text: EMPTY_CELLS_DELETE });
  return rows[0]!.n;
}

/**
 * Adds the pending figures into the kept rows in a transaction of its own; the number of commits folded, or null when
 * another fold holds the lock (it folds them). The figures read the same before and after (progress-pending-schema.ts).
 */
export async function foldPendingFigures(pool: pg.Pool): Promise<number | null> {
  return inHubTransaction(pool, async (client) => {
    const { rows } = await client.query<{ got: boolean }>(FOLD_LOCK);
    return rows[0]!.got ? foldPendingIn(client) : null;
  });
}
