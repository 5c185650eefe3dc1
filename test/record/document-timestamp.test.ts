import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRecordPdf } from '../../src/core/record/build-record-pdf';
import { openP12Signer } from '../../src/core/record/p12-signer';
import { signPdf } from '../../src/core/record/sign-pdf';
import { rfc3161DigestTimestamper } from '../../src/core/record/timestamp-client';
import { addDocumentTimestamp } from '../../src/core/record/timestamp-pdf';
import { verifyPdf } from '../../src/core/record/verify-pdf';
import { CodedError } from '../../src/shared/errors';
import { appendBlankPageIncrementally } from './support/append-page';
import { recordPageFromCorpus } from './support/corpus-pages';
import { pdfsig, qpdfCheck } from './support/pdf-tools';
import { createForeignSigners, createTestPki, readBytes, type TestPki } from './support/test-pki';
import { startTestTsa, type TestTsa } from './support/test-tsa';

const offline = { fetchCrl: false } as const;

describe('PAdES document timestamp (/DocTimeStamp, ETSI.RFC3161) on a signed record', () => {
  let pki: TestPki;
  let tsa: TestTsa;
  let foreign: ReturnType<typeof createForeignSigners>;
  let signedHere: Uint8Array;
  let signedElsewhere: Uint8Array;
  beforeAll(async () => {
    pki = createTestPki();
    tsa = await startTestTsa(pki);
    foreign = createForeignSigners('Sở Tư pháp (hệ thống chuyên ngành)', pki.password);
    const unsigned = await buildRecordPdf({
      pages: [recordPageFromCorpus('viadm-3a86')],
      metadata: { title: 'T', digitizedAt: new Date() },
    });
    // SoHoa's own record, signed while no timestamp authority answered: a plain B-B signature.
    signedHere = await signPdf(unsigned, {
      signer: await openP12Signer(readBytes(pki.signerP12), pki.password),
      stamp: { lines: ['SAO Y', pki.signerCommonName] },
    });
    // A decision the specialised system signed with its own certificate, from another CA.
    signedElsewhere = await signPdf(unsigned, { signer: await openP12Signer(readBytes(foreign.otherCaP12), pki.password), stamp: false });
  }, 60_000);
  afterAll(async () => {
    await tsa?.close();
    foreign?.cleanup();
    pki?.cleanup();
  });

  const timestamp = (pdf: Uint8Array) => addDocumentTimestamp(pdf, { timestamper: rfc3161DigestTimestamper({ url: tsa.url }) });

  it('is its own incremental update: the signed bytes stay a prefix, verify reports it valid and the record intact', async () => {
    const requestsBefore = tsa.requests;
    const before = Math.floor(Date.now() / 1000) * 1000;
    const stamped = await timestamp(signedHere);
    const after = Date.now();
    expect(tsa.requests).toBe(requestsBefore + 1);
    expect(Buffer.from(stamped.subarray(0, signedHere.length)).equals(Buffer.from(signedHere))).toBe(true);
    expect(Buffer.from(stamped.subarray(signedHere.length)).toString('latin1')).toContain('/Type /DocTimeStamp');
    expect(qpdfCheck(stamped).status).toBe(0);

    const report = await verifyPdf(stamped, { trustAnchors: pki.trustAnchors, ...offline });
    expect(report.code).toBeUndefined();
    expect(report.intact).toBe(true);
    expect(report.signatures).toHaveLength(1);
    expect(report.signatures[0]).toMatchObject({ valid: true, trusted: true, forbiddenChanges: [] });
    // Not a modification after signing: the first signature sees a timestamp appended, nothing forbidden.
    expect(report.signatures[0]!.changesAfterSigning).toEqual(['a document timestamp']);
    expect(report.modifiedAfterSigning).toEqual([]);
    expect(report.documentTimestamps).toHaveLength(1);
    const ts = report.documentTimestamps[0]!;
    expect(ts).toMatchObject({ valid: true, trusted: true, authority: 'SoHoa Test TSA', coversWholeFile: true, problems: [] });
    expect(new Date(ts.time).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(new Date(ts.time).getTime()).toBeLessThanOrEqual(after + 1000);
  });

  it('pdfsig lists it after the first signature, which it still calls valid', async () => {
    const sig = pdfsig(await timestamp(signedHere), pki.caCert);
    expect(sig.validity[0]).toBe('Signature is Valid.');
    expect(sig.validity).toHaveLength(2);
    expect(sig.raw).toMatch(/Signature #2:[\s\S]*Signer Certificate Common Name: SoHoa Test TSA[\s\S]*Total document signed/);
  });

  it('keeps a signature made elsewhere valid for pdfsig and verify', async () => {
    const stamped = await timestamp(signedElsewhere);
    expect(pdfsig(stamped, foreign.otherCaCert).validity[0]).toBe('Signature is Valid.');
    const report = await verifyPdf(stamped, { trustAnchors: pki.trustAnchors, ...offline });
    expect(report.signatures[0]).toMatchObject({ valid: true, signer: 'Sở Tư pháp (hệ thống chuyên ngành)', forbiddenChanges: [] });
    expect(report.documentTimestamps[0]).toMatchObject({ valid: true, trusted: true });
    // The other system's CA is not one of this workstation's roots: untrusted, never called altered.
    expect(report.code).toBe('record.signer-untrusted');
  });

  it('a byte changed inside the timestamped revision makes the timestamp invalid, the signature before it still valid', async () => {
    const stamped = await timestamp(signedHere);
    const tampered = Buffer.from(stamped);
    const at = tampered.indexOf('/T (Signature2)', signedHere.length, 'latin1');
    expect(at).toBeGreaterThan(0);
    tampered.write('/T (Signature9)', at, 'latin1');
    const report = await verifyPdf(tampered, { trustAnchors: pki.trustAnchors, ...offline });
    expect(report.signatures[0]!.valid).toBe(true);
    expect(report.documentTimestamps[0]!.valid).toBe(false);
    expect(report.intact).toBe(false);
    expect(report.code).toBe('record.signature-invalid');
  });

  it('a page added after the timestamp is a forbidden change, for the timestamp and the signature', async () => {
    const added = await appendBlankPageIncrementally(await timestamp(signedHere));
    const report = await verifyPdf(added, { trustAnchors: pki.trustAnchors, ...offline });
    expect(report.documentTimestamps[0]!.forbiddenChanges.length).toBeGreaterThan(0);
    expect(report.signatures[0]!.changesAfterSigning).toEqual(expect.arrayContaining(['a document timestamp', '1 page added']));
    expect(report.code).toBe('record.modified-after-signing');
  });

  it('an unreachable authority is signer.timestamp-failed and gives no file', async () => {
    const down = tsa.url.replace(/:\d+\//, ':1/');
    await expect(
      addDocumentTimestamp(signedHere, { timestamper: rfc3161DigestTimestamper({ url: down, timeoutMs: 5000 }) }),
    ).rejects.toSatisfy((e: unknown) => e instanceof CodedError && e.code === 'signer.timestamp-failed');
  });
});
