import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRecordPdf } from '../../src/core/record/build-record-pdf';
import { openP12Signer } from '../../src/core/record/p12-signer';
import { signPdf } from '../../src/core/record/sign-pdf';
import { rfc3161TimestampSource } from '../../src/core/record/timestamp-client';
import { verifyPdf } from '../../src/core/record/verify-pdf';
import { CodedError } from '../../src/shared/errors';
import { recordPageFromCorpus } from './support/corpus-pages';
import { pdfsig } from './support/pdf-tools';
import { createTestPki, readBytes, type TestPki } from './support/test-pki';
import { startTestTsa, type TestTsa } from './support/test-tsa';

describe('RFC 3161 signature timestamp (PAdES B-T)', () => {
  let pki: TestPki;
  let tsa: TestTsa;
  let unsigned: Uint8Array;
  beforeAll(async () => {
    pki = createTestPki();
    tsa = await startTestTsa(pki);
    unsigned = await buildRecordPdf({ pages: [recordPageFromCorpus('viadm-3a86')], metadata: { title: 'T', digitizedAt: new Date() } });
  });
  afterAll(async () => {
    await tsa?.close();
    pki?.cleanup();
  });

  it('adds a timestamp token from the TSA that verify checks, and the signature stays valid for pdfsig', async () => {
    const signer = await openP12Signer(readBytes(pki.signerP12), pki.password);
    const before = Date.now();
    const signed = await signPdf(unsigned, { signer, timestamp: rfc3161TimestampSource({ url: tsa.url }) });
    expect(tsa.requests).toBe(1);
    expect(pdfsig(signed, pki.caCert).validity).toEqual(['Signature is Valid.']);
    const report = await verifyPdf(signed, { trustAnchors: pki.trustAnchors, fetchCrl: false });
    expect(report.intact).toBe(true);
    const ts = report.signatures[0]!.timestamp;
    expect(ts?.valid).toBe(true);
    expect(ts?.authority).toBe('SoHoa Test TSA');
    const time = new Date(ts!.time).getTime();
    expect(time).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 - 1000);
  });

  it('an unreachable TSA is signer.timestamp-failed', async () => {
    const signer = await openP12Signer(readBytes(pki.signerP12), pki.password);
    const down = `${tsa.url.replace(/:\d+\//, ':1/')}`;
    await expect(signPdf(unsigned, { signer, timestamp: rfc3161TimestampSource({ url: down, timeoutMs: 5000 }) })).rejects.toSatisfy(
      (e: unknown) => e instanceof CodedError && e.code === 'signer.timestamp-failed',
    );
  });
});
