import type { Db } from './database';
import { SUMMARIES } from './summary-schema';
import { dayGrouping } from './summary-day-schema';
import { hourRecount } from './summary-hour-schema';
import { dayFlagGrouping } from './summary-day-flag-schema';
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
  // Keyed by day: checked whole, in the one slice that starts at 0.
  dossier_day_summary: 'SELECT 0',
  dossier_day_flag: 'SELECT 0',
  // Keyed by hour: sliced by hours since 1970.
  page_hour_summary: `SELECT coalesce(max(${hourNumber('(SELECT max(created_at) FROM page)')}, ${hourNumber('(SELECT max(hour) FROM page_hour_summary)')}), 0)`,
};

/** An hour (`YYYY-MM-DDTHH…`) as hours since 1970, and back. */
function hourNumber(hour: string): string {
  return `CAST(strftime('%s', substr(${hour}, 1, 13) || ':00:00') AS INTEGER) / 3600`;
}
const hourAt = (n: string) => `strftime('%Y-%m-%dT%H', ${n} * 3600, 'unixepoch')`;

export function highestSummaryKey(db: Db, table: SummarySlice['table']): number {
  return db.prepare(HIGHEST_KEY[table]).pluck().get() as number;
}

/** Where the slices of a table start: 0, or for the hours the first hour held or counted. */
export function lowestSummaryKey(db: Db, table: SummarySlice['table']): number {
  if (table !== 'page_hour_summary') return 0;
  const sql = `SELECT coalesce(min(${hourNumber('(SELECT min(created_at) FROM page)')}, ${hourNumber('(SELECT min(hour) FROM page_hour_summary)')}), 0)`;
  return db.prepare(sql).pluck().get() as number;
}

/**
 * Each table's kept rows and recount within a slice. The hours are recounted from the pages of those
 * hours (the index on created_at). The day summary is compared whole with the grouping of the kept
 * dossier and document summaries, which the slices before it compared with the base tables: its
 * recount from the base tables alone (summary-check.ts) redoes both of theirs in one go; so for the
 * pages per flag per day, with the documents' flag counts.
 */
function sliceQueries(table: SummarySlice['table']): { kept: string; recount: string } {
  const s = SUMMARIES.find((x) => x.table === table)!;
  if (table === 'dossier_day_summary')
    return {
      kept: 'SELECT * FROM dossier_day_summary WHERE @from = 0 AND @to >= 0',
      recount: `SELECT * FROM (${dayGrouping('dossier_summary', 'document_summary')}) WHERE @from = 0 AND @to >= 0`,
    };
  if (table === 'dossier_day_flag')
    return {
      kept: 'SELECT * FROM dossier_day_flag WHERE @from = 0 AND @to >= 0',
      recount: `SELECT * FROM (${dayFlagGrouping('document_flag', 'document_summary', 'dossier_summary')}) WHERE @from = 0 AND @to >= 0`,
    };
  if (table === 'page_hour_summary')
    return {
      kept: `SELECT * FROM page_hour_summary WHERE hour >= ${hourAt('@from')} AND hour < ${hourAt('(@to + 1)')}`,
      recount: hourRecount(`p.created_at >= ${hourAt('@from')} AND p.created_at < ${hourAt('(@to + 1)')}`),
    };
  const range = `${s.key[0]} BETWEEN @from AND @to`;
  return { kept: `SELECT * FROM ${s.table} WHERE ${range}`, recount: `SELECT * FROM (${s.recount}) WHERE ${range}` };
}

/**
 * The differences between a summary and its recount for the rows of one key range, read in one
 * transaction: the triggers keep every committed state exact, so any one snapshot of a range must
 * match, and a write between two slices cannot show as a difference. The range filter reaches the
 * recount's rows through their primary key or index (SQLite pushes it into the grouped subquery).
 */
export function sliceDifferences(db: Db, slice: SummarySlice): SummaryDifference[] {
  const s = SUMMARIES.find((x) => x.table === slice.table)!;
  const { kept, recount } = sliceQueries(slice.table);
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
