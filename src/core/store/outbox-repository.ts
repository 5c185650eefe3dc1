import type { Db } from './database';
import { cachedStatement } from './statement-cache';

export type OutboxState = 'waiting' | 'sending' | 'acknowledged' | 'rejected';

/** One queued record with what the hub needs to file it. */
export interface OutboxEntry {
  id: number;
  recordId: number;
  state: OutboxState;
  attempts: number;
  uploadUrl: string | null;
  receipt: string | null;
  lastError: string | null;
  rejectionCode: string | null;
  bytesSent: number;
  bytesTotal: number | null;
  nextAttemptAt: string | null;
  documentId: number;
  version: number;
  pdfSha256: string;
  dossierCode: string;
  procedureCode: string | null;
  agencyCode: string | null;
  year: number | null;
  dossierStatus: string | null;
  signedAt: string | null;
  isResult: boolean;
  /** A result record of a dossier handed back: the hand-back (null otherwise). */
  handBackAt: string | null;
  handBackDueDate: string | null;
  handBackDeadline: string | null;
  handBackOnTime: number | null;
  handBackDaysLate: number | null;
  handBackReason: string | null;
}

const SELECT = `
SELECT o.id, o.record_id AS recordId, o.state, o.attempts, o.upload_url AS uploadUrl, o.receipt, o.last_error AS lastError,
       o.rejection_code AS rejectionCode, o.bytes_sent AS bytesSent, o.bytes_total AS bytesTotal, o.next_attempt_at AS nextAttemptAt,
       r.document_id AS documentId, r.version, r.pdf_sha256 AS pdfSha256, r.signed_at AS signedAt, d.is_result AS isResult,
       s.code AS dossierCode, s.procedure_code AS procedureCode, s.status AS dossierStatus,
       COALESCE(s.year, CAST(substr(s.received_date, 1, 4) AS INTEGER)) AS year,
       COALESCE(json_extract(s.agency, '$.code'), w.agency_code, (SELECT agency_code FROM workstation LIMIT 1)) AS agencyCode,
       hb.returned_at AS handBackAt, hb.due_date AS handBackDueDate, hb.deadline AS handBackDeadline, hb.on_time AS handBackOnTime,
       hb.working_days_late AS handBackDaysLate, hb.late_reason AS handBackReason
FROM outbox_item o
JOIN record r ON r.id = o.record_id
JOIN document d ON d.id = r.document_id
JOIN dossier s ON s.id = d.dossier_id
LEFT JOIN workstation w ON w.id = s.workstation_id
LEFT JOIN hand_back hb ON hb.dossier_id = s.id AND d.is_result = 1`;

/** The sync outbox: each finalized record's way to the hub (waiting → sending → acknowledged | rejected). */
export class OutboxRepository {
  constructor(private readonly db: Db) {}

  private now(): string {
    return new Date().toISOString();
  }

  /** Runs `work` in one transaction (an outbox change and the audit event recording it). */
  inTransaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  /** Queues every signed record not yet in the outbox; returns how many were added. */
  enqueueSigned(): number {
    const now = this.now();
    return this.db
      .prepare(
        `INSERT INTO outbox_item (record_id, created_at, updated_at) SELECT id, ?, ? FROM record WHERE signed = 1 AND id NOT IN (SELECT record_id FROM outbox_item)`,
      )
      .run(now, now).changes;
  }

  /** After a crash, items left `sending` go back to `waiting`; their upload URL lets them resume. */
  resetInterrupted(): number {
    return cachedStatement(this.db, `UPDATE outbox_item SET state = 'waiting', updated_at = ? WHERE state = 'sending'`).run(this.now())
      .changes;
  }

  get(id: number): OutboxEntry | undefined {
    return this.db.prepare(`${SELECT} WHERE o.id = ?`).get(id) as OutboxEntry | undefined;
  }

  byRecord(recordId: number): OutboxEntry | undefined {
    return this.db.prepare(`${SELECT} WHERE o.record_id = ?`).get(recordId) as OutboxEntry | undefined;
  }

  list(state?: OutboxState): OutboxEntry[] {
    return (
      state ? this.db.prepare(`${SELECT} WHERE o.state = ? ORDER BY o.id`).all(state) : this.db.prepare(`${SELECT} ORDER BY o.id`).all()
    ) as OutboxEntry[];
  }

  /** Every queued record of one dossier's documents. */
  forDossier(dossierId: number): OutboxEntry[] {
    return this.db.prepare(`${SELECT} WHERE d.dossier_id = ? ORDER BY o.id`).all(dossierId) as OutboxEntry[];
  }

  /** When the oldest item still waiting was queued. */
  oldestWaitingSince(): string | null {
    return (
      this.db.prepare(`SELECT min(created_at) AS at FROM outbox_item WHERE state IN ('waiting', 'sending')`).get() as { at: string | null }
    ).at;
  }

  /** Waiting items whose retry time has come, oldest first. */
  due(limit: number, now = this.now()): OutboxEntry[] {
    return this.db
      .prepare(`${SELECT} WHERE o.state = 'waiting' AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ?) ORDER BY o.id LIMIT ?`)
      .all(now, limit) as OutboxEntry[];
  }

  /** The earliest retry time among waiting items, if any wait. */
  nextRetryAt(): string | null {
    const row = this.db
      .prepare(`SELECT min(next_attempt_at) AS at FROM outbox_item WHERE state = 'waiting' AND next_attempt_at IS NOT NULL`)
      .get() as { at: string | null };
    return row.at;
  }

  markSending(id: number, bytesTotal: number): void {
    cachedStatement(
      this.db,
      `UPDATE outbox_item SET state = 'sending', attempts = attempts + 1, bytes_total = ?, updated_at = ? WHERE id = ?`,
    ).run(bytesTotal, this.now(), id);
  }

  setProgress(id: number, bytesSent: number): void {
    cachedStatement(this.db, `UPDATE outbox_item SET bytes_sent = ? WHERE id = ?`).run(bytesSent, id);
  }

  setUploadUrl(id: number, uploadUrl: string | null): void {
    cachedStatement(this.db, `UPDATE outbox_item SET upload_url = ?, updated_at = ? WHERE id = ?`).run(uploadUrl, this.now(), id);
  }

  acknowledge(id: number, receipt: string): void {
    cachedStatement(
      this.db,
      `UPDATE outbox_item SET state = 'acknowledged', receipt = ?, upload_url = NULL, last_error = NULL, next_attempt_at = NULL, bytes_sent = coalesce(bytes_total, bytes_sent), updated_at = ? WHERE id = ?`,
    ).run(receipt, this.now(), id);
  }

  retryLater(id: number, error: string, nextAttemptAt: string): void {
    cachedStatement(
      this.db,
      `UPDATE outbox_item SET state = 'waiting', last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?`,
    ).run(error, nextAttemptAt, this.now(), id);
  }

  reject(id: number, code: string, message: string): void {
    cachedStatement(
      this.db,
      `UPDATE outbox_item SET state = 'rejected', rejection_code = ?, last_error = ?, upload_url = NULL, next_attempt_at = NULL, updated_at = ? WHERE id = ?`,
    ).run(code, message, this.now(), id);
  }

  /**
   * The dossier's result records the hub has already acknowledged go back in the queue, so the hub
   * hears of the hand-back recorded after them (it acknowledges a repeat once more, storing nothing twice).
   */
  requeueResultsOf(dossierId: number): number {
    return this.db
      .prepare(
        `UPDATE outbox_item SET state = 'waiting', next_attempt_at = NULL, updated_at = ?
         WHERE state = 'acknowledged' AND record_id IN (SELECT r.id FROM record r JOIN document d ON d.id = r.document_id WHERE d.dossier_id = ? AND d.is_result = 1)`,
      )
      .run(this.now(), dossierId).changes;
  }

  /** Puts rejected items back in the queue (after the cause was fixed). */
  requeueRejected(): number {
    return cachedStatement(
      this.db,
      `UPDATE outbox_item SET state = 'waiting', rejection_code = NULL, next_attempt_at = NULL, updated_at = ? WHERE state = 'rejected'`,
    ).run(this.now()).changes;
  }

  counts(): Record<OutboxState, number> {
    const counts: Record<OutboxState, number> = { waiting: 0, sending: 0, acknowledged: 0, rejected: 0 };
    for (const r of this.db.prepare('SELECT state, count(*) AS n FROM outbox_item GROUP BY state').all() as {
      state: OutboxState;
      n: number;
    }[])
      counts[r.state] = r.n;
    return counts;
  }
}
