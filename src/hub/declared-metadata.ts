import type { RecordDescriptor } from '../shared/sync-protocol';
import { MetadataMismatchError } from './sync-errors';

/** What a workstation declares beside the record, and the XMP field of the signed PDF that says the same. */
const DECLARED_IN_XMP = [
  ['dossierCode', 'dossierCode'],
  ['procedureCode', 'procedureCode'],
  ['agencyCode', 'digitizingAgencyCode'],
] as const satisfies readonly (readonly [keyof RecordDescriptor, string])[];

/**
 * The hub indexes a record by what the workstation declares; the signed PDF's XMP is the record's
 * own word. Where the XMP names a field, the declaration must say the same, or the record is refused.
 */
export function checkDeclaredMetadata(record: RecordDescriptor, xmp: Record<string, string> | null | undefined): void {
  if (!xmp) return;
  for (const [declared, field] of DECLARED_IN_XMP) {
    const inPdf = xmp[field];
    if (inPdf === undefined) continue;
    if ((record[declared] ?? null) !== inPdf) throw new MetadataMismatchError(declared, record[declared] ?? null, inPdf);
  }
}
