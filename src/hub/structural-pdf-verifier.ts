import type { RecordVerdict, RecordVerifier } from './record-verifier';

const MARKER = '/ByteRange';
const RANGE = /^\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/;

/**
 * Checks shape only: a PDF header and end marker, and a signature dictionary whose /ByteRange
 * starts at 0 and ends at the end of the file. Cryptographic checks are PadesRecordVerifier's.
 * Reads the bytes where they are: only the header, the tail and each /ByteRange array become text.
 */
export class StructuralPdfVerifier implements RecordVerifier {
  async verify(bytes: Uint8Array): Promise<RecordVerdict> {
    const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const head = view.subarray(0, 8).toString('latin1');
    const tail = view.subarray(Math.max(0, view.length - 1024)).toString('latin1');
    if (!head.startsWith('%PDF-') || !tail.includes('%%EOF'))
      return { ok: false, reason: 'not-pdf', detail: 'no %PDF- header or %%EOF marker' };
    let found = false;
    for (let at = view.indexOf(MARKER); at >= 0; at = view.indexOf(MARKER, at + MARKER.length)) {
      const m = RANGE.exec(view.subarray(at, at + 200).toString('latin1'));
      if (!m) continue;
      found = true;
      if (Number(m[1]) === 0 && Number(m[3]) + Number(m[4]) <= view.length && Number(m[2]) < Number(m[3])) return { ok: true };
    }
    if (!found) return { ok: false, reason: 'unsigned', detail: 'no signature dictionary (/ByteRange)' };
    return { ok: false, reason: 'signature-invalid', detail: '/ByteRange does not fit the file' };
  }
}
