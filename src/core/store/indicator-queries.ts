import type { Db } from './database';

export interface IndicatorFilter {
  /** ISO dates, inclusive, on the dossier's received date. */
  from?: string;
  to?: string;
  procedureCode?: string;
  workstationId?: string;
}

function dossierWhere(f: IndicatorFilter): { sql: string; params: unknown[] } {
  const conditions: [string, unknown][] = [
    ['d.received_date >= ?', f.from],
    ['d.received_date <= ?', f.to],
    ['d.procedure_code = ?', f.procedureCode],
    ['d.workstation_id = ?', f.workstationId],
  ].filter(([, value]) => value !== undefined) as [string, unknown][];
  return { sql: [`d.kind = 'intake'`, 'd.deleted_at IS NULL', ...conditions.map(([sql]) => sql)].join(' AND '), params: conditions.map(([, value]) => value) };
}

const SIGNED = `EXISTS (SELECT 1 FROM record r WHERE r.document_id = doc.id AND r.signed = 1)`;

/** Intake indicators, each counted straight from the rows (no stored counters). */
export function intakeCounts(db: Db, f: IndicatorFilter) {
  const w = dossierWhere(f);
  return db
    .prepare(
      `SELECT
         count(*) AS received,
         coalesce(sum(
           EXISTS (SELECT 1 FROM document doc WHERE doc.dossier_id = d.id AND doc.is_result = 0)
           AND NOT EXISTS (SELECT 1 FROM document doc WHERE doc.dossier_id = d.id AND doc.is_result = 0 AND NOT ${SIGNED})
         ), 0) AS fullyDigitized,
         coalesce(sum(EXISTS (SELECT 1 FROM document doc WHERE doc.dossier_id = d.id AND doc.is_result = 1 AND ${SIGNED})), 0) AS resultsDigitized,
         coalesce(sum(EXISTS (SELECT 1 FROM document doc WHERE doc.dossier_id = d.id AND doc.reused_from IS NOT NULL)), 0) AS reused
       FROM dossier d WHERE ${w.sql}`,
    )
    .get(...w.params) as { received: number; fullyDigitized: number; resultsDigitized: number; reused: number };
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
       FROM page p JOIN document doc ON doc.id = p.document_id JOIN dossier d ON d.id = doc.dossier_id
       WHERE ${w.sql}`,
    )
    .get(...w.params) as { pages: number; read: number; failed: number; flagged: number; meanConfidence: number | null };
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
