import { verifyPdf } from '../core/record/verify-pdf';
import type { RecordVerdict, RecordVerifier } from './record-verifier';
import { StructuralPdfVerifier } from './structural-pdf-verifier';

/** Full PAdES check by the record module: every signature valid and covering the file. */
export class PadesRecordVerifier implements RecordVerifier {
  private readonly shape = new StructuralPdfVerifier();

  async verify(bytes: Uint8Array): Promise<RecordVerdict> {
    const shape = await this.shape.verify(bytes);
    if (!shape.ok) return shape;
    try {
      const report = await verifyPdf(bytes);
      if (report.intact) return { ok: true };
      const problems = report.signatures.flatMap((s) => s.problems).join('; ');
      return { ok: false, reason: 'signature-invalid', detail: problems.slice(0, 500) || 'no valid signature' };
    } catch (e) {
      return { ok: false, reason: 'signature-invalid', detail: (e as Error).message };
    }
  }
}
