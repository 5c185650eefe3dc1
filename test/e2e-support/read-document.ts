import { buildRecordPdf, type RecordCompression, type RecordPage } from '../../src/core/record/build-record-pdf';
import type { Store } from '../../src/core/store/store';

/**
 * A document whose pages are read and whose unsigned record is built, as the pipeline leaves it
 * (without running OCR): ready to be signed at the desk. Returns the document's id.
 */
export async function addReadDocument(
  store: Store,
  dossierId: number,
  component: string,
  scans: RecordPage[],
  options: { title?: string; compression?: RecordCompression } = {},
): Promise<number> {
  const documentId = store.documents.create(dossierId, component, null);
  for (const scan of scans)
    store.db
      .prepare(`UPDATE page SET state = 'read' WHERE id = ?`)
      .run(store.pages.addPage(documentId, store.blobs.put(scan.image), 'scan').id);
  const pdf = await buildRecordPdf({
    pages: scans,
    metadata: { title: options.title ?? component, digitizedAt: new Date() },
    compression: options.compression,
  });
  store.records.addVersion(documentId, store.blobs.put(Buffer.from(pdf)), null);
  return documentId;
}
