import type { Db } from './database';
import { SUMMARIES, SUMMARY_FILL_SQL } from './summary-schema';

/** One summary row that does not hold what a recount from the base tables gives. */
export interface SummaryDifference {
  table: string;
  /** The row's key, e.g. `{ document_id: 12 }`. */
  key: Record<string, unknown>;
  /** What the summary holds (null: no such row). */
  kept: Record<string, unknown> | null;
  /** What the base tables give (null: there should be no such row). */
  recounted: Record<string, unknown> | null;
}

/**
 * Every summary row recomputed from the base tables and compared with what the triggers kept, both
 * ways (a row kept that the recount lacks, a row recounted that is not kept, a row whose figures
 * differ). Read in one transaction, so a write in between cannot show as a difference.
 */
export function summaryDifferences(db: Db, limit = Number.POSITIVE_INFINITY): SummaryDifference[] {
  return db.transaction(() => {
    const out: SummaryDifference[] = [];
    for (const s of SUMMARIES) {
      const keyOf = (row: Record<string, unknown>) => Object.fromEntries(s.key.map((k) => [k, row[k]]));
      const keptOnly = db.prepare(`SELECT * FROM ${s.table} EXCEPT SELECT * FROM (${s.recount})`).all() as Record<string, unknown>[];
      const recountedOnly = db.prepare(`SELECT * FROM (${s.recount}) EXCEPT SELECT * FROM ${s.table}`).all() as Record<string, unknown>[];
      const key = (row: Record<string, unknown>) => JSON.stringify(keyOf(row));
      const recountedByKey = new Map(recountedOnly.map((r) => [key(r), r]));
      for (const kept of keptOnly) {
        const recounted = recountedByKey.get(key(kept)) ?? null;
        recountedByKey.delete(key(kept));
        out.push({ table: s.table, key: keyOf(kept), kept, recounted });
      }
      for (const recounted of recountedByKey.values()) out.push({ table: s.table, key: keyOf(recounted), kept: null, recounted });
      if (out.length >= limit) return out.slice(0, limit);
    }
    return out;
  })();
}

/** Empties every summary and fills it again from the base tables, in one transaction. */
export function rebuildSummaries(db: Db): void {
  db.transaction(() => db.exec(SUMMARY_FILL_SQL))();
}

/** A difference as one line: the table, the row's key, and each figure that differs (kept → recounted). */
export function describeDifference(d: SummaryDifference): string {
  const key = Object.entries(d.key)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
  if (!d.kept) return `${d.table} ${key}: missing (should be ${JSON.stringify(d.recounted)})`;
  if (!d.recounted) return `${d.table} ${key}: kept but has nothing to summarize (${JSON.stringify(d.kept)})`;
  const changed = Object.keys(d.recounted)
    .filter((c) => d.kept![c] !== d.recounted![c])
    .map((c) => `${c} ${String(d.kept![c])} → ${String(d.recounted![c])}`);
  return `${d.table} ${key}: ${changed.join(', ')} (kept → recounted)`;
}
