import { buildRecordPdf } from '../../../src/core/record/build-record-pdf';
import { openP12Signer } from '../../../src/core/record/p12-signer';
import { signPdf } from '../../../src/core/record/sign-pdf';
import { recordPageFromCorpus } from './corpus-pages';
import { whiteOutPageOne } from './forge-page';
import { createForeignSigners, readBytes, type TestPki } from './test-pki';

export const FORGED_TEXT = 'GIAY XAC NHAN GIA MAO 2026';
/** The dossier code the records' XMP carries (the hub refuses a record without one). */
export const FORGED_DOSSIER = 'HS-TRUST-1';

/** A record signed by the test CA's signer, and the forgeries of issue #25 built on it. */
export interface Forgeries {
  original: Uint8Array;
  /** Signed by a self-signed certificate with the agency's common name, nothing changed after. */
  selfSignedOnly: Uint8Array;
  /** Page 1 whited out and rewritten, then signed by a self-signed certificate with the agency's CN. */
  forgedSelfSigned: Uint8Array;
  /** The same, signed by a certificate from an unrelated CA (also named "SoHoa Test CA"). */
  forgedOtherCa: Uint8Array;
  /** The same, signed by the trusted signer itself: valid and trusted, yet the page changed. */
  forgedTrusted: Uint8Array;
  cleanup(): void;
}

export async function makeForgeries(pki: TestPki): Promise<Forgeries> {
  const foreign = createForeignSigners(pki.signerCommonName, pki.password);
  const trusted = await openP12Signer(readBytes(pki.signerP12), pki.password);
  const selfSigned = await openP12Signer(readBytes(foreign.selfSignedP12), pki.password);
  const otherCa = await openP12Signer(readBytes(foreign.otherCaP12), pki.password);
  const unsigned = await buildRecordPdf({
    pages: [recordPageFromCorpus('viadm-faac')],
    metadata: { title: 'Bản sao', dossierCode: FORGED_DOSSIER, digitizedAt: new Date() },
  });
  const original = await signPdf(unsigned, { signer: trusted, stamp: { lines: ['SAO Y', pki.signerCommonName] } });
  const whitedOut = await whiteOutPageOne(original, FORGED_TEXT);
  return {
    original,
    selfSignedOnly: await signPdf(unsigned, { signer: selfSigned, stamp: false }),
    forgedSelfSigned: await signPdf(whitedOut, { signer: selfSigned, stamp: false }),
    forgedOtherCa: await signPdf(whitedOut, { signer: otherCa, stamp: false }),
    forgedTrusted: await signPdf(whitedOut, { signer: trusted, stamp: false }),
    cleanup: foreign.cleanup,
  };
}
