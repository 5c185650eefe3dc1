import type { AuditLog } from '../audit/audit-log';
import type { Db } from '../store/database';
import { approveDossiers } from './qc-queue';

/** Approves dossiers at QC (those given, or every clean one) and records who did it, in one transaction. */
export function approveAudited(
  db: Db,
  audit: AuditLog,
  actor: string,
  batchId: number,
  which: { dossierIds: number[] } | 'clean',
): number[] {
  return db.transaction(() => {
    const done = approveDossiers(db, batchId, actor, which);
    if (done.length)
      audit.append({
        actor,
        action: 'batch.qc.approve',
        subject: `batch:${batchId}`,
        details: { dossierIds: done, clean: which === 'clean' },
      });
    return done;
  })();
}
