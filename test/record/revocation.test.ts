import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { openP12Signer } from '../../src/core/record/p12-signer';
import { signPdf } from '../../src/core/record/sign-pdf';
import { readTrustAnchors } from '../../src/core/record/trust-anchors';
import { verifyPdf } from '../../src/core/record/verify-pdf';
import { freePort } from '../hub/support/postgres';
import { tempDir } from '../support/temp-dir';
import { startRevocationPki, type RevocationPki } from './support/revocation-pki';

/** Signatures whose certificate the CA revoked: found through the CRL or the OCSP responder the certificate names. */
describe('revoked signing certificates', () => {
  const dir = tempDir('sohoa-revocation-');
  let pki: RevocationPki;
  let anchors: string[];
  const signed = new Map<string, Uint8Array>();

  beforeAll(async () => {
    pki = await startRevocationPki(dir.path, await freePort(), await freePort());
    anchors = readTrustAnchors([pki.caCert]);
    const doc = await PDFDocument.create();
    doc.addPage([595, 842]).drawText('GIAY XAC NHAN', { x: 50, y: 780, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
    const unsigned = await doc.save({ useObjectStreams: false });
    for (const [name, p12] of Object.entries(pki.signers)) {
      const signer = await openP12Signer(readFileSync(p12), pki.password);
      signed.set(name, await signPdf(unsigned, { signer, stamp: false, signingTime: new Date() }));
    }
  }, 120_000);
  afterAll(async () => {
    await pki?.stop();
    dir.remove();
  });

  for (const [good, revoked, how] of [
    ['crlGood', 'crlRevoked', 'CRL'],
    ['ocspGood', 'ocspRevoked', 'OCSP'],
  ] as const) {
    it(`verifies a record signed by a revoked certificate as revoked (${how}), and one by a good certificate as intact`, async () => {
      const ok = await verifyPdf(signed.get(good)!, { trustAnchors: anchors });
      expect(ok.intact).toBe(true);
      expect(ok.signatures[0]).toMatchObject({ trusted: true, revocation: `checked (${how})` });

      const report = await verifyPdf(signed.get(revoked)!, { trustAnchors: anchors });
      expect(report.intact).toBe(false);
      expect(report.code).toBe('record.signer-untrusted');
      expect(report.signatures[0]).toMatchObject({ valid: true, trusted: false, revocation: `checked (${how})` });
      expect(report.signatures[0]!.trustProblems!.join(' ')).toMatch(/revoked/i);
    });
  }

  it('says "not checked (offline)" when neither the CRL nor the responder is asked', async () => {
    const report = await verifyPdf(signed.get('ocspRevoked')!, { trustAnchors: anchors, fetchCrl: false });
    expect(report.signatures[0]).toMatchObject({ trusted: true, revocation: 'not checked (offline)' });
  });
});
