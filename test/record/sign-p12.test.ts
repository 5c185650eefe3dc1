import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRecordPdf } from '../../src/core/record/build-record-pdf';
import { openP12Signer } from '../../src/core/record/p12-signer';
import { signPdf } from '../../src/core/record/sign-pdf';
import type { Signer } from '../../src/core/record/signer';
import { verifyPdf } from '../../src/core/record/verify-pdf';
import { appendBlankPageIncrementally } from './support/append-page';
import { craftedPageText, recordPageFromCorpus } from './support/corpus-pages';
import { pdfsig, pdftotext, qpdfCheck } from './support/pdf-tools';
import { createTestPki, readBytes, type TestPki } from './support/test-pki';

describe('signing with a PKCS#12 file (PAdES B-B)', () => {
  let pki: TestPki;
  let signer: Signer;
  let unsigned: Uint8Array;
  let signed: Uint8Array;
  const stampLines = ['SAO Y', 'UBND xã Minh Hòa', '2026-11-23T15:30:00+07:00'];

  beforeAll(async () => {
    pki = createTestPki();
    signer = await openP12Signer(readBytes(pki.signerP12), pki.password);
    unsigned = await buildRecordPdf({
      pages: [recordPageFromCorpus('viadm-c025', undefined, craftedPageText('viadm-c025'))],
      metadata: { title: 'Bản sao', digitizedAt: new Date() },
    });
    signed = await signPdf(unsigned, { signer, stamp: { lines: stampLines } });
  });
  afterAll(() => pki?.cleanup());

  it('appends the signature to the unchanged unsigned bytes', () => {
    expect(signed.length).toBeGreaterThan(unsigned.length);
    expect(Buffer.from(signed.subarray(0, unsigned.length)).equals(Buffer.from(unsigned))).toBe(true);
    expect(qpdfCheck(signed).status).toBe(0);
  });

  it('is valid for pdfsig and for our verify, covering the whole file', async () => {
    const sig = pdfsig(signed, pki.caCert);
    expect(sig.validity).toEqual(['Signature is Valid.']);
    expect(sig.certificates).toEqual(['Certificate is Trusted.']);
    expect(sig.raw).toContain('ETSI.CAdES.detached');
    expect(sig.raw).toContain('Total document signed');
    const report = await verifyPdf(signed, { trustAnchors: pki.trustAnchors, fetchCrl: false });
    expect(report.intact).toBe(true);
    expect(report.signatures).toHaveLength(1);
    const s = report.signatures[0]!;
    expect(s).toMatchObject({
      valid: true,
      signer: pki.signerCommonName,
      subFilter: 'ETSI.CAdES.detached',
      coversWholeFile: true,
      modifiedAfterSigning: false,
    });
    expect(s.certificateChain).toEqual([pki.signerCommonName, 'SoHoa Test CA']);
    expect(s).toMatchObject({ trusted: true, trustedRoot: 'SoHoa Test CA', revocation: 'not checked (offline)' });
    expect(s.byteRange[2] + s.byteRange[3]).toBe(signed.length);
  });

  it('shows the Decree 30 copy stamp text on page 1', () => {
    const text = pdftotext(signed, '-f', '1', '-l', '1');
    for (const line of stampLines) expect(text).toContain(line);
  });

  it('becomes invalid for both pdfsig and our verify when one signed byte changes', async () => {
    const tampered = new Uint8Array(signed);
    const at = Math.floor(unsigned.length / 2);
    tampered[at] = tampered[at]! ^ 0x01;
    expect(pdfsig(tampered).validity).not.toContain('Signature is Valid.');
    const report = await verifyPdf(tampered, { trustAnchors: pki.trustAnchors, fetchCrl: false });
    expect(report.intact).toBe(false);
    expect(report.signatures[0]!.valid).toBe(false);
  });

  it('reports a page appended after signing', async () => {
    const extended = await appendBlankPageIncrementally(signed);
    const report = await verifyPdf(extended, { trustAnchors: pki.trustAnchors, fetchCrl: false });
    expect(report.pageCount).toBe(2);
    expect(report.intact).toBe(false);
    const s = report.signatures[0]!;
    expect(s.valid).toBe(true);
    expect(s.modifiedAfterSigning).toBe(true);
    expect(s.changesAfterSigning).toContain('1 page added');
    expect(report.code).toBe('record.modified-after-signing');
    expect(report.modifiedAfterSigning).toContain('the page tree');
  });

  it('accepts a second signature appended after the first, both valid for pdfsig', async () => {
    const twice = await signPdf(signed, { signer, stamp: false });
    expect(pdfsig(twice).validity).toEqual(['Signature is Valid.', 'Signature is Valid.']);
    const report = await verifyPdf(twice, { trustAnchors: pki.trustAnchors, fetchCrl: false });
    expect(report.intact).toBe(true);
    expect(report.signatures.map((s) => s.modifiedAfterSigning)).toEqual([true, false]);
    expect(report.signatures[0]!.changesAfterSigning).toEqual(['a later signature']);
  });
});
