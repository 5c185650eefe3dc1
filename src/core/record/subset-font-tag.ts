import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFName, type PDFDocument, type PDFRef } from 'pdf-lib';

/**
 * Prefixes the names of embedded subset fonts with a six-letter tag (`ABCDEF+Name`), as ISO
 * 32000 asks of font subsets; pdf-lib leaves it out. Call after the fonts are embedded
 * (`doc.flush()`); `only` limits it to some font objects.
 */
export function tagSubsetFonts(doc: PDFDocument, only: (ref: PDFRef) => boolean = () => true): void {
  for (const [ref, object] of doc.context.enumerateIndirectObjects()) {
    if (!only(ref) || !(object instanceof PDFDict)) continue;
    if (object.get(PDFName.of('Type')) !== PDFName.of('Font') || object.get(PDFName.of('Subtype')) !== PDFName.of('Type0')) continue;
    const base = object.get(PDFName.of('BaseFont'));
    if (!(base instanceof PDFName) || base.decodeText().includes('+')) continue;
    const tagged = PDFName.of(`${tagFor(`${ref.toString()}${base.decodeText()}`)}+${base.decodeText()}`);
    object.set(PDFName.of('BaseFont'), tagged);
    const descendant = object.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray)?.lookupMaybe(0, PDFDict);
    descendant?.set(PDFName.of('BaseFont'), tagged);
    descendant?.lookupMaybe(PDFName.of('FontDescriptor'), PDFDict)?.set(PDFName.of('FontName'), tagged);
  }
}

function tagFor(seed: string): string {
  const hash = createHash('sha256').update(seed).digest();
  return Array.from(hash.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
}
