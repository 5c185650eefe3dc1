import { CodedError } from '../../shared/errors';
import type { ResultKind } from '../../shared/result-contract';
import type { AuditLog } from '../audit/audit-log';
import { editableDossier } from '../desk/dossier-lock';
import { reassembleWhenRead } from '../desk/reassemble';
import type { DeskRepository } from '../store/desk-repository';
import type { Store } from '../store/store';
import { DocumentNotInBatchError } from './mark-result';

/** The pages chosen are not some (but not all) pages of the document. */
export class SplitPagesError extends CodedError {
  constructor(documentId: number, pageIds: number[]) {
    super('archive.split-pages', `Choose some, not all, pages of document ${documentId} to split off`, { documentId, pageIds });
  }
}

/** The folder's document is already signed: splitting it would change what was signed. */
export class SplitSignedError extends CodedError {
  constructor(documentId: number) {
    super('archive.split-signed', `Document ${documentId} is already signed; its pages cannot be split off`, { documentId });
  }
}

/**
 * At the QC station: moves the chosen pages of an archive folder's document into a new document of
 * the same dossier, marked as the dossier's result with its kind; the other pages stay the folder's
 * document. Only an unsigned document is split: at QC the batch is not signed yet, and the batch's
 * signing then signs both documents; a signed one would need its signature withdrawn first.
 * The split changes the documents of the dossier, so an earlier QC approval no longer stands: it is
 * withdrawn (the dossier waits for QC again, and bulk signing skips it until it is approved again).
 */
export function splitArchiveResult(
  ctx: { store: Store; desk: DeskRepository; audit: AuditLog; actor: string },
  batchId: number,
  documentId: number,
  pageIds: number[],
  kind: ResultKind,
): { documentId: number; resultDocumentId: number; dossierId: number; pages: number; approvalWithdrawn: boolean } {
  const { store, desk } = ctx;
  const results = store.results;
  const doc = results.resultOf(documentId);
  const dossier = doc ? store.dossiers.get(doc.dossierId) : undefined;
  const inBatch = dossier !== undefined && store.dossiers.batchOf(dossier.id) === batchId;
  if (!doc || !dossier || dossier.kind !== 'archive' || !inBatch) throw new DocumentNotInBatchError(documentId, batchId);
  editableDossier(store, dossier.id);
  if (store.records.latest(documentId)?.signed) throw new SplitSignedError(documentId);
  const order = store.pages.ofDocument(documentId).map((p) => p.id);
  const chosen = order.filter((id) => pageIds.includes(id));
  const unknown = pageIds.some((id) => !order.includes(id));
  if (chosen.length === 0 || unknown || chosen.length === order.length) throw new SplitPagesError(documentId, pageIds);
  const { resultDocumentId, approvalWithdrawn } = store.transaction(() => {
    const created = results.createResultDocument(dossier.id, kind, null);
    chosen.forEach((pageId, i) => desk.movePage(pageId, created, i + 1));
    reassembleWhenRead(store, desk, created);
    reassembleWhenRead(store, desk, documentId);
    ctx.audit.append({
      actor: ctx.actor,
      action: 'archive.split-result',
      subject: String(created),
      details: { batchId, dossierId: dossier.id, fromDocument: documentId, pages: chosen.length, kind },
    });
    const withdrawn = store.archive.withdrawApproval(dossier.id);
    if (withdrawn)
      ctx.audit.append({
        actor: ctx.actor,
        action: 'batch.qc.withdraw',
        subject: `batch:${batchId}`,
        details: { dossierIds: [dossier.id], reason: 'split-result' },
      });
    return { resultDocumentId: created, approvalWithdrawn: withdrawn };
  });
  return { documentId, resultDocumentId, dossierId: dossier.id, pages: chosen.length, approvalWithdrawn };
}
