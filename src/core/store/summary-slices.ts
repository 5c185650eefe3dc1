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
const HIGHEST_DOSSIER =
  'SELECT max(coalesce((SELECT max(id) FROM dossier), 0), coalesce((SELECT max(dossier_id) FROM dossier_summary), 0))';
const HIGHEST_KEY: Record<SummarySlice['table'], string> = {
  document_summary: 'SELECT max(coalesce((SELECT max(id) FROM document), 0), coalesce((SELECT max(document_id) FROM document_summary), 0))',
  dossier_summary: HIGHEST_DOSSIER,
  document_flag: 'SELECT max(coalesce((SELECT max(id) FROM document), 0), coalesce((SELECT max(document_id) FROM document_flag), 0))',
  // Keyed by day, but summed in slices of dossiers (see GROUPED_SUMMARIES).
  dossier_day_summary: HIGHEST_DOSSIER,
  dossier_day_flag: HIGHEST_DOSSIER,
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
 * Each keyed table's kept rows and recount within a slice. The hours are recounted from the pages of
 * those hours (the index on created_at). The grouped tables are compared whole here, in one read: the
 * sliced check sums them in slices instead (partialSums) and comes here only to confirm a difference.
 */
function sliceQueries(table: SummarySlice['table']): { kept: string; recount: string } {
  const s = SUMMARIES.find((x) => x.table === table)!;
  if (isGrouped(table))
    return {
      kept: `SELECT * FROM ${table} WHERE @from = 0 AND @to >= 0`,
      recount: `SELECT * FROM (${GROUPED_SUMMARIES[table]('true')}) WHERE @from = 0 AND @to >= 0`,
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

/**
 * The summaries keyed by day, each a grouping of the kept dossier summaries (and their documents'
 * summaries and flag counts), which the slices before them compared with the base tables: here over
 * the dossiers `inRange` takes (a condition on `dossier_id`), read through the summaries' keys and the
 * document summaries' dossier index. Each figure is a sum, so the groupings of disjoint dossier ranges
 * add up to the whole table's.
 */
const GROUPED_SUMMARIES = {
  dossier_day_summary: (inRange: string) =>
    dayGrouping(`(SELECT * FROM dossier_summary WHERE ${inRange})`, `(SELECT * FROM document_summary WHERE ${inRange})`),
  dossier_day_flag: (inRange: string) =>
    dayFlagGrouping(
      'document_flag',
      `(SELECT * FROM document_summary WHERE ${inRange})`,
      `(SELECT * FROM dossier_summary WHERE ${inRange})`,
    ),
};
export type GroupedSummary = keyof typeof GROUPED_SUMMARIES;

export function isGrouped(table: SummarySlice['table']): table is GroupedSummary {
  return table in GROUPED_SUMMARIES;
}

/** A grouped table's rows as the dossiers of one range count them, in one read (64-bit integers as bigint). */
export function partialSums(db: Db, slice: SummarySlice & { table: GroupedSummary }): Record<string, unknown>[] {
  const sql = GROUPED_SUMMARIES[slice.table]('dossier_id BETWEEN @from AND @to');
  return db
    .transaction(() => db.prepare(sql).safeIntegers().all({ from: slice.from, to: slice.to }) as Record<string, unknown>[])
    .deferred();
}

/** A grouped table's kept rows, in one read (64-bit integers as bigint). */
export function keptRows(db: Db, table: GroupedSummary): Record<string, unknown>[] {
  return db.prepare(`SELECT * FROM ${table}`).safeIntegers().all() as Record<string, unknown>[];
}

/**
 * Partial sums of a grouped table added up, slice after slice, then compared with its kept rows. Read
 * in several transactions, a write between two of them can show here as a difference that is not one:
 * a difference found so is only a reason to compare the table whole, in one read (sliceDifferences).
 */
export class GroupedTally {
  private readonly rows = new Map<string, Record<string, bigint | string>>();
  private readonly key: readonly string[];

  constructor(readonly table: GroupedSummary) {
    this.key = SUMMARIES.find((s) => s.table === table)!.key;
  }

  add(partial: Record<string, unknown>[]): void {
    for (const row of partial) {
      const k = JSON.stringify(this.key.map((c) => row[c]));
      const sum = this.rows.get(k);
      if (!sum) this.rows.set(k, { ...(row as Record<string, bigint | string>) });
      else for (const [c, v] of Object.entries(row)) if (!this.key.includes(c)) sum[c] = (sum[c] as bigint) + (v as bigint);
    }
  }

  /** Whether the kept rows are exactly the sums: the same keys, each figure equal. */
  matches(kept: Record<string, unknown>[]): boolean {
    if (kept.length !== this.rows.size) return false;
    return kept.every((row) => {
      const sum = this.rows.get(JSON.stringify(this.key.map((c) => row[c])));
      return sum !== undefined && Object.entries(row).every(([c, v]) => sum[c] === v);
    });
  }
}
