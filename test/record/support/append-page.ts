import { PDFDocument, PDFRef, type PDFObject } from 'pdf-lib';
import { appendIncrementalUpdate, type UpdatedObject } from '../../../src/core/record/incremental-update';

/** What someone tampering with a signed record might do: add a page in an incremental update. */
export async function appendBlankPageIncrementally(pdf: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const largest = doc.context.largestObjectNumber;
  doc.addPage([200, 200]);
  const pagesRef = doc.catalog.get(doc.catalog.context.obj('Pages') as never) as PDFRef;
  const objects: UpdatedObject[] = [];
  for (const [ref, object] of doc.context.enumerateIndirectObjects()) {
    if (ref.objectNumber > largest || ref === pagesRef)
      objects.push({ objectNumber: ref.objectNumber, generation: ref.generationNumber, body: bytesOf(object) });
  }
  const t = doc.context.trailerInfo;
  return appendIncrementalUpdate(pdf, objects, {
    size: doc.context.largestObjectNumber + 1,
    root: String(t.Root),
    info: t.Info ? String(t.Info) : undefined,
  }).bytes;
}

function bytesOf(o: PDFObject): Uint8Array {
  const out = new Uint8Array(o.sizeInBytes());
  o.copyBytesInto(out, 0);
  return out;
}
