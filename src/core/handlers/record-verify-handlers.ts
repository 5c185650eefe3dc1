import type { EngineHandlers } from '../../shared/contract';
import type { RecordVerification } from '../../shared/types';
import type { VerificationReport } from '../record/signature-report';
import { readTrustAnchors, trustAnchorEntries, TRUST_ANCHORS_SETTING } from '../record/trust-anchors';
import { verifyPdf } from '../record/verify-pdf';
import { NotFoundError } from '../validation-error';
import type { ServiceContext } from './handler-context';

/** A record's signatures checked against the trust anchors set on the workstation, and whether it changed after signing. */
export function recordVerifyHandlers(ctx: ServiceContext): Pick<EngineHandlers, 'record.verify'> {
  const { store } = ctx;
  return {
    'record.verify': async ({ recordId }) => {
      const record = store.records.get(recordId);
      if (!record) throw new NotFoundError('record', recordId);
      const trustAnchors = readTrustAnchors(trustAnchorEntries(store.settings.get(TRUST_ANCHORS_SETTING)));
      const report = await verifyPdf(store.blobs.get(record.pdfSha256), { trustAnchors });
      const changed = report.modifiedAfterSigning.length > 0 ? [`changed after signing: ${report.modifiedAfterSigning.join(', ')}`] : [];
      return {
        recordId,
        intact: report.intact,
        code: report.intact ? null : (report.code ?? null),
        pageCount: report.pageCount,
        signatures: report.signatures.map((s) => ({
          signer: s.signer,
          valid: s.valid && s.trusted,
          signingTime: s.signingTime ?? null,
          problems: [...s.problems, ...(s.trustProblems ?? []), ...(s.index === 1 ? changed : [])],
        })),
        timestamp: latestTimestamp(report),
      };
    },
  };
}

function latestTimestamp(report: VerificationReport): RecordVerification['timestamp'] {
  const doc = report.documentTimestamps.at(-1);
  if (doc) return { time: doc.time, authority: doc.authority, valid: doc.valid, kind: 'document' };
  const sig = report.signatures.at(-1)?.timestamp;
  return sig ? { ...sig, kind: 'signature' } : null;
}
