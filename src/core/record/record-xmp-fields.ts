import { decodePDFRawStream, PDFName, PDFRawStream, type PDFDocument } from 'pdf-lib';

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * The record's own XMP fields (`sohoa:dossierCode`, `sohoa:pageCount`, … as `recordXmp` writes them)
 * read from the catalog's /Metadata stream; null when the PDF has no metadata stream.
 */
export function readRecordXmpFields(doc: PDFDocument): Record<string, string> | null {
  const stream = doc.catalog.lookup(PDFName.of('Metadata'));
  if (!(stream instanceof PDFRawStream)) return null;
  let xmp: string;
  try {
    xmp = new TextDecoder().decode(decodePDFRawStream(stream).decode());
  } catch {
    return null;
  }
  const fields: Record<string, string> = {};
  for (const m of xmp.matchAll(/<sohoa:(\w+)>([^<]*)<\/sohoa:\1>/g))
    fields[m[1]!] = m[2]!.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ENTITIES[e]!);
  return fields;
}
