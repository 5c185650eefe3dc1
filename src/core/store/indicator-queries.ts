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
    [`d.code IN (SELECT a.subject FROM audit_event a WHERE a.action = 'dossier.create' AND a.actor = @clerk)`, 'clerk', f.clerk],
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

/**
 * The filter's intake dossiers, one row each, with what their documents say as bits: 1 it has a
 * component, 2 a component's latest record is not signed (or it has none), 4 a result's latest record
 * is signed, 8 a document was reused. One pass joins each dossier's documents and their latest record
 * when it is signed (an earlier signed version does not count once a later one waits for its
 * signature); the figures read \`d.bits\`. The rows are materialized, so
 * each caller names only the columns it reads (\`columns\`: their cost is about a third of the pass).
 */
function dossiersWithBits(w: { sql: string }, columns: string): string {
  return `(SELECT d.id, ${columns},
      coalesce(max(doc.is_result = 0) + 2 * max(doc.is_result = 0 AND r.signed IS NULL) + 4 * max(doc.is_result = 1 AND r.signed IS NOT NULL) + 8 * max(doc.reused_from IS NOT NULL), 0) AS bits
    FROM dossier d LEFT JOIN document doc ON doc.dossier_id = d.id
      LEFT JOIN record r ON r.document_id = doc.id AND r.signed = 1 AND r.version = (SELECT max(v.version) FROM record v WHERE v.document_id = doc.id)
    WHERE ${w.sql} GROUP BY d.id)`;
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
    fullyDigitized: `((d.bits & 3) = 1 AND d.status IN ('finalized', 'synced', 'returned'))`,
    notFullyDigitized: `NOT ((d.bits & 3) = 1 AND d.status IN ('finalized', 'synced', 'returned'))`,
    resultsDigitized: '(d.bits & 4) <> 0',
    reused: '(d.bits & 8) <> 0',
    // From the hand-back: judged when it was recorded, against the due date and the working-day calendar.
    onTime: '(d.returned_at IS NOT NULL AND d.due_date IS NOT NULL AND d.returned_on_time = 1)',
    late: '(d.returned_at IS NOT NULL AND d.due_date IS NOT NULL AND d.returned_on_time = 0)',
    openPastDue: `(d.returned_at IS NULL AND d.due_date IS NOT NULL AND d.due_date < @pastDueBefore)`,
    hasDueDate: 'd.due_date IS NOT NULL',
    returnedWithDueDate: '(d.returned_at IS NOT NULL AND d.due_date IS NOT NULL)',
  };
}

/** The dossier columns the figures read besides \`d.bits\`. */
const FIGURE_COLUMNS = 'd.due_date, d.returned_at, d.returned_on_time, d.status';

const COUNTED = ['received', 'fullyDigitized', 'resultsDigitized', 'reused', 'onTime', 'late', 'openPastDue', 'hasDueDate', 'returnedWithDueDate'] as const;
type Counted = (typeof COUNTED)[number];
const sums = (clock: LocalClock, names: readonly Counted[]) => {
  const figures = figureSql(clock);
  return names.map((name) => `coalesce(sum(${figures[name]}), 0) AS ${name}`).join(',\n');
};

/** Intake indicators, each counted straight from the rows (no stored counters). */
export function intakeCounts(db: Db, f: IndicatorFilter, clock: LocalClock): Record<Counted, number> {
  const w = dossierWhere(f);
  return db.prepare(`SELECT ${sums(clock, COUNTED)} FROM ${dossiersWithBits(w, FIGURE_COLUMNS)} d`).get({ ...w.params, pastDueBefore: clock.pastDueBefore }) as Record<Counted, number>;
}

/**
 * Each breakdown's key per dossier \`d\`, and its label looked up once per group \`g\` (not once per
 * dossier). The field is read per procedure: dossiers are first counted per procedure, then the
 * procedures' counts summed per field.
 */
const DIMENSION_SQL: Record<BreakdownDimension, { key: string; label: string; perProcedure?: true }> = {
  workstation: { key: 'd.workstation_id', label: '(SELECT w.name FROM workstation w WHERE w.id = g.key)' },
  clerk: { key: `(SELECT min(a.actor) FROM audit_event a WHERE a.action = 'dossier.create' AND a.subject = d.code)`, label: 'g.key' },
  procedure: { key: 'd.procedure_code', label: '(SELECT pr.name FROM procedure pr WHERE pr.code = g.key)' },
  field: { key: 'd.procedure_code', label: 'g.key', perProcedure: true },
};

export type BreakdownCounts = { key: string | null; label: string | null } & Record<Exclude<Counted, 'hasDueDate' | 'returnedWithDueDate'>, number>;

/** The intake figures per workstation, clerk, procedure or field, largest first. */
export function breakdownCounts(db: Db, f: IndicatorFilter, dimension: BreakdownDimension, clock: LocalClock): BreakdownCounts[] {
  const w = dossierWhere(f);
  const dim = DIMENSION_SQL[dimension];
  const names = COUNTED.filter((c) => c !== 'hasDueDate' && c !== 'returnedWithDueDate');
  let groups = `SELECT d.key, ${sums(clock, names)} FROM ${dossiersWithBits(w, `${FIGURE_COLUMNS}, ${dim.key} AS key`)} d GROUP BY 1`;
  if (dim.perProcedure) groups = `SELECT (SELECT pr.field FROM procedure pr WHERE pr.code = p.key) AS key, ${names.map((n) => `sum(p.${n}) AS ${n}`).join(', ')} FROM (${groups}) p GROUP BY 1`;
  return db
    .prepare(`SELECT g.*, ${dim.label} AS label FROM (${groups}) g ORDER BY g.received DESC, g.key`)
    .all({ ...w.params, pastDueBefore: clock.pastDueBefore }) as BreakdownCounts[];
}

/** One page of a drill-down list \`page\`, its procedure's name looked up for those rows only. */
const drillRows = (page: string, more = '') => `SELECT page.id, page.code, page.procedure_code AS procedureCode, (SELECT pr.name FROM procedure pr WHERE pr.code = page.procedure_code) AS procedureName,
  page.received_date AS receivedDate, page.due_date AS dueDate, page.status${more} FROM (${page}) page ORDER BY page.received_date DESC, page.id DESC`;

const DRILL_COLUMNS = 'd.id, d.code, d.procedure_code, d.received_date, d.due_date, d.status';

/**
 * The dossiers behind one figure, newest received first, a page at a time. A figure on the documents
 * needs every dossier's bits before the first row, so the list and its total come from one pass; the
 * others walk the dossiers in received order and stop at the page's end.
 */
export function drillDossiers(db: Db, f: IndicatorFilter, figure: DrillFigure, clock: LocalClock, limit: number, offset: number): { items: DrillRow[]; total: number } {
  const w = dossierWhere(f);
  const condition = figureSql(clock)[figure];
  const params = { ...w.params, pastDueBefore: clock.pastDueBefore, limit, offset };
  const order = 'ORDER BY d.received_date DESC, d.id DESC LIMIT @limit OFFSET @offset';
  const count = (from: string) => (db.prepare(`SELECT count(*) AS n FROM ${from} WHERE ${condition}`).get(params) as { n: number }).n;
  if (!condition.includes('d.bits')) {
    const plain = `(SELECT * FROM dossier d WHERE ${w.sql}) d`;
    return { items: db.prepare(drillRows(`SELECT ${DRILL_COLUMNS} FROM ${plain} WHERE ${condition} ${order}`)).all(params) as DrillRow[], total: count(plain) };
  }
  const withBits = `${dossiersWithBits(w, `${DRILL_COLUMNS.replace('d.id, ', '')}, d.returned_at, d.returned_on_time`)} d`;
  const rows = db.prepare(drillRows(`SELECT ${DRILL_COLUMNS}, count(*) OVER () AS total FROM ${withBits} WHERE ${condition} ${order}`, ', page.total')).all(params) as (DrillRow & { total: number })[];
  const total = rows[0]?.total ?? (offset === 0 ? 0 : count(withBits));
  return { items: rows.map(({ total: _, ...row }) => row), total };
}

/**
 * Page quality of the filter's dossiers, in one pass from the dossiers through their documents to
 * the page quality index. The rare states are counted with FILTER (no step on most pages), the read
 * pages as the rest, and the flagged pages' flag lists come back joined, to be counted per flag here.
 */
export function qualityCounts(db: Db, f: IndicatorFilter) {
  const w = dossierWhere(f);
  const r = db
    .prepare(
      `SELECT count(*) AS pages, count(*) FILTER (WHERE p.state <> 'read') AS notRead, count(*) FILTER (WHERE p.state = 'failed') AS failed,
              count(*) FILTER (WHERE p.flags <> '[]') AS flagged, avg(p.ocr_confidence) FILTER (WHERE p.state = 'read' AND p.blank = 0) AS meanConfidence,
              group_concat(p.flags, char(10)) FILTER (WHERE p.flags <> '[]') AS flagLists
       FROM dossier d JOIN document doc ON doc.dossier_id = d.id JOIN page p INDEXED BY page_quality ON p.document_id = doc.id WHERE ${w.sql}`,
    )
    .get(w.params) as { pages: number; notRead: number; failed: number; flagged: number; meanConfidence: number | null; flagLists: string | null };
  return { pages: r.pages, read: r.pages - r.notRead, failed: r.failed, flagged: r.flagged, meanConfidence: r.meanConfidence, flags: pagesPerFlag(r.flagLists) };
}

/** Pages per flag, most first, from the flagged pages' JSON lists one per line (a flag listed twice on a page counts once). */
export function pagesPerFlag(lists: string | null): { flag: string; pages: number }[] {
  const pages = new Map<string, number>();
  for (const line of lists ? lists.split('\n') : []) {
    let flags: unknown;
    try {
      flags = JSON.parse(line);
    } catch {
      continue;
    }
    if (!Array.isArray(flags)) continue;
    for (const flag of new Set(flags.filter((x): x is string => typeof x === 'string'))) pages.set(flag, (pages.get(flag) ?? 0) + 1);
  }
  return [...pages].map(([flag, n]) => ({ flag, pages: n })).sort((a, b) => b.pages - a.pages || (a.flag < b.flag ? -1 : a.flag > b.flag ? 1 : 0));
}

/** Pages captured per local day within [from, to] (all kinds of dossier). */
export function pagesPerDay(db: Db, from: string, to: string): { day: string; pages: number }[] {
  const hours = db
    .prepare(`SELECT substr(created_at, 1, 13) AS hour, count(*) AS pages FROM page WHERE created_at >= ? AND created_at < ? GROUP BY hour`)
    .all(dayStartUtc(from, -1), dayStartUtc(to, 2)) as { hour: string; pages: number }[];
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

export function syncCounts(db: Db) {
  const rows = db.prepare('SELECT state, count(*) AS n, min(created_at) AS oldest FROM outbox_item GROUP BY state').all() as { state: string; n: number; oldest: string }[];
  const by = Object.fromEntries(rows.map((r) => [r.state, r]));
  return {
    waiting: by.waiting?.n ?? 0,
    sending: by.sending?.n ?? 0,
    acknowledged: by.acknowledged?.n ?? 0,
    rejected: by.rejected?.n ?? 0,
    oldestWaitingSince: (by.waiting?.oldest as string | undefined) ?? null,
  };
}

/** Whether the store holds any intake dossier at all (asked only when the filter finds none). */
export function hasIntakeDossier(db: Db): boolean {
  return (db.prepare(`SELECT EXISTS (SELECT 1 FROM dossier WHERE kind = 'intake' AND deleted_at IS NULL) AS found`).get() as { found: number }).found === 1;
}
