import { pdfPages } from '../capture/files/pdf-pages';
import { CodedError } from '../../shared/errors';

/** The record has no page at that place. */
export class RecordPageNotFoundError extends CodedError {
  constructor(index: number, pageCount: number) {
    super('record.page-not-found', `The record has ${pageCount} page(s); there is no page ${index + 1}`, { index, pageCount });
  }
}

/** Page images of a record are those the app embedded: no more pixels than a scan at 600 dpi on A3. */
const LIMIT_PIXELS = 100_000_000;

/**
 * One page of a record as its PDF holds it: the page's image, read out of the signed bytes (JPEG as
 * stored, anything else as PNG), so what is shown is what was signed, whatever the pages became since.
 */
export async function recordPageImage(pdf: Buffer, index: number): Promise<{ dataUrl: string; pageCount: number }> {
  let found: { bytes: Buffer; format: 'jpeg' | 'png' } | null = null;
  let pageCount = 0;
  for await (const item of pdfPages('record.pdf', pdf, LIMIT_PIXELS, Number.MAX_SAFE_INTEGER)) {
    if (pageCount === index) {
      if (item.kind === 'error') throw item.error;
      found = item;
    }
    pageCount++;
  }
  if (!found) throw new RecordPageNotFoundError(index, pageCount);
  return { dataUrl: `data:image/${found.format};base64,${found.bytes.toString('base64')}`, pageCount };
}
