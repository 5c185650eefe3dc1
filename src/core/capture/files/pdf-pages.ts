import { EncryptedPDFError, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, type PDFContext, type PDFPage } from 'pdf-lib';
import { DEFAULT_MAX_PAGES_PER_FILE } from '../../../shared/page-limits';
import { loadPdf, pdfDamageReason } from '../../pdf/load-pdf';
import {
  ImportCorruptPdfError,
  ImportEncryptedPdfError,
  ImportPdfPageWithoutImageError,
  ImportPdfRepairedWarning,
  ImportTooManyPagesError,
} from './errors';
import { pageSource, type ImportItem } from './page-item';
import { extractPdfImage } from './pdf-image';
import { failure } from './raster-pages';

/**
 * One page image per page of a scanner's PDF: the largest image XObject the page draws. A PDF whose
 * damaged objects had to be skipped still gives its pages; the first carries a warning that says so.
 */
export async function* pdfPages(
  path: string,
  bytes: Buffer,
  limit: number,
  maxPages = DEFAULT_MAX_PAGES_PER_FILE,
): AsyncGenerator<ImportItem> {
  let doc: PDFDocument;
  let pages: PDFPage[];
  let repaired: boolean;
  try {
    ({ doc, repaired } = await loadPdf(bytes, { updateMetadata: false }));
    pages = doc.getPages();
  } catch (error) {
    yield failure(
      path,
      isEncryptedError(error) ? new ImportEncryptedPdfError(path) : new ImportCorruptPdfError(path, pdfDamageReason(error)),
    );
    return;
  }
  if (pages.length === 0) yield failure(path, new ImportCorruptPdfError(path, 'no pages'));
  if (pages.length > maxPages) {
    yield failure(path, new ImportTooManyPagesError(path, pages.length, maxPages));
    return;
  }
  for (let i = 0; i < pages.length; i++) {
    const source = pageSource(path, i);
    try {
      const page = pages[i]!;
      const stream = largestImage(page.node.Resources(), doc.context, 0);
      if (!stream) throw new ImportPdfPageWithoutImageError(source);
      const width = imageWidth(stream);
      const pageInches = page.getWidth() / 72;
      const dpi = pageInches > 0 ? Math.round(width / pageInches) : 0;
      const image = await extractPdfImage({ stream, context: doc.context, source, limit, dpi });
      yield { kind: 'page', source, ...image, ...(repaired ? { warning: new ImportPdfRepairedWarning(path) } : {}) };
      repaired = false;
    } catch (error) {
      yield failure(source, error);
    }
  }
}

/** The largest image among the page's XObjects, looking into form XObjects a couple of levels deep. */
function largestImage(resources: PDFDict | undefined, context: PDFContext, depth: number): PDFRawStream | undefined {
  const xobjects = resources?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  if (!xobjects) return undefined;
  let best: PDFRawStream | undefined;
  let bestArea = 0;
  for (const [, ref] of xobjects.entries()) {
    const obj = context.lookup(ref);
    if (!(obj instanceof PDFRawStream)) continue;
    const subtype = obj.dict.lookup(PDFName.of('Subtype'));
    let candidate: PDFRawStream | undefined;
    if (subtype === PDFName.of('Image')) candidate = obj;
    else if (subtype === PDFName.of('Form') && depth < 3) {
      candidate = largestImage(obj.dict.lookupMaybe(PDFName.of('Resources'), PDFDict), context, depth + 1);
    }
    if (!candidate) continue;
    const area = imageWidth(candidate) * imageHeight(candidate);
    if (area > bestArea) {
      best = candidate;
      bestArea = area;
    }
  }
  return best;
}

function imageWidth(stream: PDFRawStream): number {
  return stream.dict.lookupMaybe(PDFName.of('Width'), PDFNumber)?.asNumber() ?? 0;
}

function imageHeight(stream: PDFRawStream): number {
  return stream.dict.lookupMaybe(PDFName.of('Height'), PDFNumber)?.asNumber() ?? 0;
}

/** pdf-lib's EncryptedPDFError loses its prototype when compiled, so the message is checked too. */
function isEncryptedError(error: unknown): boolean {
  return error instanceof EncryptedPDFError || (error instanceof Error && /is encrypted/.test(error.message));
}
