import { verifyPdf } from '../core/record/verify-pdf';
import type { RecordVerdict, RecordVerifier } from './record-verifier';
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
    if (!shape.ok) return shape;
    try {
      const report = await verifyPdf(bytes, { trustAnchors: this.trustAnchors });
      if (report.intact) return { ok: true, recordFields: report.recordFields, pageCount: report.pageCount };
      const problems = [
        ...(report.modifiedAfterSigning.length > 0 ? [`changed after signing: ${report.modifiedAfterSigning.join(', ')}`] : []),
        ...report.signatures.flatMap((s) => [...s.problems, ...(s.trustProblems ?? [])]),
      ].join('; ');
      return { ok: false, reason: 'signature-invalid', detail: `[${report.code}] ${problems}`.slice(0, 500) };
    } catch (e) {
      return { ok: false, reason: 'signature-invalid', detail: (e as Error).message };
    }
  }
}
