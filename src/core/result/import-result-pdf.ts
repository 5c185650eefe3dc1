import type { ResultImportResult } from '../../shared/result-contract';
import type { AuditLog } from '../audit/audit-log';
import type { RecordMetadata } from '../record/record-metadata';
import { setRecordXmp } from '../record/set-record-xmp';
import { verifyPdf } from '../record/verify-pdf';
import type { Store } from '../store/store';
import { openIntakeDossier } from './hand-back';
import { NotAResultError, ResultPdfUnreadableError } from './result-errors';

/**
 * Takes the PDF the specialised system produced as the result's record. A signed file is kept byte
 * for byte (rewriting it would break its signatures); an unsigned one is given SoHoa's XMP like any
 * record, so the hub can check what the workstation declares of it (docs/security.md). It is signed
 * by SoHoa afterwards.
 */
export async function importResultPdf(
  ctx: { store: Store; audit: AuditLog; actor: string },
  documentId: number,
  file: { name: string; bytes: Buffer },
): Promise<ResultImportResult> {
  const { store } = ctx;
  const doc = store.results.resultOf(documentId);
  if (!doc?.isResult) throw new NotAResultError(documentId);
  openIntakeDossier(store, doc.dossierId);
  let { bytes } = file;
  if (bytes.subarray(0, 1024).indexOf('%PDF-') < 0) throw new ResultPdfUnreadableError(file.name, 'no PDF header');
  // Coded errors for a damaged, truncated or encrypted file come from the reader.
  // Only its structure and signatures are counted here; whose signatures they are is not this step's question.
  const report = await verifyPdf(bytes, { trustAnchors: [], fetchCrl: false });
  const signedElsewhere = report.signatures.length > 0 || report.documentTimestamps.length > 0;
  if (!signedElsewhere) bytes = Buffer.from(await setRecordXmp(bytes, resultMetadata(store, documentId, doc, ctx.actor)));
  const sha = store.blobs.put(bytes);
  const record = store.transaction(() => {
    const r = store.records.addVersion(documentId, sha, null);
    ctx.audit.append({
      actor: ctx.actor,
      action: 'result.import',
      subject: String(documentId),
      details: { recordId: r.id, pdfSha256: sha, signatures: report.signatures.length, xmpWritten: !signedElsewhere },
    });
    return r;
  });
  return { documentId, recordId: record.id, pageCount: report.pageCount, signatures: report.signatures.length };
}

/** What SoHoa's XMP says of an imported result: its dossier, kind and title, and the agency that took it in. */
function resultMetadata(
  store: Store,
  documentId: number,
  doc: { dossierId: number; resultKind: string | null },
  actor: string,
): RecordMetadata {
  const dossier = store.dossiers.get(doc.dossierId);
  const title = store.documents.ofDossier(doc.dossierId).find((d) => d.id === documentId)?.title;
  const agency = store.dossiers.agencyOf(doc.dossierId);
  return {
    title: title || doc.resultKind || dossier?.code || 'Kết quả giải quyết',
    dossierCode: dossier?.code,
    procedureCode: dossier?.procedureCode ?? undefined,
    documentKind: doc.resultKind ?? undefined,
    ...(agency ? { digitizingAgency: agency } : {}),
    digitizedAt: new Date(),
    digitizedBy: actor,
  };
}
