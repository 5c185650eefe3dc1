import { PDFDocument, StandardFonts } from 'pdf-lib';
import { openP12Signer } from '../../../src/core/record/p12-signer';
import { signPdf } from '../../../src/core/record/sign-pdf';
import type { Signer } from '../../../src/core/record/signer';
import { createTestPki, readBytes, type TestPki } from '../../record/support/test-pki';

/** Small real PDFs signed as PAdES with a throw-away test PKI. */
export interface RecordFactory {
  signed(label: string, padding?: number): Promise<Uint8Array>;
  unsigned(label: string): Promise<Uint8Array>;
  /** The test CA the records chain to, as trust anchors. */
  trustAnchors: string[];
  cleanup(): void;
}

export async function recordFactory(): Promise<RecordFactory> {
  const pki: TestPki = createTestPki();
  const signer: Signer = await openP12Signer(readBytes(pki.signerP12), pki.password);
  const unsigned = async (label: string, padding = 0) => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const page = doc.addPage([595, 842]);
    page.drawText(label, { x: 50, y: 780, size: 14, font });
    if (padding > 0) doc.setSubject('x'.repeat(padding));
    doc.setCreationDate(new Date(0));
    doc.setModificationDate(new Date(0));
    return doc.save({ useObjectStreams: false });
  };
  return {
    signed: async (label, padding) => signPdf(await unsigned(label, padding), { signer, stamp: false, signingTime: new Date() }),
    unsigned: (label) => unsigned(label),
    trustAnchors: pki.trustAnchors,
    cleanup: () => pki.cleanup(),
  };
}
