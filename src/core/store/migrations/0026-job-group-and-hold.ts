import type BetterSqlite3 from 'better-sqlite3';
import type { Migration } from './migration';

const SCHEMA = `
ALTER TABLE job ADD COLUMN job_group TEXT;
ALTER TABLE job ADD COLUMN held INTEGER NOT NULL DEFAULT 0;
ALTER TABLE job ADD COLUMN document_id INTEGER;
ALTER TABLE job ADD COLUMN page_id INTEGER;
CREATE TABLE job_hold (
  job_group TEXT PRIMARY KEY,
  since TEXT NOT NULL
) STRICT;
DROP INDEX job_ready;
CREATE INDEX job_ready ON job(state, held, lease_until);
CREATE INDEX job_group_state ON job(job_group, state);
CREATE INDEX job_document ON job(document_id, state);
CREATE INDEX job_page ON job(page_id);
`;

/**
 * Until now a job's document was read from its payload ({ documentId } or { pageId }) at every query,
 * and a paused or cancelled batch's queued jobs were parked with lease_until = -1. The payload is read
 * once here; the batch's jobs form the group `batch:<id>`, held while the batch is stopped.
 */
function backfill(db: BetterSqlite3.Database): void {
  const documentOfPage = db.prepare('SELECT document_id AS documentId FROM page WHERE id = ?').pluck();
  const batchOfDocument = db
    .prepare('SELECT s.batch_id FROM document d JOIN dossier s ON s.id = d.dossier_id WHERE d.id = ? AND s.batch_id IS NOT NULL')
    .pluck();
  const place = db.prepare('UPDATE job SET document_id = ?, page_id = ?, job_group = ? WHERE id = ?');
  // In slices: a statement cannot write while another one is still reading.
  const slice = db.prepare('SELECT id, payload FROM job WHERE id > ? ORDER BY id LIMIT 5000');
  for (let rows = slice.all(0) as { id: number; payload: string }[]; rows.length > 0; rows = slice.all(rows.at(-1)!.id) as typeof rows) {
    for (const row of rows) {
      const payload = parsed(row.payload);
      const pageId = typeof payload.pageId === 'number' ? payload.pageId : null;
      const documentId =
        typeof payload.documentId === 'number'
          ? payload.documentId
          : pageId !== null
            ? ((documentOfPage.get(pageId) as number) ?? null)
            : null;
      const batchId = documentId !== null ? ((batchOfDocument.get(documentId) as number | undefined) ?? null) : null;
      place.run(documentId, pageId, batchId !== null ? `batch:${batchId}` : null, row.id);
    }
  }
  db.exec(`
INSERT INTO job_hold (job_group, since) SELECT 'batch:' || id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM batch WHERE status IN ('paused', 'cancelled');
UPDATE job SET held = 1 WHERE job_group IN (SELECT job_group FROM job_hold);
UPDATE job SET lease_until = NULL WHERE state = 'queued' AND lease_until = -1;
`);
}

function parsed(payload: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(payload);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export const migration: Migration = {
  version: 26,
  name: 'jobs carry their group (an archive batch), whether it is held, and the document and page they work on',
  apply: (db) => {
    db.exec(SCHEMA);
    backfill(db);
  },
};
