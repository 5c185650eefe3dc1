import type { ResultImportResult } from '../../shared/result-contract';
import type { AuditLog } from '../audit/audit-log';
import { verifyPdf } from '../record/verify-pdf';
import { ResultRepository } from '../store/result-repository';
import type { Store } from '../store/store';
import { openIntakeDossier } from './hand-back';
import { NotAResultError, ResultPdfUnreadableError } from './result-errors';

/**
 * Takes the PDF the specialised system produced as the result's record, byte for byte (a signed
 * file must not be rewritten, or its signatures break). It is signed by SoHoa afterwards.
 */
export async function importResultPdf(
  ctx: { store: Store; audit: AuditLog; actor: string },
  documentId: number,
  file: { name: string; bytes: Buffer },
): Promise<ResultImportResult> {
  const { store } = ctx;
  const doc = new ResultRepository(store.db).resultOf(documentId);
  if (!doc?.isResult) throw new NotAResultError(documentId);
  openIntakeDossier(store, doc.dossierId);
  const { bytes } = file;
  if (bytes.subarray(0, 1024).indexOf('%PDF-') < 0) throw new ResultPdfUnreadableError(file.name, 'no PDF header');
  // Coded errors for a damaged, truncated or encrypted file come from the reader.
  // Only its structure and signatures are counted here; whose signatures they are is not this step's question.
  const report = await verifyPdf(bytes, { trustAnchors: [], fetchCrl: false });
  const sha = store.blobs.put(bytes);
  const record = store.db.transaction(() => {
    const r = store.records.addVersion(documentId, sha, null);
    ctx.audit.append({
      actor: ctx.actor,
      action: 'result.import',
      subject: String(documentId),
      details: { recordId: r.id, pdfSha256: sha, signatures: report.signatures.length },
    });
    return r;
  })();
  return { documentId, recordId: record.id, pageCount: report.pageCount, signatures: report.signatures.length };
}
