import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { openP12Signer } from '../../../src/core/record/p12-signer';
import { signPdf } from '../../../src/core/record/sign-pdf';
import type { Signer } from '../../../src/core/record/signer';
import { recordXmp } from '../../../src/core/record/xmp-metadata';
import { createTestPki, readBytes, type TestPki } from '../../record/support/test-pki';

/** What a record's XMP says, as the workstation will declare it to the hub. */
export interface RecordXmpFields {
  dossierCode: string;
  procedureCode?: string | null;
  agencyCode?: string | null;
  documentKind?: string | null;
}

/** Small real PDFs signed as PAdES with a throw-away test PKI. */
export interface RecordFactory {
  /** A one-page record; with `xmp`, it carries the engine's XMP packet naming those fields (the hub refuses a record without). */
  signed(label: string, padding?: number, xmp?: RecordXmpFields): Promise<Uint8Array>;
  unsigned(label: string): Promise<Uint8Array>;
  /** The test CA the records chain to, as trust anchors. */
  trustAnchors: string[];
  cleanup(): void;
}

export async function recordFactory(): Promise<RecordFactory> {
  const pki: TestPki = createTestPki();
  const signer: Signer = await openP12Signer(readBytes(pki.signerP12), pki.password);
  const unsigned = async (label: string, padding = 0, xmp?: RecordXmpFields) => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const page = doc.addPage([595, 842]);
    page.drawText(label, { x: 50, y: 780, size: 14, font });
    if (padding > 0) doc.setSubject('x'.repeat(padding));
    doc.setCreationDate(new Date(0));
    doc.setModificationDate(new Date(0));
    if (xmp) embedXmp(doc, label, xmp);
    return doc.save({ useObjectStreams: false });
  };
  return {
    signed: async (label, padding, xmp) => signPdf(await unsigned(label, padding, xmp), { signer, stamp: false, signingTime: new Date() }),
    unsigned: (label) => unsigned(label),
    trustAnchors: pki.trustAnchors,
    cleanup: () => pki.cleanup(),
  };
}

function embedXmp(doc: PDFDocument, title: string, fields: RecordXmpFields): void {
  const packet = recordXmp({
    metadata: {
      title,
      dossierCode: fields.dossierCode,
      procedureCode: fields.procedureCode ?? undefined,
      documentKind: fields.documentKind ?? undefined,
      digitizingAgency: fields.agencyCode
        ? { name: 'Cơ quan thử', code: fields.agencyCode, parent: '', address: '', workstationName: '', desk: '' }
        : undefined,
      digitizedAt: new Date(0),
    },
    scan: { pageCount: doc.getPageCount(), dpi: 300, colorMode: 'gray' },
    producer: 'sohoa',
    created: new Date(0),
  });
  const stream = doc.context.stream(new TextEncoder().encode(packet), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
}
