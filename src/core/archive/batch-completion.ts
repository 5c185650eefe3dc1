import type { AuditLog } from '../audit/audit-log';
import type { Store } from '../store/store';

/**
 * Marks a running batch done once the job that just ended was its last: every page read or failed
 * for good and no job of its documents left. Called by whichever process's pipeline ran the job,
 * the app's included, so a batch resumed in the app and finished there is done in the store too.
 * New pages arriving later (a watched folder) set it running again.
 */
export function closeBatchIfFinished(
  store: Pick<Store, 'transaction' | 'jobs' | 'documents' | 'archive'>,
  audit: AuditLog,
  actor: string,
  jobId: number,
): boolean {
  return store.transaction(() => {
    const documentId = store.jobs.documentOf(jobId);
    if (!documentId) return false;
    // Most jobs end with pages of their own document still to read: one indexed look settles those.
    if (store.documents.hasUnfinishedPages(documentId)) return false;
    const archive = store.archive;
    const batchId = archive.runningBatchOfDocument(documentId);
    if (batchId === undefined) return false;
    const progress = archive.progress(batchId);
    if (progress.total === 0 || progress.done < progress.total || archive.pendingJobs(batchId) > 0) return false;
    archive.setStatus(batchId, 'done');
    audit.append({
      actor,
      action: 'batch.done',
      subject: `batch:${batchId}`,
      details: { pages: progress.total, failed: progress.failed },
    });
    return true;
  });
}
