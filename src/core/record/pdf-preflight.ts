import { PDFDocument } from 'pdf-lib';
import { RecordDamagedError, RecordEncryptedError, RecordNotPdfError, RecordTruncatedError } from './record-errors';

/** Loads a PDF for reading, turning each way it can be unusable into its coded error. */
export async function loadPdfForReading(bytes: Uint8Array): Promise<PDFDocument> {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) throw new RecordNotPdfError();
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString('latin1');
  if (!/%%EOF\s*$/.test(tail)) throw new RecordTruncatedError();
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: false });
  } catch (e) {
    throw new RecordDamagedError((e as Error).message.split('\n')[0] ?? 'unknown');
  }
  if (doc.isEncrypted) throw new RecordEncryptedError();
  if (doc.getPageCount() === 0) throw new RecordDamagedError('no pages');
  return doc;
}
