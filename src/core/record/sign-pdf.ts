import { createHash, randomBytes } from 'node:crypto';
import fontkit from '@pdf-lib/fontkit';
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFDocument, type PDFObject } from 'pdf-lib';
import { buildCadesSignature, type TimestampSource } from './cades-signature';
import { assertCanSign } from './certificate-info';
import { invisibleAppearance, placeCopyStamp, type CopyStamp } from './copy-stamp';
import { appendIncrementalUpdate, type UpdatedObject } from './incremental-update';
import { loadPdfForReading } from './pdf-preflight';
import { defaultRecordResourcePaths, readResource, type RecordResourcePaths } from './record-resources';
import type { Signer } from './signer';
import { tagSubsetFonts } from './subset-font-tag';
import { SignatureSpaceError } from './signer-errors';

export interface SignOptions {
  signer: Signer;
  signingTime?: Date;
  /** The Decree 30 copy stamp on page 1; false for a signature with no visible text. */
  stamp?: CopyStamp | false;
  /** Adds an RFC 3161 signature timestamp (PAdES B-T). */
  timestamp?: TimestampSource;
  /** Bytes reserved for the CMS signature; the default fits the signer's chain (and a timestamp token when asked). */
  reservedBytes?: number;
  resources?: RecordResourcePaths;
}

const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const placeholderNumber = ' '.repeat(10);

/**
 * Signs a PDF as PAdES B-B (B-T with a timestamp source) in an incremental update appended
 * to the unchanged input bytes. Throws a coded error, leaving the input as it was, when the
 * certificate cannot sign.
 */
export async function signPdf(pdf: Uint8Array, options: SignOptions): Promise<Uint8Array> {
  const signingTime = options.signingTime ?? new Date();
  const chain = await options.signer.certificateChain();
  assertCanSign(chain[0]!, signingTime);
  const doc = await loadPdfForReading(pdf);
  doc.registerFontkit(fontkit);
  const originalLargest = doc.context.largestObjectNumber;
  const modified = new Set<PDFRef>();

  const page = doc.getPage(0);
  const { width, height } = page.getSize();
  const placed = options.stamp
    ? placeCopyStamp(
        doc,
        await doc.embedFont(await readResource((options.resources ?? defaultRecordResourcePaths()).stampFont), { subset: true }),
        options.stamp,
        width,
        height,
      )
    : invisibleAppearance(doc);
  const sigRef = doc.context.nextRef();
  const widget = doc.context.register(
    doc.context.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      T: PDFString.of(`Signature${signatureCount(doc) + 1}`),
      V: sigRef,
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
    if (ref === sigRef) continue;
    if (ref.objectNumber > originalLargest || modified.has(ref))
      objects.push({ objectNumber: ref.objectNumber, generation: ref.generationNumber, body: serialize(object) });
  }
  const reserved = options.reservedBytes ?? defaultReservation(chain, options.timestamp !== undefined);
  const sigBodyText =
    `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /M ${PDFString.fromDate(signingTime).toString()}` +
    ` /ByteRange [0 ${placeholderNumber} ${placeholderNumber} ${placeholderNumber}] /Contents <${'0'.repeat(reserved * 2)}> >>`;
  objects.push({ objectNumber: sigRef.objectNumber, generation: 0, body: latin1(sigBodyText) });

  const trailer = doc.context.trailerInfo;
  const firstId = firstIdOf(trailer.ID) ?? randomBytes(16).toString('hex');
  const { bytes, bodyOffsets } = appendIncrementalUpdate(pdf, objects, {
    size: doc.context.largestObjectNumber + 1,
    root: String(trailer.Root),
    info: trailer.Info ? String(trailer.Info) : undefined,
    id: [`<${firstId}>`, `<${randomBytes(16).toString('hex')}>`],
  });

  const sigStart = bodyOffsets.get(sigRef.objectNumber)!;
  const holeStart = sigStart + sigBodyText.indexOf('/Contents <') + '/Contents '.length;
  const holeEnd = holeStart + reserved * 2 + 2;
  const byteRange = [0, holeStart, holeEnd, bytes.length - holeEnd];
  const rangeAt = sigStart + sigBodyText.indexOf('/ByteRange [0 ') + '/ByteRange [0 '.length;
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
  const cms = await buildCadesSignature(digest, options.signer, options.timestamp);
  if (cms.length > reserved) throw new SignatureSpaceError(cms.length, reserved);
  bytes.set(
    latin1(
      Buffer.from(cms)
        .toString('hex')
        .padEnd(reserved * 2, '0'),
    ),
    holeStart + 1,
  );
  return bytes;
}

/** Room for the CMS: the certificates it carries, the signed attributes and signature, and a timestamp token with its own certificates. */
function defaultReservation(chain: Uint8Array[], timestamped: boolean): number {
  return chain.reduce((n, c) => n + c.length, 0) + 2048 + (timestamped ? 12_288 : 0);
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
