import type { BreakdownDimension, DrillFigure, IndicatorFilter } from '../../shared/indicators';
import type { Db } from './database';

export type { IndicatorFilter } from '../../shared/indicators';

/** Named SQL parameters; `today` is the local day "past due" is measured against. */
type Params = Record<string, string | number>;

const CLERK = `(SELECT a.actor FROM audit_event a WHERE a.action = 'dossier.create' AND a.subject = d.code ORDER BY a.seq LIMIT 1)`;
const FIELD = `(SELECT pr.field FROM procedure pr WHERE pr.code = d.procedure_code)`;

function dossierWhere(f: IndicatorFilter): { sql: string; params: Params } {
  const conditions: [string, string, string | undefined][] = [
    ['d.received_date >= @from', 'from', f.from],
    ['d.received_date <= @to', 'to', f.to],
    ['d.procedure_code = @procedureCode', 'procedureCode', f.procedureCode],
    ['d.workstation_id = @workstationId', 'workstationId', f.workstationId],
    [`${FIELD} = @field`, 'field', f.field],
    [`${CLERK} = @clerk`, 'clerk', f.clerk],
  ];
  const used = conditions.filter(([, , value]) => value !== undefined);
  return {
    sql: [`d.kind = 'intake'`, ...used.map(([sql]) => sql)].join(' AND '),
    params: Object.fromEntries(used.map(([, name, value]) => [name, value as string])),
  };
}

const SIGNED = `EXISTS (SELECT 1 FROM record r WHERE r.document_id = doc.id AND r.signed = 1)`;
const FULLY_DIGITIZED = `(EXISTS (SELECT 1 FROM document doc WHERE doc.dossier_id = d.id AND doc.is_result = 0)
  AND NOT EXISTS (SELECT 1 FROM document doc WHERE doc.dossier_id = d.id AND doc.is_result = 0 AND NOT ${SIGNED}))`;
const FINALIZED_DAY = `date(d.finalized_at, 'localtime')`;

/**
 * Each figure a supervisor can click, as a condition on one intake dossier `d`. The counts, the
 * breakdowns and the drill-down lists all use these, so a number and its list cannot disagree.
 */
export const FIGURE_SQL: Record<DrillFigure | 'hasDueDate' | 'finalizedWithDueDate', string> = {
  received: '1',
  fullyDigitized: FULLY_DIGITIZED,
  notFullyDigitized: `NOT ${FULLY_DIGITIZED}`,
  resultsDigitized: `EXISTS (SELECT 1 FROM document doc WHERE doc.dossier_id = d.id AND doc.is_result = 1 AND ${SIGNED})`,
  reused: `EXISTS (SELECT 1 FROM document doc WHERE doc.dossier_id = d.id AND doc.reused_from IS NOT NULL)`,
  onTime: `(d.finalized_at IS NOT NULL AND d.due_date IS NOT NULL AND ${FINALIZED_DAY} <= d.due_date)`,
  late: `(d.finalized_at IS NOT NULL AND d.due_date IS NOT NULL AND ${FINALIZED_DAY} > d.due_date)`,
  openPastDue: `(d.finalized_at IS NULL AND d.due_date IS NOT NULL AND d.due_date < @today)`,
  hasDueDate: 'd.due_date IS NOT NULL',
  finalizedWithDueDate: '(d.finalized_at IS NOT NULL AND d.due_date IS NOT NULL)',
};

const COUNTED = ['received', 'fullyDigitized', 'resultsDigitized', 'reused', 'onTime', 'late', 'openPastDue', 'hasDueDate', 'finalizedWithDueDate'] as const;
type Counted = (typeof COUNTED)[number];
const sums = COUNTED.map((name) => `coalesce(sum(${FIGURE_SQL[name]}), 0) AS ${name}`).join(',\n');

/** Intake indicators, each counted straight from the rows (no stored counters). */
export function intakeCounts(db: Db, f: IndicatorFilter, today: string): Record<Counted, number> {
  const w = dossierWhere(f);
  return db.prepare(`SELECT ${sums} FROM dossier d WHERE ${w.sql}`).get({ ...w.params, today }) as Record<Counted, number>;
}

const DIMENSION_SQL: Record<BreakdownDimension, { key: string; label: string }> = {
  workstation: { key: 'd.workstation_id', label: '(SELECT w.name FROM workstation w WHERE w.id = d.workstation_id)' },
  clerk: { key: CLERK, label: CLERK },
  procedure: { key: 'd.procedure_code', label: '(SELECT pr.name FROM procedure pr WHERE pr.code = d.procedure_code)' },
  field: { key: FIELD, label: FIELD },
};

export type BreakdownCounts = { key: string | null; label: string | null } & Record<Exclude<Counted, 'hasDueDate' | 'finalizedWithDueDate'>, number>;

/** The intake figures per workstation, clerk, procedure or field, largest first. */
export function breakdownCounts(db: Db, f: IndicatorFilter, dimension: BreakdownDimension, today: string): BreakdownCounts[] {
  const w = dossierWhere(f);
  const dim = DIMENSION_SQL[dimension];
  const figures = COUNTED.filter((c) => c !== 'hasDueDate' && c !== 'finalizedWithDueDate')
    .map((name) => `coalesce(sum(${FIGURE_SQL[name]}), 0) AS ${name}`)
    .join(', ');
  return db
    .prepare(`SELECT ${dim.key} AS key, max(${dim.label}) AS label, ${figures} FROM dossier d WHERE ${w.sql} GROUP BY 1 ORDER BY received DESC, key`)
    .all({ ...w.params, today }) as BreakdownCounts[];
}

export interface DrillRowDb {
  id: number;
  code: string;
  procedureCode: string | null;
  procedureName: string | null;
  receivedDate: string | null;
  dueDate: string | null;
  status: string;
}

/** The dossiers behind one figure, newest received first, a page at a time. */
export function drillDossiers(db: Db, f: IndicatorFilter, figure: DrillFigure, today: string, limit: number, offset: number): { items: DrillRowDb[]; total: number } {
  const w = dossierWhere(f);
  const where = `${w.sql} AND ${FIGURE_SQL[figure]}`;
  const params = { ...w.params, today };
  const total = (db.prepare(`SELECT count(*) AS n FROM dossier d WHERE ${where}`).get(params) as { n: number }).n;
  const items = db
    .prepare(
      `SELECT d.id, d.code, d.procedure_code AS procedureCode, (SELECT pr.name FROM procedure pr WHERE pr.code = d.procedure_code) AS procedureName,
              d.received_date AS receivedDate, d.due_date AS dueDate, d.status
       FROM dossier d WHERE ${where} ORDER BY d.received_date DESC, d.id DESC LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit, offset }) as DrillRowDb[];
  return { items, total };
}

export function qualityCounts(db: Db, f: IndicatorFilter) {
  const w = dossierWhere(f);
  return db
    .prepare(
      `SELECT count(*) AS pages,
              coalesce(sum(p.state = 'read'), 0) AS read,
              coalesce(sum(p.state = 'failed'), 0) AS failed,
              coalesce(sum(p.flags <> '[]'), 0) AS flagged,
              avg(CASE WHEN p.state = 'read' AND p.blank = 0 THEN p.ocr_confidence END) AS meanConfidence
       FROM dossier d JOIN document doc ON doc.dossier_id = d.id JOIN page p ON p.document_id = doc.id
       WHERE ${w.sql}`,
    )
    .get(w.params) as { pages: number; read: number; failed: number; flagged: number; meanConfidence: number | null };
}

/** Pages per flag, for the flagged pages of the filter's dossiers. */
export function flagCounts(db: Db, f: IndicatorFilter): { flag: string; pages: number }[] {
  const w = dossierWhere(f);
  return db
    .prepare(
      `SELECT j.value AS flag, count(DISTINCT p.id) AS pages
       FROM dossier d JOIN document doc ON doc.dossier_id = d.id JOIN page p ON p.document_id = doc.id, json_each(p.flags) j
       WHERE ${w.sql} AND p.flags <> '[]' GROUP BY j.value ORDER BY pages DESC, flag`,
    )
    .all(w.params) as { flag: string; pages: number }[];
}

/** Pages captured per local day within [from, to] (all kinds of dossier). */
export function pagesPerDay(db: Db, from: string, to: string): { day: string; pages: number }[] {
  return db
    .prepare(
      `SELECT date(created_at, 'localtime') AS day, count(*) AS pages FROM page
       WHERE created_at >= @lo AND created_at < @hi GROUP BY day HAVING day BETWEEN @from AND @to ORDER BY day`,
    )
    .all({ lo: dayStartUtc(from, -1), hi: dayStartUtc(to, 2), from, to }) as { day: string; pages: number }[];
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

export function intakeDossierCount(db: Db): number {
  return (db.prepare(`SELECT count(*) AS n FROM dossier WHERE kind = 'intake'`).get() as { n: number }).n;
}
