import type { BacklogCell } from '../../shared/indicators';
import type { Db } from './database';
import { hoursToLocalDays } from './indicator-queries';

/**
 * Per register row matched by a folder, from its documents' summaries: whether a record exists and
 * is signed (no record NULL, unsigned 1, signed 2), its pages, and whether QC approved it.
 */
const MATCHED = `(SELECT f.batch_id, f.register_line AS line,
    max(CASE WHEN s.records > 0 THEN (s.signed_records > 0) + 1 END) AS record,
    sum(s.pages) AS pages,
    max(f.approved_at IS NOT NULL) AS approved
  FROM archive_folder f JOIN document_summary s ON s.document_id = f.document_id WHERE f.register_line IS NOT NULL GROUP BY f.batch_id, f.register_line)`;

/**
 * The archive registers against the work done, per year, field and box: one register row is one
 * archive dossier expected; it counts as captured, digitized or signed through the folder matched to
 * it. The same pass sums the expected pages of the rows whose record is not assembled yet (the pages
 * left) and counts those that give no page count.
 */
export function backlogCells(db: Db): { cells: BacklogCell[]; pagesLeft: number | null; rowsWithoutPageCount: number } {
  const rows = db
    .prepare(
      `SELECT r.year, r.field, r.box,
              count(*) AS registered,
              CASE WHEN count(r.expected_pages) > 0 THEN sum(r.expected_pages) END AS expectedPages,
              coalesce(sum(m.pages > 0), 0) AS captured,
              count(m.record) AS digitized,
              count(*) FILTER (WHERE m.approved = 1) AS approved,
              count(*) FILTER (WHERE m.record = 2) AS signed,
              coalesce(sum(m.pages), 0) AS pages,
              coalesce(sum(r.expected_pages) FILTER (WHERE m.record IS NULL), 0) AS leftPages,
              count(r.expected_pages) FILTER (WHERE m.record IS NULL) AS leftKnown,
              count(*) FILTER (WHERE m.record IS NULL AND r.expected_pages IS NULL) AS leftWithoutCount
       FROM archive_register_row r INDEXED BY archive_register_cell LEFT JOIN ${MATCHED} m ON m.batch_id = r.batch_id AND m.line = r.line
       GROUP BY r.year, r.field, r.box ORDER BY r.year, r.field, r.box`,
    )
    .all() as (BacklogCell & { leftPages: number; leftKnown: number; leftWithoutCount: number })[];
  const known = rows.reduce((n, r) => n + r.leftKnown, 0);
  return {
    cells: rows.map(({ leftPages: _p, leftKnown: _k, leftWithoutCount: _w, ...cell }) => cell),
    pagesLeft: known > 0 ? rows.reduce((n, r) => n + r.leftPages, 0) : null,
    rowsWithoutPageCount: rows.reduce((n, r) => n + r.leftWithoutCount, 0),
  };
}

/**
 * Archive pages captured per local day over the `days` days up to the latest page captured, oldest
 * first. Only days with work appear. The whole hours come from the pages per hour kept by triggers
 * (summary-hour-schema.ts); the hour the period starts in, counted from the moment it starts, from the
 * pages of that hour alone (the index on created_at), each one's dossier kind looked up by key.
 */
export function archivePagesPerDay(db: Db, days: number): { day: string; pages: number }[] {
  const latest = (db.prepare('SELECT max(created_at) AS at FROM page').get() as { at: string | null }).at;
  if (!latest) return [];
  const since = new Date(Date.parse(latest) - days * 86_400_000).toISOString();
  const firstHour = since.slice(0, 13);
  const nextHour = new Date(Date.parse(`${firstHour}:00:00Z`) + 3_600_000).toISOString();
  const whole = db
    .prepare(`SELECT hour, sum(pages) AS pages FROM page_hour_summary WHERE kind = 'archive' AND hour > ? GROUP BY hour`)
    .all(firstHour) as { hour: string; pages: number }[];
  const first = db
    .prepare(
      `SELECT substr(p.created_at, 1, 13) AS hour, count(*) AS pages
       FROM page p INDEXED BY page_created CROSS JOIN document_summary s ON s.document_id = p.document_id CROSS JOIN dossier_summary d ON d.dossier_id = s.dossier_id
       WHERE p.created_at > ? AND p.created_at < ? AND d.kind = 'archive' GROUP BY hour`,
    )
    .all(since, nextHour) as { hour: string; pages: number }[];
  return hoursToLocalDays([...first, ...whole]);
}

/** Live archive dossiers whose result (a document marked at the QC station or from the register) has a signed record, from the day summary. */
export function archiveResultsDigitized(db: Db): number {
  return (
    db.prepare(`SELECT coalesce(sum(results_any_signed), 0) AS n FROM dossier_day_summary WHERE kind = 'archive'`).get() as { n: number }
  ).n;
}

/**
 * Archive dossiers the QC station has approved and whose approval still stands (an approval is withdrawn
 * when the dossier changes). The station records no "not passed" decision: a dossier that does not pass
 * stays in its queue, so only approvals are counted.
 */
export function qcApprovedDossiers(db: Db): number {
  return (
    db
      .prepare(
        `SELECT count(DISTINCT f.dossier_id) AS n FROM archive_folder f JOIN dossier d ON d.id = f.dossier_id WHERE f.approved_at IS NOT NULL AND d.deleted_at IS NULL`,
      )
      .get() as { n: number }
  ).n;
}

export function registerRowCount(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM archive_register_row').get() as { n: number }).n;
}
