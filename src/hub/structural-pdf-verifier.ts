import type { RecordVerdict, RecordVerifier } from './record-verifier';

/**
 * Checks shape only: a PDF header and end marker, and a signature dictionary whose /ByteRange
 * starts at 0 and ends at the end of the file. Cryptographic checks are PadesRecordVerifier's.
 */
export class StructuralPdfVerifier implements RecordVerifier {
  async verify(bytes: Uint8Array): Promise<RecordVerdict> {
    const head = Buffer.from(bytes.subarray(0, 8)).toString('latin1');
    const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString('latin1');
    if (!head.startsWith('%PDF-') || !tail.includes('%%EOF')) return { ok: false, reason: 'not-pdf', detail: 'no %PDF- header or %%EOF marker' };
    const text = Buffer.from(bytes).toString('latin1');
    const ranges = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
    if (ranges.length === 0) return { ok: false, reason: 'unsigned', detail: 'no signature dictionary (/ByteRange)' };
    const covering = ranges.some((m) => Number(m[1]) === 0 && Number(m[3]) + Number(m[4]) <= bytes.length && Number(m[2]) < Number(m[3]));
    if (!covering) return { ok: false, reason: 'signature-invalid', detail: '/ByteRange does not fit the file' };
    return { ok: true };
  }
}
