import { verifyPdf } from '../core/record/verify-pdf';
import type { VerificationReport } from '../core/record/signature-report';
import type { RecordFacts, RecordVerdict, RecordVerifier } from './record-verifier';
import { StructuralPdfVerifier } from './structural-pdf-verifier';

/**
 * Full PAdES check by the record module, the same rules as `sohoa verify`: every signature valid,
 * covering its revision, chaining to one of the hub's trust anchors, and nothing but signatures and
 * validation data added after the first one.
 */
export class PadesRecordVerifier implements RecordVerifier {
  private readonly shape = new StructuralPdfVerifier();

  /** `trustAnchors`: PEM text, as `readTrustAnchors` gives it. */
  constructor(private readonly trustAnchors: readonly string[]) {}

  async verify(bytes: Uint8Array): Promise<RecordVerdict> {
    const shape = await this.shape.verify(bytes);
    if (!shape.ok && shape.reason === 'not-pdf') return shape;
    try {
      const report = await verifyPdf(bytes, { trustAnchors: this.trustAnchors });
      const facts: RecordFacts = {
        recordFields: report.recordFields,
        pageCount: report.pageCount,
        signedBeforeLast: signedBeforeLast(report),
      };
      if (!shape.ok) return { ...shape, ...facts };
      if (report.intact) return { ok: true, ...facts };
      const problems = [
        ...(report.modifiedAfterSigning.length > 0 ? [`changed after signing: ${report.modifiedAfterSigning.join(', ')}`] : []),
        ...report.signatures.flatMap((s) => [...s.problems, ...(s.trustProblems ?? [])]),
      ].join('; ');
      return { ok: false, reason: 'signature-invalid', detail: `[${report.code}] ${problems}`.slice(0, 500), ...facts };
    } catch (e) {
      return shape.ok ? { ok: false, reason: 'signature-invalid', detail: (e as Error).message } : shape;
    }
  }
}

/** The first signature holds for its whole revision, and a signature or document timestamp was added after it. */
function signedBeforeLast(report: VerificationReport): boolean {
  const [first] = report.signatures;
  if (!first?.valid || !first.coversWholeFile) return false;
  const end = (r: [number, number, number, number]) => r[2] + r[3];
  return [...report.signatures.slice(1), ...report.documentTimestamps].some((later) => end(later.byteRange) > end(first.byteRange));
}
