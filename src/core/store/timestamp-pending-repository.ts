import type { Db } from './database';

/** Why the last try to add a record's timestamp failed, as a code the UI words and the message behind it. */
export interface TimestampProblem {
  code: string;
  message: string;
}

export interface PendingTimestamp {
  documentId: number;
  dossierId: number;
  since: string;
  attempts: number;
  lastError: TimestampProblem | null;
}

/**
 * `last_error` holds the problem as JSON; rows written before codes were kept hold the authority's
 * refusal as plain text (the only failure recorded then).
 */
function problemOf(stored: string | null): TimestampProblem | null {
  if (stored === null) return null;
  try {
    const parsed = JSON.parse(stored) as Partial<TimestampProblem>;
    if (typeof parsed.code === 'string' && typeof parsed.message === 'string') return { code: parsed.code, message: parsed.message };
  } catch {
    // plain text: below
  }
  return { code: 'signer.timestamp-failed', message: stored };
}

const stored = (problem: TimestampProblem) => JSON.stringify({ code: problem.code, message: problem.message });

/** Records signed while the timestamp authority did not answer: each waits for its document timestamp. */
export class TimestampPendingRepository {
  constructor(private readonly db: Db) {}

  mark(documentId: number, since: string, problem: TimestampProblem): void {
    this.db
      .prepare(
        `INSERT INTO timestamp_pending (document_id, since, last_error) VALUES (?, ?, ?)
         ON CONFLICT (document_id) DO UPDATE SET last_error = excluded.last_error`,
      )
      .run(documentId, since, stored(problem));
  }

  /** Those of one dossier, or every one. */
  list(dossierId?: number): PendingTimestamp[] {
    const rows = this.db
      .prepare(
        `SELECT t.document_id AS documentId, doc.dossier_id AS dossierId, t.since, t.attempts, t.last_error AS lastError
         FROM timestamp_pending t JOIN document doc ON doc.id = t.document_id
         WHERE ? IS NULL OR doc.dossier_id = ? ORDER BY t.since, t.document_id`,
      )
      .all(dossierId ?? null, dossierId ?? null) as (Omit<PendingTimestamp, 'lastError'> & { lastError: string | null })[];
    return rows.map((r) => ({ ...r, lastError: problemOf(r.lastError) }));
  }

  failed(documentId: number, problem: TimestampProblem): void {
    this.db
      .prepare('UPDATE timestamp_pending SET attempts = attempts + 1, last_error = ? WHERE document_id = ?')
      .run(stored(problem), documentId);
  }

  clear(documentId: number): void {
    this.db.prepare('DELETE FROM timestamp_pending WHERE document_id = ?').run(documentId);
  }
}
