import type { ResultSignResult } from '../../shared/result-contract';
import type { AuditLog } from '../audit/audit-log';
import type { SignerSession } from '../desk/signer-session';
import { signPdf, type SignOptions } from '../record/sign-pdf';
import { TimestampError } from '../record/signer-errors';
import { rfc3161TimestampSource } from '../record/timestamp-client';
import { verifyPdf } from '../record/verify-pdf';
import type { DeskRepository } from '../store/desk-repository';
import type { Store } from '../store/store';
import { openIntakeDossier } from './hand-back';
import { NotAResultError, ResultNotReadyError } from './result-errors';
import { configuredTsaUrl } from './timestamp-result';

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
 * visible stamp over the issuer's page. With a timestamp authority configured the signature is
 * timestamped (PAdES B-T); when the authority does not answer, the result is signed without, so the
 * citizen is not kept waiting, and the answer says so: a document timestamp can be added later.
 */
export async function signResult(ctx: SignResultContext, documentId: number): Promise<ResultSignResult> {
  const { store } = ctx;
  const doc = store.results.resultOf(documentId);
  if (!doc?.isResult) throw new NotAResultError(documentId);
  openIntakeDossier(store, doc.dossierId);
  const { signer, subject } = ctx.signer.require();
  const record = store.records.latest(documentId);
  const pages = store.pages.ofDocument(documentId);
  if (!record || ctx.desk.pendingJobsOfDocument(documentId) > 0 || pages.some((p) => p.state !== 'read'))
    throw new ResultNotReadyError(documentId);
  const pdf = store.blobs.get(record.pdfSha256);
  const before = await verifyPdf(pdf, { trustAnchors: [], fetchCrl: false });
  const signaturesBefore = before.signatures.length;
  if (record.signed) {
    const timestamped = before.documentTimestamps.length > 0 || before.signatures.some((s) => s.timestamp);
    return {
      documentId,
      recordId: record.id,
      version: record.version,
      signaturesBefore,
      countersigned: signaturesBefore > 1,
      timestamp: timestamped ? 'present' : 'none',
    };
  }
  const signingTime = ctx.now();
  const countersigned = signaturesBefore > 0;
  const options: SignOptions = {
    signer,
    signingTime,
    stamp: countersigned ? false : { lines: ['SAO Y', ctx.agencyName, signingTime.toISOString()] },
  };
  const tsaUrl = configuredTsaUrl(store);
  let timestamp: ResultSignResult['timestamp'] = tsaUrl ? 'present' : 'none';
  let bytes: Uint8Array;
  try {
    bytes = await signPdf(pdf, { ...options, ...(tsaUrl ? { timestamp: rfc3161TimestampSource({ url: tsaUrl }) } : {}) });
  } catch (e) {
    if (!(e instanceof TimestampError)) throw e;
    timestamp = 'unreachable';
    bytes = await signPdf(pdf, options);
  }
  const sha = store.blobs.put(Buffer.from(bytes));
  const version = store.transaction(() => {
    const v = store.records.addVersion(documentId, sha, { signer: subject, signedAt: signingTime.toISOString() });
    store.records.enqueueForSync(v.id);
    ctx.audit.append({
      actor: ctx.actor,
      action: 'result.sign',
      subject: String(documentId),
      details: { recordId: v.id, version: v.version, signer: subject, pdfSha256: sha, countersigned, timestamp },
    });
    return v;
  });
  return { documentId, recordId: version.id, version: version.version, signaturesBefore, countersigned, timestamp };
}
