import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRecordPdf } from '../../src/core/record/build-record-pdf';
import { openP12Signer } from '../../src/core/record/p12-signer';
import { signPdf } from '../../src/core/record/sign-pdf';
import { recordPageFromCorpus } from './support/corpus-pages';
import { codeOf } from '../support/coded-error';
import { createTestPki, readBytes, type TestPki } from './support/test-pki';

describe('signing refuses what it must, as coded errors, leaving the unsigned record untouched', () => {
  let pki: TestPki;
  let unsigned: Uint8Array;
  let copy: Buffer;
  let validity: { notBefore: Date; notAfter: Date };

  beforeAll(async () => {
    pki = createTestPki();
    unsigned = await buildRecordPdf({ pages: [recordPageFromCorpus('viadm-a1eb')], metadata: { title: 'T', digitizedAt: new Date() } });
    copy = Buffer.from(unsigned);
    const cert = new X509Certificate(readFileSync(pki.signerCertDer));
    validity = { notBefore: new Date(cert.validFrom), notAfter: new Date(cert.validTo) };
  });
  afterAll(() => {
    expect(Buffer.from(unsigned).equals(copy)).toBe(true);
    pki?.cleanup();
  });

  it('a wrong PKCS#12 password is signer.bad-password', async () => {
    expect(await codeOf(openP12Signer(readBytes(pki.signerP12), 'wrong password'))).toBe('signer.bad-password');
  });

  it('a file that is not PKCS#12 is signer.file-unreadable', async () => {
    expect(await codeOf(openP12Signer(unsigned, pki.password))).toBe('signer.file-unreadable');
  });

  it('signing after the certificate expired is signer.cert-expired', async () => {
    const signer = await openP12Signer(readBytes(pki.signerP12), pki.password);
    const after = new Date(validity.notAfter.getTime() + 86_400_000);
    expect(await codeOf(signPdf(unsigned, { signer, signingTime: after }))).toBe('signer.cert-expired');
  });

  it('signing before the certificate is valid is signer.cert-not-yet-valid', async () => {
    const signer = await openP12Signer(readBytes(pki.signerP12), pki.password);
    const before = new Date(validity.notBefore.getTime() - 86_400_000);
    expect(await codeOf(signPdf(unsigned, { signer, signingTime: before }))).toBe('signer.cert-not-yet-valid');
  });

  it('a certificate without a signing key usage is signer.cert-usage', async () => {
    const signer = await openP12Signer(readBytes(pki.encipherOnlyP12), pki.password);
    expect(await codeOf(signPdf(unsigned, { signer }))).toBe('signer.cert-usage');
  });

  it('a signature too large for the reserved space is signer.signature-too-large', async () => {
    const signer = await openP12Signer(readBytes(pki.signerP12), pki.password);
    expect(await codeOf(signPdf(unsigned, { signer, reservedBytes: 200 }))).toBe('signer.signature-too-large');
  });
});
