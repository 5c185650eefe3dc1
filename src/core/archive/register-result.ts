import type { AuditLog } from '../audit/audit-log';
import type { Store } from '../store/store';
import type { RegisterRow } from './register-import';

/**
 * The register's result column says the folder holds the dossier's result: when the dossier is
 * created, its document is marked as the result (an archive folder is one document, so the mark
 * covers the folder's record). A run taken up again leaves the mark as the QC station left it.
 * Call inside the dossier's transaction.
 */
export function markRegisterResult(
  engine: { readonly store: Store; readonly audit: AuditLog },
  batchId: number,
  folder: { dossierId: number; documentId: number },
  row: RegisterRow | null,
  actor: string,
): void {
  if (!row?.resultKind) return;
  engine.store.results.setResult(folder.documentId, true, row.resultKind);
  engine.audit.append({
    actor,
    action: 'archive.mark-result',
    subject: String(folder.documentId),
    details: { batchId, dossierId: folder.dossierId, kind: row.resultKind, registerLine: row.line },
  });
}
