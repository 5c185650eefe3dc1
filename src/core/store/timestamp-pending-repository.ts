import type { Db } from './database';

export interface PendingTimestamp {
  documentId: number;
  dossierId: number;
  since: string;
  attempts: number;
  lastError: string | null;
}

/** Records signed while the timestamp authority did not answer: each waits for its document timestamp. */
export class TimestampPendingRepository {
  constructor(private readonly db: Db) {}

  mark(documentId: number, since: string, error: string): void {
    this.db
      .prepare(
        `INSERT INTO timestamp_pending (document_id, since, last_error) VALUES (?, ?, ?)
         ON CONFLICT (document_id) DO UPDATE SET last_error = excluded.last_error`,
      )
      .run(documentId, since, error);
  }

  /** Those of one dossier, or every one. */
  list(dossierId?: number): PendingTimestamp[] {
    return this.db
      .prepare(
        `SELECT t.document_id AS documentId, doc.dossier_id AS dossierId, t.since, t.attempts, t.last_error AS lastError
         FROM timestamp_pending t JOIN document doc ON doc.id = t.document_id
         WHERE ? IS NULL OR doc.dossier_id = ? ORDER BY t.since, t.document_id`,
      )
      .all(dossierId ?? null, dossierId ?? null) as PendingTimestamp[];
  }

  failed(documentId: number, error: string): void {
    this.db.prepare('UPDATE timestamp_pending SET attempts = attempts + 1, last_error = ? WHERE document_id = ?').run(error, documentId);
  }

  clear(documentId: number): void {
    this.db.prepare('DELETE FROM timestamp_pending WHERE document_id = ?').run(documentId);
  }
}
