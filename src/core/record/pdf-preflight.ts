import { PDFDocument } from 'pdf-lib';
import { DEFAULT_MAX_PAGES_PER_FILE, isStackOverflow } from '../../shared/page-limits';
import {
  RecordDamagedError,
  RecordEncryptedError,
  RecordNotPdfError,
  RecordPageTreeCyclicError,
  RecordTooManyPagesError,
  RecordTruncatedError,
} from './record-errors';

/** Loads a PDF for reading, turning each way it can be unusable into its coded error. */
export async function loadPdfForReading(bytes: Uint8Array, maxPages = DEFAULT_MAX_PAGES_PER_FILE): Promise<PDFDocument> {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) throw new RecordNotPdfError();
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString('latin1');
  if (!/%%EOF\s*$/.test(tail)) throw new RecordTruncatedError();
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: false });
  } catch (e) {
    if (isStackOverflow(e)) throw new RecordPageTreeCyclicError();
    throw new RecordDamagedError((e as Error).message.split('\n')[0] ?? 'unknown');
  }
  if (doc.isEncrypted) throw new RecordEncryptedError();
  let pages: number;
  try {
    pages = doc.getPageCount();
  } catch (e) {
    if (isStackOverflow(e)) throw new RecordPageTreeCyclicError();
    throw new RecordDamagedError((e as Error).message.split('\n')[0] ?? 'unknown');
  }
  if (pages === 0) throw new RecordDamagedError('no pages');
  if (pages > maxPages) throw new RecordTooManyPagesError(pages, maxPages);
  return doc;
}
