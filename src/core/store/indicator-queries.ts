import type { BreakdownDimension, DrillFigure, DrillRow, IndicatorFilter } from '../../shared/indicators';
import type { Db } from './database';

export type { IndicatorFilter } from '../../shared/indicators';

/** Named SQL parameters; `pastDueBefore` is the day "past due" is measured against. */
type Params = Record<string, string | number>;

const FIELD = `(SELECT pr.field FROM procedure pr WHERE pr.code = d.procedure_code)`;

function dossierWhere(f: IndicatorFilter): { sql: string; params: Params } {
  const conditions: [string, string, string | undefined][] = [
    ['d.received_date >= @from', 'from', f.from],
    ['d.received_date <= @to', 'to', f.to],
    ['d.procedure_code = @procedureCode', 'procedureCode', f.procedureCode],
    ['d.workstation_id = @workstationId', 'workstationId', f.workstationId],
    [`${FIELD} = @field`, 'field', f.field],
    [`d.id IN (SELECT s.dossier_id FROM dossier_summary s WHERE s.clerk = @clerk)`, 'clerk', f.clerk],
  ];
  const used = conditions.filter(([, , value]) => value !== undefined);
  return {
    sql: [`d.kind = 'intake'`, 'd.deleted_at IS NULL', ...used.map(([sql]) => sql)].join(' AND '),
    params: Object.fromEntries(used.map(([, name, value]) => [name, value as string])),
  };
}

/** The workstation's day and UTC offset: days are local, timestamps are stored in UTC. */
export interface LocalClock {
  today: string;
  /** A due date before this day is past (see pastDueBefore in the working calendar). */
  pastDueBefore: string;
  /** Minutes east of UTC (Việt Nam: 420). */
  utcOffsetMinutes: number;
}

/** What each filtered dossier's documents say, read from its summary (kept by triggers, see summary-schema.ts). */
const SUMMARY_COLUMNS = 's.components, s.components_unsigned, s.results_latest_signed, s.results_timestamped, s.reused';

/**
 * The filter's intake dossiers, one row each, with their summary's columns (one row per dossier); each
 * caller names the dossier columns it reads. The figures test those columns themselves: combined into
 * one value first, each figure would compute it again per row.
 */
function dossiersWithSummary(w: { sql: string }, columns: string): string {
  return `(SELECT d.id, ${columns}, ${SUMMARY_COLUMNS} FROM dossier d JOIN dossier_summary s ON s.dossier_id = d.id WHERE ${w.sql})`;
}

type FigureName = DrillFigure | 'hasDueDate' | 'returnedWithDueDate';

/**
 * Each figure a supervisor can click, as a condition on one filtered intake dossier \`d\`. The counts, the
 * breakdowns and the drill-down lists all use these, so a number and its list cannot disagree.
 */
export function figureSql(_clock: LocalClock): Record<FigureName, string> {
  return {
    received: '1',
    // Signed and filed: a dossier still at the desk is not digitized in full, whatever its documents hold.
    fullyDigitized: `(d.components > 0 AND d.components_unsigned = 0 AND d.status IN ('finalized', 'synced', 'returned'))`,
    notFullyDigitized: `NOT (d.components > 0 AND d.components_unsigned = 0 AND d.status IN ('finalized', 'synced', 'returned'))`,
    // A result signed elsewhere counts once SoHoa's document timestamp is on it (its record is not SoHoa-signed).
    resultsDigitized: '(d.results_latest_signed > 0 OR d.results_timestamped > 0)',
    reused: 'd.reused > 0',
    // From the hand-back: judged when it was recorded, against the due date and the working-day calendar.
    onTime: '(d.returned_at IS NOT NULL AND d.due_date IS NOT NULL AND d.returned_on_time = 1)',
    late: '(d.returned_at IS NOT NULL AND d.due_date IS NOT NULL AND d.returned_on_time = 0)',
    openPastDue: `(d.returned_at IS NULL AND d.due_date IS NOT NULL AND d.due_date < @pastDueBefore)`,
    hasDueDate: 'd.due_date IS NOT NULL',
    returnedWithDueDate: '(d.returned_at IS NOT NULL AND d.due_date IS NOT NULL)',
  };
}

/** The dossier columns the figures read besides its summary's. */
const FIGURE_COLUMNS = 'd.due_date, d.returned_at, d.returned_on_time, d.status';

const COUNTED = [
  'received',
  'fullyDigitized',
  'resultsDigitized',
  'reused',
  'onTime',
  'late',
  'openPastDue',
  'hasDueDate',
  'returnedWithDueDate',
] as const;
type Counted = (typeof COUNTED)[number];
const sums = (clock: LocalClock, names: readonly Counted[]) => {
  const figures = figureSql(clock);
  // count(*) FILTER tests each condition once per row; sum() of a condition also adds up its value.
  return names.map((name) => `count(*) FILTER (WHERE ${figures[name]}) AS ${name}`).join(',\n');
};

/** Intake indicators: from the day summary when the filter is a date range at most, else counted from each dossier's row and summary. */
export function intakeCounts(db: Db, f: IndicatorFilter, clock: LocalClock): Record<Counted, number> {
  if (isDayRange(f)) return dayIntakeCounts(db, f, clock);
  const w = dossierWhere(f);
  return db
    .prepare(`SELECT ${sums(clock, COUNTED)} FROM ${dossiersWithSummary(w, FIGURE_COLUMNS)} d`)
    .get({ ...w.params, pastDueBefore: clock.pastDueBefore }) as Record<Counted, number>;
}

/**
 * Each breakdown's key per dossier \`d\`, and its label looked up once per group \`g\` (not once per
 * dossier). The field is read per procedure: dossiers are first counted per procedure, then the
 * procedures' counts summed per field.
 */
const DIMENSION_SQL: Record<BreakdownDimension, { key: string; label: string; perProcedure?: true }> = {
  workstation: { key: 'd.workstation_id', label: '(SELECT w.name FROM workstation w WHERE w.id = g.key)' },
  clerk: { key: 's.clerk', label: 'g.key' },
  procedure: { key: 'd.procedure_code', label: '(SELECT pr.name FROM procedure pr WHERE pr.code = g.key)' },
  field: { key: 'd.procedure_code', label: 'g.key', perProcedure: true },
};

export type BreakdownCounts = { key: string | null; label: string | null } & Record<
  Exclude<Counted, 'hasDueDate' | 'returnedWithDueDate'>,
  number
>;

/** The intake figures per workstation, clerk, procedure or field, largest first. */
export function breakdownCounts(db: Db, f: IndicatorFilter, dimension: BreakdownDimension, clock: LocalClock): BreakdownCounts[] {
  const w = dossierWhere(f);
  const dim = DIMENSION_SQL[dimension];
  const names = COUNTED.filter((c) => c !== 'hasDueDate' && c !== 'returnedWithDueDate');
  let groups = `SELECT d.key, ${sums(clock, names)} FROM ${dossiersWithSummary(w, `${FIGURE_COLUMNS}, ${dim.key} AS key`)} d GROUP BY 1`;
  if (dim.perProcedure)
    groups = `SELECT (SELECT pr.field FROM procedure pr WHERE pr.code = p.key) AS key, ${names.map((n) => `sum(p.${n}) AS ${n}`).join(', ')} FROM (${groups}) p GROUP BY 1`;
  return db
    .prepare(`SELECT g.*, ${dim.label} AS label FROM (${groups}) g ORDER BY g.received DESC, g.key`)
    .all({ ...w.params, pastDueBefore: clock.pastDueBefore }) as BreakdownCounts[];
}

/** One page of a drill-down list \`page\`, its procedure's name looked up for those rows only. */
const drillRows = (
  page: string,
  more = '',
) => `SELECT page.id, page.code, page.procedure_code AS procedureCode, (SELECT pr.name FROM procedure pr WHERE pr.code = page.procedure_code) AS procedureName,
  page.received_date AS receivedDate, page.due_date AS dueDate, page.status${more} FROM (${page}) page ORDER BY page.received_date DESC, page.id DESC`;

const DRILL_COLUMNS = 'd.id, d.code, d.procedure_code, d.received_date, d.due_date, d.status';

/**
 * The dossiers behind one figure, newest received first, a page at a time: the dossiers are walked in
 * received order (the index on kind and received day) and the walk stops at the page's end. The total is
 * the figure's count: over a date range at most, from the day summary, as the tile counts it; otherwise
 * one pass over the filter's dossiers.
 */
export function drillDossiers(
  db: Db,
  f: IndicatorFilter,
  figure: DrillFigure,
  clock: LocalClock,
  limit: number,
  offset: number,
): { items: DrillRow[]; total: number } {
  const w = dossierWhere(f);
  const condition = figureSql(clock)[figure];
  const params = { ...w.params, pastDueBefore: clock.pastDueBefore, limit, offset };
  const order = 'ORDER BY d.received_date DESC, d.id DESC LIMIT @limit OFFSET @offset';
  const onSummary = SUMMARY_COLUMNS.split(', ').some((c) => condition.includes(c.replace('s.', 'd.')));
  const from = onSummary
    ? `${dossiersWithSummary(w, `${DRILL_COLUMNS.replace('d.id, ', '')}, d.returned_at, d.returned_on_time`)} d`
    : `(SELECT * FROM dossier d WHERE ${w.sql}) d`;
  const items = db.prepare(drillRows(`SELECT ${DRILL_COLUMNS} FROM ${from} WHERE ${condition} ${order}`)).all(params) as DrillRow[];
  return { items, total: isDayRange(f) ? dayFigureCount(db, f, clock, figure) : countWhere(db, from, condition, params) };
}

function countWhere(db: Db, from: string, condition: string, params: Params): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${from} WHERE ${condition}`).get(params) as { n: number }).n;
}

/** A figure's count over a date range at most, from the day summary (dayIntakeCounts): what its tile shows. */
function dayFigureCount(db: Db, f: IndicatorFilter, clock: LocalClock, figure: DrillFigure): number {
  const counts = dayIntakeCounts(db, f, clock);
  return figure === 'notFullyDigitized' ? counts.received - counts.fullyDigitized : counts[figure];
}

/** A document summary `s` of a live intake dossier, its kind read from the dossier's summary `k` (kept equal to the dossier's by triggers). */
const LIVE_INTAKE_DOCUMENT = `k.kind = 'intake' AND s.dossier_id NOT IN (SELECT id FROM dossier WHERE deleted_at IS NOT NULL)`;

/**
 * Page quality of the filter's dossiers: over a date range at most, from the day summary; narrowed
 * further, from their documents' summaries (kept by triggers, see summary-schema.ts). The pages per flag
 * come from the documents' flag counts.
 */
export function qualityCounts(db: Db, f: IndicatorFilter) {
  const w = dossierWhere(f);
  if (isDayRange(f)) return { ...dayPageCounts(db, f), flags: sortFlags(dayFlagCounts(db, f)) };
  const r = db
    .prepare(`SELECT ${PAGE_SUMS} FROM dossier d JOIN document_summary s ON s.dossier_id = d.id WHERE ${w.sql}`)
    .get(w.params) as PageSums;
  return { ...pageCounts(r), flags: flagCounts(db, w) };
}

/**
 * The pages per text flag of the filter's dossiers, most first. Over the whole store, the flag counts are
 * read in key order, each document's dossier kind looked up by key, the few deleted dossiers set aside
 * from the index on deleted_at; a filter that narrows the dossiers is led by the dossiers, reading only theirs.
 */
function flagCounts(db: Db, w: { sql: string; params: Params }): { flag: string; pages: number }[] {
  const wholeStore = Object.keys(w.params).length === 0;
  const flags = db
    .prepare(
      wholeStore
        ? `SELECT f.flag, sum(f.pages) AS pages FROM document_flag f CROSS JOIN document_summary s ON s.document_id = f.document_id
             CROSS JOIN dossier_summary k ON k.dossier_id = s.dossier_id WHERE ${LIVE_INTAKE_DOCUMENT} GROUP BY f.flag`
        : `SELECT f.flag, sum(f.pages) AS pages FROM dossier d JOIN document_summary s ON s.dossier_id = d.id JOIN document_flag f ON f.document_id = s.document_id WHERE ${w.sql} GROUP BY f.flag`,
    )
    .all(w.params) as { flag: string; pages: number }[];
  return sortFlags(flags);
}

function sortFlags(flags: { flag: string; pages: number }[]) {
  return flags.sort((a, b) => b.pages - a.pages || (a.flag < b.flag ? -1 : a.flag > b.flag ? 1 : 0));
}

/** The pages per flag over a date range at most, from the day summary's flag rows (same dates as dayRows). */
function dayFlagCounts(db: Db, f: IndicatorFilter): { flag: string; pages: number }[] {
  const rows = dayRows(f, 'dossier_day_flag');
  return db.prepare(`SELECT s.flag, sum(s.pages) AS pages FROM ${rows.sql} GROUP BY s.flag`).all(rows.params) as {
    flag: string;
    pages: number;
  }[];
}

const PAGE_SUMS = `coalesce(sum(s.pages), 0) AS pages, coalesce(sum(s.pages_not_read), 0) AS notRead, coalesce(sum(s.pages_failed), 0) AS failed,
  coalesce(sum(s.pages_flagged), 0) AS flagged, coalesce(sum(s.confidence_nano), 0) AS confidenceNano, coalesce(sum(s.confidence_pages), 0) AS confidencePages`;
type PageSums = { pages: number; notRead: number; failed: number; flagged: number; confidenceNano: number; confidencePages: number };

function pageCounts(r: PageSums) {
  return {
    pages: r.pages,
    read: r.pages - r.notRead,
    failed: r.failed,
    flagged: r.flagged,
    meanConfidence: r.confidencePages > 0 ? r.confidenceNano / 1e9 / r.confidencePages : null,
  };
}

/** Whether the filter narrows the dossiers by received date only: the day summary then holds its figures. */
function isDayRange(f: IndicatorFilter): boolean {
  return f.procedureCode === undefined && f.workstationId === undefined && f.field === undefined && f.clerk === undefined;
}

/**
 * The day summary's rows `s` of live intake dossiers received within the filter's dates (see
 * summary-day-schema.ts): a dossier without a received day is kept under '', which no date range takes.
 */
function dayRows(
  f: IndicatorFilter,
  table: 'dossier_day_summary' | 'dossier_day_flag' = 'dossier_day_summary',
): { sql: string; params: Params } {
  const conditions: [string, string, string | undefined][] = [
    ['s.received_date >= @from', 'from', f.from],
    [`s.received_date <= @to AND s.received_date <> ''`, 'to', f.to],
  ];
  const used = conditions.filter(([, , value]) => value !== undefined);
  return {
    sql: `${table} s WHERE ${[`s.kind = 'intake'`, ...used.map(([sql]) => sql)].join(' AND ')}`,
    params: Object.fromEntries(used.map(([, name, value]) => [name, value as string])),
  };
}

/** The intake figures summed over the day rows; "open past due" takes the rows whose open due date is before the clock's day. */
function dayIntakeCounts(db: Db, f: IndicatorFilter, clock: LocalClock): Record<Counted, number> {
  const rows = dayRows(f);
  const column: Record<Counted, string> = {
    received: 's.received',
    fullyDigitized: 's.fully_digitized',
    resultsDigitized: 's.results_digitized',
    reused: 's.reused',
    onTime: 's.on_time',
    late: 's.late',
    openPastDue: `CASE WHEN s.open_due <> '' AND s.open_due < @pastDueBefore THEN s.received ELSE 0 END`,
    hasDueDate: 's.has_due_date',
    returnedWithDueDate: 's.returned_with_due_date',
  };
  return db
    .prepare(`SELECT ${COUNTED.map((name) => `coalesce(sum(${column[name]}), 0) AS ${name}`).join(', ')} FROM ${rows.sql}`)
    .get({ ...rows.params, pastDueBefore: clock.pastDueBefore }) as Record<Counted, number>;
}

function dayPageCounts(db: Db, f: IndicatorFilter) {
  const rows = dayRows(f);
  return pageCounts(db.prepare(`SELECT ${PAGE_SUMS} FROM ${rows.sql}`).get(rows.params) as PageSums);
}

/**
 * Pages captured per local day within [from, to], of the same dossiers as the "pages" tile (the
 * filter's intake dossiers; archive pages have their own chart in the backlog), so the bars add up to it.
 */
export function pagesPerDay(db: Db, f: IndicatorFilter, from: string, to: string): { day: string; pages: number }[] {
  const w = dossierWhere(f);
  // Over the whole store, the pages per hour kept by triggers (summary-hour-schema.ts): a few hundred rows. A
  // filter keeps the dossier columns it tests, led by the pages of those days.
  const wholeStore = Object.keys(w.params).length === 0;
  const hours = db
    .prepare(
      wholeStore
        ? `SELECT hour, pages FROM page_hour_summary WHERE kind = 'intake' AND live = 1 AND hour >= substr(@chartFrom, 1, 13) AND hour < substr(@chartTo, 1, 13)`
        : `SELECT substr(p.created_at, 1, 13) AS hour, count(*) AS pages
           FROM page p JOIN document_summary s ON s.document_id = p.document_id JOIN dossier d ON d.id = s.dossier_id
           WHERE p.created_at >= @chartFrom AND p.created_at < @chartTo AND ${w.sql} GROUP BY hour`,
    )
    .all({ ...w.params, chartFrom: dayStartUtc(from, -1), chartTo: dayStartUtc(to, 2) }) as { hour: string; pages: number }[];
  return hoursToLocalDays(hours).filter((d) => d.day >= from && d.day <= to);
}

/**
 * Sums counts per UTC hour (`YYYY-MM-DDTHH`) into local days. Grouping by the stored text's hour
 * in SQL and shifting here avoids a time-zone conversion per row.
 */
export function hoursToLocalDays(hours: { hour: string; pages: number }[]): { day: string; pages: number }[] {
  const days = new Map<string, number>();
  for (const { hour, pages } of hours) {
    const at = new Date(`${hour}:00:00Z`);
    const day = `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
    days.set(day, (days.get(day) ?? 0) + pages);
  }
  return [...days].map(([day, pages]) => ({ day, pages })).sort((a, b) => a.day.localeCompare(b.day));
}

/** An ISO instant a few days around a local day, so the index on created_at narrows the scan whatever the time zone. */
function dayStartUtc(day: string, shiftDays: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + shiftDays)).toISOString();
}

/**
 * The outbox per state, counted along its narrowest index (state, next attempt); the oldest waiting item is
 * one seek into the index on (state, created_at). Counted along that one instead, every item's creation
 * time is read, twice the pages to decrypt on a fresh connection.
 */
export function syncCounts(db: Db) {
  const rows = db.prepare('SELECT state, count(*) AS n FROM outbox_item INDEXED BY outbox_item_due GROUP BY state').all() as {
    state: string;
    n: number;
  }[];
  const oldest = db
    .prepare(`SELECT min(created_at) AS at FROM outbox_item INDEXED BY outbox_item_state_created WHERE state = 'waiting'`)
    .get() as { at: string | null };
  const by = Object.fromEntries(rows.map((r) => [r.state, r.n]));
  return {
    waiting: by.waiting ?? 0,
    sending: by.sending ?? 0,
    acknowledged: by.acknowledged ?? 0,
    rejected: by.rejected ?? 0,
    oldestWaitingSince: oldest.at,
  };
}

/** Whether the store holds any intake dossier at all (asked only when the filter finds none). */
export function hasIntakeDossier(db: Db): boolean {
  return (
    (db.prepare(`SELECT EXISTS (SELECT 1 FROM dossier WHERE kind = 'intake' AND deleted_at IS NULL) AS found`).get() as { found: number })
      .found === 1
  );
}
