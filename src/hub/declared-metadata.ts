import type { RecordDescriptor } from '../shared/sync-protocol';
import type { RecordFacts } from './record-verifier';
import { MetadataMismatchError, RecordXmpMissingError } from './sync-errors';

/** What a workstation declares beside the record, and the XMP field of the signed PDF that says the same. */
const DECLARED_IN_XMP = [
  ['dossierCode', 'dossierCode'],
  ['procedureCode', 'procedureCode'],
  ['agencyCode', 'digitizingAgencyCode'],
] as const satisfies readonly (readonly [keyof RecordDescriptor, string])[];

/** What the verifier read from the PDF itself. */
export type PdfFacts = RecordFacts;

/**
 * The hub indexes a record by what the workstation declares; the signed PDF is the record's own word.
 * A PDF without SoHoa's XMP (no sohoa:dossierCode) is refused: there is nothing to hold the declaration
 * to. A result signed elsewhere before the workstation signed or timestamped it is the exception: it is
 * the PDF the specialised system issued, kept byte for byte, so it cannot carry the XMP; only a first
 * signature that holds for its whole revision, with a later one after it, makes it so. A result the
 * workstation took in unsigned carries the XMP like any record. Where the XMP names a field, the
 * declaration must say the same. The page count is checked
 * against the PDF's page tree and the kind of document against sohoa:documentKind, when the workstation
 * declares them (older ones do not: the PDF's own values stand). A verifier that reads no XMP (shape
 * only, `recordFields` undefined) leaves nothing to compare.
 */
export function checkDeclaredMetadata(record: RecordDescriptor, { recordFields: xmp, pageCount, signedBeforeLast }: PdfFacts): void {
  if (xmp === undefined) return;
  if (!xmp?.dossierCode) {
    if (record.isResult && signedBeforeLast) return checkPageCount(record, pageCount);
    throw new RecordXmpMissingError();
  }
  for (const [declared, field] of DECLARED_IN_XMP) {
    const inPdf = xmp[field];
    if (inPdf === undefined) continue;
    if ((record[declared] ?? null) !== inPdf) throw new MetadataMismatchError(declared, record[declared] ?? null, inPdf);
  }
  if (record.documentKind !== undefined && record.documentKind !== (xmp.documentKind ?? null))
    throw new MetadataMismatchError('documentKind', record.documentKind, xmp.documentKind ?? null);
  checkPageCount(record, pageCount);
}

function checkPageCount(record: RecordDescriptor, pageCount: number | undefined): void {
  if (record.pageCount !== undefined && pageCount !== undefined && record.pageCount !== pageCount)
    throw new MetadataMismatchError('pageCount', record.pageCount, pageCount);
}

/**
 * A PDF the verifier refused, declared as a result: when it lacks SoHoa's XMP and no signature made
 * before the workstation's holds, it is refused for the missing XMP first, as a result that verified
 * would be; calling a record a result buys nothing.
 */
export function refuseResultWithoutXmp(record: RecordDescriptor, facts: PdfFacts): void {
  if (!record.isResult || facts.recordFields === undefined || facts.recordFields?.dossierCode) return;
  if (!facts.signedBeforeLast) throw new RecordXmpMissingError();
}
