import type pg from 'pg';
import { HubAuditLog } from './hub-audit-log';
import { inHubTransaction } from './hub-transaction';
import { PROGRESS_AGGREGATES, PROGRESS_FILL_SQL } from './progress-aggregate-schema';
import { FOLD_LOCK_WAIT } from './progress-figure-fold';

/** One kept row that does not hold what a recount from `record` and `hand_back` gives. */
export interface AggregateDifference {
  table: string;
  key: Record<string, unknown>;
  /** What the hub keeps (null: no such row). */
  kept: Record<string, unknown> | null;
  /** What `record` gives (null: there should be no such row). */
  recounted: Record<string, unknown> | null;
}

/** BIGINT comes back as text from pg: compared and printed as written. */
const keyOf = (key: readonly string[], row: Record<string, unknown>) => Object.fromEntries(key.map((k) => [k, row[k] ?? null]));

/**
 * Every figure recomputed from `record` and `hand_back` and compared with what the commits kept (the kept rows plus the
 * pending ones: progress-pending-schema.ts), both ways, in one REPEATABLE READ transaction: a commit writes its rows and
 * their figures in one transaction, and a fold moves figures from pending to kept in one, so neither running meanwhile
 * can show as a difference; a row changed by hand in SQL does (named by its kept table).
 */
export async function aggregateDifferences(pool: pg.Pool): Promise<AggregateDifference[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const out: AggregateDifference[] = [];
    for (const a of PROGRESS_AGGREGATES) {
      const columns =
        a.table === 'progress_aggregate' ? 'workstation_id, dimension, key, records, bytes' : 'workstation_id, dossier_code, records';
      const kept = `SELECT ${columns} FROM ${a.figures}`;
      const recount = `SELECT ${columns} FROM (${a.recount}) AS recount`;
      const keptOnly = (await client.query<Record<string, unknown>>(`${kept} EXCEPT ${recount}`)).rows;
      const recountedOnly = (await client.query<Record<string, unknown>>(`${recount} EXCEPT ${kept}`)).rows;
      const id = (row: Record<string, unknown>) => JSON.stringify(keyOf(a.key, row));
      const recountedById = new Map(recountedOnly.map((r) => [id(r), r]));
      for (const row of keptOnly) {
        const recounted = recountedById.get(id(row)) ?? null;
        recountedById.delete(id(row));
        out.push({ table: a.table, key: keyOf(a.key, row), kept: row, recounted });
      }
      for (const recounted of recountedById.values()) out.push({ table: a.table, key: keyOf(a.key, recounted), kept: null, recounted });
    }
    await client.query('COMMIT');
    return out;
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  } finally {
    client.release();
  }
}

/**
 * Empties the kept and pending figures and fills them again from `record` and `hand_back`, commits held off meanwhile
 * (SHARE locks) and a fold under way waited for; the hub's audit log records it (who, and how many differences the
 * check had found) in the same transaction.
 */
export async function rebuildAggregates(pool: pg.Pool, actor = 'hub', differencesFound?: number): Promise<void> {
  await inHubTransaction(pool, async (client) => {
    await client.query(FOLD_LOCK_WAIT);
    await client.query('LOCK TABLE record, hand_back IN SHARE MODE');
    await client.query(`DELETE FROM progress_pending;\n${PROGRESS_FILL_SQL}`);
    await new HubAuditLog().append(client, {
      actor,
      action: 'hub.figures-rebuilt',
      details: { differencesFound: differencesFound ?? null },
    });
  });
}

/** A difference as one line: the table, the row's key, and each figure that differs (kept → recounted). */
export function describeAggregateDifference(d: AggregateDifference): string {
  const key = Object.entries(d.key)
    .map(([k, v]) => `${k}=${v === null ? '∅' : String(v)}`)
    .join(' ');
  if (!d.kept) return `${d.table} ${key}: missing (should be ${JSON.stringify(d.recounted)})`;
  if (!d.recounted) return `${d.table} ${key}: kept but nothing to count (${JSON.stringify(d.kept)})`;
  const changed = Object.keys(d.recounted)
    .filter((c) => String(d.kept![c]) !== String(d.recounted![c]))
    .map((c) => `${c} ${String(d.kept![c])} → ${String(d.recounted![c])}`);
  return `${d.table} ${key}: ${changed.join(', ')} (kept → recounted)`;
}
