import { PDFName } from 'pdf-lib';
import { loadPdfForReading } from './pdf-preflight';
import type { RecordMetadata, ScanFacts } from './record-metadata';
import { recordXmp } from './xmp-metadata';

/**
 * Gives an unsigned PDF made elsewhere (a result from the specialised system) SoHoa's XMP, replacing
 * any metadata stream it had, so the hub can hold what the workstation declares to the PDF's own word.
 * Rewrites the file: never call it on a signed PDF, whose signatures would break.
 */
export async function setRecordXmp(bytes: Uint8Array, metadata: RecordMetadata, scan: Partial<ScanFacts> = {}): Promise<Uint8Array> {
  const doc = await loadPdfForReading(bytes);
  const xmp = recordXmp({
    metadata,
    scan: { pageCount: doc.getPageCount(), ...scan },
    producer: metadata.producer ?? 'sohoa',
    created: metadata.digitizedAt,
  });
  const stream = doc.context.stream(new TextEncoder().encode(xmp), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}
