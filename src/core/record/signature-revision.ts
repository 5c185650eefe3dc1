import { createHash, randomBytes } from 'node:crypto';
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFDocument, type PDFObject } from 'pdf-lib';
import type { PlacedStamp } from './copy-stamp';
import { appendIncrementalUpdate, type UpdatedObject } from './incremental-update';
import { loadPdfForReading } from './pdf-preflight';
import { SignatureSpaceError } from './signer-errors';
import { tagSubsetFonts } from './subset-font-tag';

export interface SignatureRevisionOptions {
  /** The entries of the value dictionary before /ByteRange and /Contents, e.g. `/Type /Sig /Filter … /SubFilter …`. */
  dictionaryHead: string;
  /** Bytes reserved for the value written into /Contents. */
  reservedBytes: number;
  /** The widget's appearance on page 1, drawn into the document being updated. */
  appearance(doc: PDFDocument): Promise<PlacedStamp>;
  /** The value for /Contents, from the SHA-256 of every byte of the new revision but the hole left for it. */
  contents(digest: Uint8Array): Promise<Uint8Array>;
}

const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const placeholderNumber = ' '.repeat(10);

/**
 * Appends to a PDF, as one incremental update, a signature field on page 1 whose value dictionary
 * covers the whole new revision but its /Contents: the step a PAdES signature and a PAdES document
 * timestamp (ISO 32000-2 §12.8.5) share. The input bytes are kept as they are.
 */
export async function appendSignatureRevision(pdf: Uint8Array, options: SignatureRevisionOptions): Promise<Uint8Array> {
  const doc = await loadPdfForReading(pdf);
  doc.registerFontkit((await import('@pdf-lib/fontkit')).default);
  const originalLargest = doc.context.largestObjectNumber;
  const modified = new Set<PDFRef>();

  const page = doc.getPage(0);
  const placed = await options.appearance(doc);
  const valueRef = doc.context.nextRef();
  const widget = doc.context.register(
    doc.context.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      T: PDFString.of(`Signature${signatureCount(doc) + 1}`),
      V: valueRef,
      F: 132,
      Rect: placed.rect,
      P: page.ref,
      AP: { N: placed.appearance },
    }),
  );
  addToArray(doc, page.node, 'Annots', widget, modified);
  modified.add(page.ref);
  addToAcroForm(doc, widget, modified);
  await doc.flush();
  tagSubsetFonts(doc, (ref) => ref.objectNumber > originalLargest);

  const objects: UpdatedObject[] = [];
  for (const [ref, object] of doc.context.enumerateIndirectObjects()) {
    if (ref === valueRef) continue;
    if (ref.objectNumber > originalLargest || modified.has(ref))
      objects.push({ objectNumber: ref.objectNumber, generation: ref.generationNumber, body: serialize(object) });
  }
  const reserved = options.reservedBytes;
  const valueText =
    `<< ${options.dictionaryHead}` +
    ` /ByteRange [0 ${placeholderNumber} ${placeholderNumber} ${placeholderNumber}] /Contents <${'0'.repeat(reserved * 2)}> >>`;
  objects.push({ objectNumber: valueRef.objectNumber, generation: 0, body: latin1(valueText) });

  const trailer = doc.context.trailerInfo;
  const firstId = firstIdOf(trailer.ID) ?? randomBytes(16).toString('hex');
  const { bytes, bodyOffsets } = appendIncrementalUpdate(pdf, objects, {
    size: doc.context.largestObjectNumber + 1,
    root: String(trailer.Root),
    info: trailer.Info ? String(trailer.Info) : undefined,
    id: [`<${firstId}>`, `<${randomBytes(16).toString('hex')}>`],
  });

  const valueStart = bodyOffsets.get(valueRef.objectNumber)!;
  const holeStart = valueStart + valueText.indexOf('/Contents <') + '/Contents '.length;
  const holeEnd = holeStart + reserved * 2 + 2;
  const byteRange = [0, holeStart, holeEnd, bytes.length - holeEnd];
  const rangeAt = valueStart + valueText.indexOf('/ByteRange [0 ') + '/ByteRange [0 '.length;
  bytes.set(
    latin1(
      byteRange
        .slice(1)
        .map((n) => String(n).padEnd(10, ' '))
        .join(' '),
    ),
    rangeAt,
  );

  const digest = createHash('sha256').update(bytes.subarray(0, holeStart)).update(bytes.subarray(holeEnd)).digest();
  const value = await options.contents(digest);
  if (value.length > reserved) throw new SignatureSpaceError(value.length, reserved);
  bytes.set(
    latin1(
      Buffer.from(value)
        .toString('hex')
        .padEnd(reserved * 2, '0'),
    ),
    holeStart + 1,
  );
  return bytes;
}

function serialize(object: PDFObject): Uint8Array {
  const out = new Uint8Array(object.sizeInBytes());
  object.copyBytesInto(out, 0);
  return out;
}

function firstIdOf(id: PDFObject | undefined): string | undefined {
  if (!(id instanceof PDFArray)) return undefined;
  const first = id.get(0);
  return first instanceof PDFHexString ? first.asString() : undefined;
}

function signatureCount(doc: PDFDocument): number {
  const form = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  return form?.lookupMaybe(PDFName.of('Fields'), PDFArray)?.size() ?? 0;
}

/** Appends `ref` to the array at `key` of `dict`, creating it; remembers an indirect array as changed. */
function addToArray(doc: PDFDocument, dict: PDFDict, key: string, ref: PDFRef, modified: Set<PDFRef>): void {
  const name = PDFName.of(key);
  const raw = dict.get(name);
  if (raw instanceof PDFRef) {
    doc.context.lookup(raw, PDFArray).push(ref);
    modified.add(raw);
  } else if (raw instanceof PDFArray) {
    raw.push(ref);
  } else {
    dict.set(name, doc.context.obj([ref]));
  }
}

function addToAcroForm(doc: PDFDocument, widget: PDFRef, modified: Set<PDFRef>): void {
  const name = PDFName.of('AcroForm');
  const raw = doc.catalog.get(name);
  let form: PDFDict;
  if (raw instanceof PDFRef) {
    form = doc.context.lookup(raw, PDFDict);
    modified.add(raw);
  } else if (raw instanceof PDFDict) {
    form = raw;
  } else {
    form = doc.context.obj({});
    doc.catalog.set(name, form);
  }
  addToArray(doc, form, 'Fields', widget, modified);
  form.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  modified.add(doc.context.trailerInfo.Root as PDFRef);
}
