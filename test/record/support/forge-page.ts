import { PDFDocument, PDFName, PDFString, rgb, StandardFonts, type PDFObject } from 'pdf-lib';
import { appendIncrementalUpdate, type UpdatedObject } from '../../../src/core/record/incremental-update';

/**
 * The forgery of issue #25: an incremental update that paints page 1 white and writes other text
 * on it, leaving the signed bytes untouched (so the first signature still checks out by itself).
 */
export async function whiteOutPageOne(pdf: Uint8Array, text: string): Promise<Uint8Array> {
  return editIncrementally(pdf, async (doc) => {
    const page = doc.getPage(0);
    const { width, height } = page.getSize();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    page.drawRectangle({ x: 0, y: 0, width, height, color: rgb(1, 1, 1) });
    page.drawText(text, { x: 60, y: height - 120, size: 18, font, color: rgb(0, 0, 0) });
  });
}

/** The same forgery as an overlay: a white, opaque FreeText annotation over page 1 saying `text`, its content stream untouched. */
export async function overlayPageOne(pdf: Uint8Array, text: string): Promise<Uint8Array> {
  return editIncrementally(pdf, (doc) => {
    const page = doc.getPage(0);
    const { width, height } = page.getSize();
    const appearance = doc.context.register(
      doc.context.stream(`1 1 1 rg 0 0 ${width} ${height} re f BT /Helv 18 Tf 0 g 60 ${height - 120} Td (${text}) Tj ET`, {
        Type: 'XObject',
        Subtype: 'Form',
        BBox: [0, 0, width, height],
        Resources: { Font: { Helv: doc.context.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Helvetica' }) } },
      }),
    );
    const annotation = doc.context.obj({
      Type: 'Annot',
      Subtype: 'FreeText',
      Rect: [0, 0, width, height],
      Contents: PDFString.of(text),
      DA: PDFString.of('/Helv 18 Tf 0 g'),
      F: 4,
      AP: { N: appearance },
    });
    page.node.addAnnot(doc.context.register(annotation));
    page.node.set(PDFName.of('Annots'), page.node.Annots()!);
  });
}

/** Applies `edit` to the PDF and appends only the objects it changed or added, as an incremental update, leaving the signed bytes as they were. */
async function editIncrementally(pdf: Uint8Array, edit: (doc: PDFDocument) => void | Promise<void>): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const largest = doc.context.largestObjectNumber;
  await edit(doc);
  await doc.flush();
  const original = await PDFDocument.load(pdf, { updateMetadata: false });
  const objects: UpdatedObject[] = [];
  for (const [ref, object] of doc.context.enumerateIndirectObjects()) {
    const before = ref.objectNumber > largest ? undefined : original.context.lookup(ref);
    const body = bytesOf(object);
    if (before && Buffer.from(bytesOf(before)).equals(Buffer.from(body))) continue;
    objects.push({ objectNumber: ref.objectNumber, generation: ref.generationNumber, body });
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
