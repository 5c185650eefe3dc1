import { readFileSync } from 'node:fs';
import { PDFDocument, PDFName, type PDFRawStream } from 'pdf-lib';

/** The record's own XMP fields (`sohoa:` schema), read back from a PDF file on disk. */
export async function recordXmpFields(path: string): Promise<Record<string, string>> {
  const doc = await PDFDocument.load(readFileSync(path), { updateMetadata: false });
  const stream = doc.catalog.lookup(PDFName.of('Metadata')) as PDFRawStream;
  const xmp = new TextDecoder().decode(stream.contents);
  return Object.fromEntries([...xmp.matchAll(/<sohoa:(\w+)>([^<]*)<\/sohoa:\1>/g)].map((m) => [m[1]!, m[2]!]));
}
