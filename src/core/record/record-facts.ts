import { loadPdfForReading } from './pdf-preflight';
import { readRecordXmpFields } from './record-xmp-fields';

/** What a record says of itself and the hub checks: its pages and its kind of document (sohoa:documentKind). */
export interface RecordFacts {
  pageCount: number;
  documentKind: string | null;
}

/** The record's page count (its page tree) and kind (its XMP); undefined when the PDF cannot be read, and the hub then takes its own. */
export async function recordFactsOf(bytes: Uint8Array): Promise<RecordFacts | undefined> {
  try {
    const doc = await loadPdfForReading(bytes);
    return { pageCount: doc.getPageCount(), documentKind: readRecordXmpFields(doc)?.documentKind ?? null };
  } catch {
    return undefined;
  }
}
