import type { AuditLog } from '../audit/audit-log';
import type { Store } from '../store/store';
import { BatchNotFoundError } from './archive-errors';

export type BatchControl = 'pause' | 'resume' | 'cancel';

const TARGET = { pause: 'paused', resume: 'running', cancel: 'cancelled' } as const;

/**
 * Pauses, resumes or cancels a batch, from the app or `sohoa batch --pause|--resume|--cancel`. The
 * status is all it takes: no worker of any process takes the jobs of a paused or cancelled batch
 * (see JobRepository.lease), and a `sohoa batch` run stops within a second. A cancelled batch keeps
 * every page taken in and every record made; it is taken up again only by an explicit resume.
 * A finished batch, or one already in the asked state, is left alone: returns false.
 */
export function controlBatch(
  store: Pick<Store, 'archive' | 'transaction'>,
  audit: AuditLog,
  actor: string,
  batchId: number,
  action: BatchControl,
): boolean {
  const { archive } = store;
  const batch = archive.batch(batchId);
  if (!batch) throw new BatchNotFoundError(String(batchId));
  const target = TARGET[action];
  if (batch.status === 'done' || batch.status === target) return false;
  if (action === 'resume' && batch.status !== 'paused' && batch.status !== 'cancelled') return false;
  store.transaction(() => {
    archive.setStatus(batchId, target);
    audit.append({ actor, action: `batch.${action}`, subject: `batch:${batchId}`, details: archive.progress(batchId) });
  });
  return true;
}
