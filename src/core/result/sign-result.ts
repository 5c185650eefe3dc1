import type { ResultSignResult } from '../../shared/result-contract';
import type { AuditLog } from '../audit/audit-log';
import type { SignerSession } from '../desk/signer-session';
import { signPdf } from '../record/sign-pdf';
import { verifyPdf } from '../record/verify-pdf';
import type { DeskRepository } from '../store/desk-repository';
import { ResultRepository } from '../store/result-repository';
import type { Store } from '../store/store';
import { openIntakeDossier } from './hand-back';
import { NotAResultError, ResultNotReadyError } from './result-errors';

export interface SignResultContext {
  store: Store;
  desk: DeskRepository;
  audit: AuditLog;
  signer: SignerSession;
  actor: string;
  agencyName: string;
  now: () => Date;
}

/**
 * Signs a result's latest record as the agency's electronic copy. A scanned result gets the Decree 30
 * copy stamp, as at intake; a PDF that arrived signed (from the specialised system) keeps its bytes
 * and its signatures, and SoHoa's signature is appended to it as an incremental update, with no
 * visible stamp over the issuer's page.
 */
export async function signResult(ctx: SignResultContext, documentId: number): Promise<ResultSignResult> {
  const { store } = ctx;
  const doc = new ResultRepository(store.db).resultOf(documentId);
  if (!doc?.isResult) throw new NotAResultError(documentId);
  openIntakeDossier(store, doc.dossierId);
  const { signer, subject } = ctx.signer.require();
  const record = store.records.latest(documentId);
  const pages = store.pages.ofDocument(documentId);
  if (!record || ctx.desk.pendingJobsOfDocument(documentId) > 0 || pages.some((p) => p.state !== 'read'))
    throw new ResultNotReadyError(documentId);
  const pdf = store.blobs.get(record.pdfSha256);
  const signaturesBefore = (await verifyPdf(pdf, { trustAnchors: [], fetchCrl: false })).signatures.length;
  if (record.signed)
    return { documentId, recordId: record.id, version: record.version, signaturesBefore, countersigned: signaturesBefore > 1 };
  const signingTime = ctx.now();
  const countersigned = signaturesBefore > 0;
  const bytes = await signPdf(pdf, {
    signer,
    signingTime,
    stamp: countersigned ? false : { lines: ['SAO Y', ctx.agencyName, signingTime.toISOString()] },
  });
  const sha = store.blobs.put(Buffer.from(bytes));
  const version = store.db.transaction(() => {
    const v = store.records.addVersion(documentId, sha, { signer: subject, signedAt: signingTime.toISOString() });
    store.records.enqueueForSync(v.id);
    ctx.audit.append({
      actor: ctx.actor,
      action: 'result.sign',
      subject: String(documentId),
      details: { recordId: v.id, version: v.version, signer: subject, pdfSha256: sha, countersigned },
    });
    return v;
  })();
  return { documentId, recordId: version.id, version: version.version, signaturesBefore, countersigned };
}
