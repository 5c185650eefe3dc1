import type { AuditLog } from '../audit/audit-log';
import type { Store } from '../store/store';
import { approveDossiers } from './qc-queue';

/** Approves dossiers at QC (those given, or every clean one) and records who did it, in one transaction. */
export function approveAudited(
  store: Pick<Store, 'archiveQc' | 'transaction'>,
  audit: AuditLog,
  actor: string,
  batchId: number,
  which: { dossierIds: number[] } | 'clean',
): number[] {
  return store.transaction(() => {
    const done = approveDossiers(store, batchId, actor, which);
    if (done.length)
      audit.append({
        actor,
        action: 'batch.qc.approve',
        subject: `batch:${batchId}`,
        details: { dossierIds: done, clean: which === 'clean' },
      });
    return done;
  });
}
