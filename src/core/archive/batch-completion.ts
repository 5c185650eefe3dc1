import type { AuditLog } from '../audit/audit-log';
import type { Db } from '../store/database';
import { JOB_DOCUMENT_SQL } from '../store/job-repository';
import { ArchiveRepository } from '../store/archive-repository';

/**
 * Marks a running batch done once the job that just ended was its last: every page read or failed
 * for good and no job of its documents left. Called by whichever process's pipeline ran the job,
 * the app's included, so a batch resumed in the app and finished there is done in the store too.
 * New pages arriving later (a watched folder) set it running again.
 */
export function closeBatchIfFinished(db: Db, audit: AuditLog, actor: string, jobId: number): boolean {
  return db.transaction(() => {
    const job = db.prepare(`SELECT ${JOB_DOCUMENT_SQL} AS documentId FROM job WHERE id = ?`).get(jobId) as
      { documentId: number | null } | undefined;
    if (!job?.documentId) return false;
    // Most jobs end with pages of their own document still to read: one indexed look settles those.
    if (db.prepare(`SELECT 1 FROM page WHERE document_id = ? AND state NOT IN ('read', 'failed') LIMIT 1`).get(job.documentId))
      return false;
    const folder = db
      .prepare(
        `SELECT f.batch_id AS batchId FROM archive_folder f JOIN batch b ON b.id = f.batch_id WHERE f.document_id = ? AND b.status = 'running'`,
      )
      .get(job.documentId) as { batchId: number } | undefined;
    if (!folder) return false;
    const archive = new ArchiveRepository(db);
    const progress = archive.progress(folder.batchId);
    if (progress.total === 0 || progress.done < progress.total || archive.pendingJobs(folder.batchId) > 0) return false;
    archive.setStatus(folder.batchId, 'done');
    audit.append({
      actor,
      action: 'batch.done',
      subject: `batch:${folder.batchId}`,
      details: { pages: progress.total, failed: progress.failed },
    });
    return true;
  })();
}
