import type { PDFDocument } from 'pdf-lib';
import { DEFAULT_MAX_PAGES_PER_FILE, isStackOverflow } from '../../shared/page-limits';
import { loadPdf, pdfDamageReason, type LoadedPdf } from '../pdf/load-pdf';
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
  return (await loadPdfForReadingRepaired(bytes, maxPages)).doc;
}

/** The same, saying whether pdf-lib had to skip damaged objects to read it. */
export async function loadPdfForReadingRepaired(bytes: Uint8Array, maxPages = DEFAULT_MAX_PAGES_PER_FILE): Promise<LoadedPdf> {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) throw new RecordNotPdfError();
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString('latin1');
  if (!/%%EOF\s*$/.test(tail)) throw new RecordTruncatedError();
  let doc: PDFDocument;
  let repaired: boolean;
  try {
    ({ doc, repaired } = await loadPdf(bytes, { updateMetadata: false, ignoreEncryption: true }));
  } catch (e) {
    if (isStackOverflow(e)) throw new RecordPageTreeCyclicError();
    throw new RecordDamagedError(pdfDamageReason(e));
  }
  if (doc.isEncrypted) throw new RecordEncryptedError();
  let pages: number;
  try {
    pages = doc.getPageCount();
  } catch (e) {
    if (isStackOverflow(e)) throw new RecordPageTreeCyclicError();
    throw new RecordDamagedError(pdfDamageReason(e));
  }
  if (pages === 0) throw new RecordDamagedError('no pages');
  if (pages > maxPages) throw new RecordTooManyPagesError(pages, maxPages);
  return { doc, repaired };
}
