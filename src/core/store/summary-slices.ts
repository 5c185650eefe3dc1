import type { Db } from './database';
import { SUMMARIES } from './summary-schema';
import type { SummaryDifference } from './summary-check';

/** One summary table's rows whose key lies in [from, to]. */
export interface SummarySlice {
  table: (typeof SUMMARIES)[number]['table'];
  from: number;
  to: number;
}

/** The highest key the summary or its base table holds, so a kept row with no base row left is reached too. */
const HIGHEST_KEY: Record<SummarySlice['table'], string> = {
  document_summary: 'SELECT max(coalesce((SELECT max(id) FROM document), 0), coalesce((SELECT max(document_id) FROM document_summary), 0))',
  dossier_summary: 'SELECT max(coalesce((SELECT max(id) FROM dossier), 0), coalesce((SELECT max(dossier_id) FROM dossier_summary), 0))',
  document_flag: 'SELECT max(coalesce((SELECT max(id) FROM document), 0), coalesce((SELECT max(document_id) FROM document_flag), 0))',
  // Keyed by day or hour, not by id: checked whole, in the one slice that starts at 0.
  dossier_day_summary: 'SELECT 0',
  page_hour_summary: 'SELECT 0',
};

export function highestSummaryKey(db: Db, table: SummarySlice['table']): number {
  return db.prepare(HIGHEST_KEY[table]).pluck().get() as number;
}

/**
 * The differences between a summary and its recount for the rows of one key range, read in one
 * transaction: the triggers keep every committed state exact, so any one snapshot of a range must
 * match, and a write between two slices cannot show as a difference. The range filter reaches the
 * recount's rows through their primary key or index (SQLite pushes it into the grouped subquery).
 */
export function sliceDifferences(db: Db, slice: SummarySlice): SummaryDifference[] {
  const s = SUMMARIES.find((x) => x.table === slice.table)!;
  const first = s.key[0];
  const whole = s.table === 'dossier_day_summary' || s.table === 'page_hour_summary';
  const range = whole ? '@from = 0 AND @to >= 0' : `${first} BETWEEN @from AND @to`;
  const kept = `SELECT * FROM ${s.table} WHERE ${range}`;
  const recount = `SELECT * FROM (${s.recount}) WHERE ${range}`;
  const keyOf = (row: Record<string, unknown>) => Object.fromEntries(s.key.map((k) => [k, row[k]]));
  const key = (row: Record<string, unknown>) => JSON.stringify(keyOf(row));
  return db
    .transaction(() => {
      const range = { from: slice.from, to: slice.to };
      const keptOnly = db.prepare(`${kept} EXCEPT ${recount}`).all(range) as Record<string, unknown>[];
      const recountedOnly = db.prepare(`${recount} EXCEPT ${kept}`).all(range) as Record<string, unknown>[];
      const recountedByKey = new Map(recountedOnly.map((r) => [key(r), r]));
      const out: SummaryDifference[] = [];
      for (const row of keptOnly) {
        const recounted = recountedByKey.get(key(row)) ?? null;
        recountedByKey.delete(key(row));
        out.push({ table: s.table, key: keyOf(row), kept: row, recounted });
      }
      for (const recounted of recountedByKey.values()) out.push({ table: s.table, key: keyOf(recounted), kept: null, recounted });
      return out;
    })
    .deferred();
}

export const SUMMARY_TABLES = SUMMARIES.map((s) => s.table);
