import { CodedError } from '../../shared/errors';
import type { ResultKind } from '../../shared/result-contract';
import type { AuditLog } from '../audit/audit-log';
import type { Store } from '../store/store';

/** The document is not in an archive dossier of this batch. */
export class DocumentNotInBatchError extends CodedError {
  constructor(documentId: number, batchId: number) {
    super('archive.not-in-batch', `Document ${documentId} is not in an archive dossier of batch ${batchId}`, { documentId, batchId });
  }
}

/**
 * At the QC station: marks (or unmarks) a document of a 2020–2021 archive dossier as the dossier's
 * result, so the archive's results-digitized figure counts it once it is signed. The whole document
 * is marked; when the result is only some pages of the folder's document, split-result.ts moves them
 * into a result document of their own.
 */
export function markArchiveResult(
  ctx: { store: Store; audit: AuditLog; actor: string },
  batchId: number,
  documentId: number,
  isResult: boolean,
  kind: ResultKind,
): { documentId: number; dossierId: number; isResult: boolean } {
  const { store } = ctx;
  const results = store.results;
  const doc = results.resultOf(documentId);
  const dossier = doc ? store.dossiers.get(doc.dossierId) : undefined;
  const inBatch = dossier ? store.dossiers.batchOf(dossier.id) === batchId : false;
  if (!doc || !dossier || dossier.kind !== 'archive' || !inBatch) throw new DocumentNotInBatchError(documentId, batchId);
  store.transaction(() => {
    results.setResult(documentId, isResult, kind);
    ctx.audit.append({
      actor: ctx.actor,
      action: isResult ? 'archive.mark-result' : 'archive.unmark-result',
      subject: String(documentId),
      details: { batchId, dossierId: dossier.id, kind: isResult ? kind : null },
    });
  });
  return { documentId, dossierId: dossier.id, isResult };
}
