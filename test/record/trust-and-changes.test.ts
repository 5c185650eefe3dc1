import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPdf } from '../../src/core/record/verify-pdf';
import { overlayPageOne, whiteOutPageOne } from './support/forge-page';
import { FORGED_TEXT, makeForgeries, type Forgeries } from './support/forgeries';
import { pdfsig, pdftotext } from './support/pdf-tools';
import { createTestPki, type TestPki } from './support/test-pki';

const bin = join(import.meta.dirname, '../../bin/sohoa.mjs');

function sohoa(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('signatures: trust anchors and changes after signing (issue #25)', () => {
  let pki: TestPki;
  let f: Forgeries;
  let dir: string;
  const file = (name: keyof Omit<Forgeries, 'cleanup'>) => {
    const path = join(dir, `${name}.pdf`);
    writeFileSync(path, f[name]);
    return path;
  };
  const verify = (bytes: Uint8Array) => verifyPdf(bytes, { trustAnchors: pki.trustAnchors, fetchCrl: false });

  beforeAll(async () => {
    pki = createTestPki();
    f = await makeForgeries(pki);
    dir = mkdtempSync(join(tmpdir(), 'sohoa-forgery-'));
  }, 120_000);
  afterAll(() => {
    f?.cleanup();
    pki?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('passes a record signed by a certificate chaining to the configured CA, naming the root', async () => {
    const report = await verify(f.original);
    expect(report.intact).toBe(true);
    expect(report.signatures[0]).toMatchObject({ valid: true, trusted: true, trustedRoot: 'SoHoa Test CA' });
    const r = sohoa('verify', '--trust', pki.caCert, file('original'));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('chains to: SoHoa Test CA');
    expect(r.stdout).toContain('revocation: not checked (the certificates name no CRL or OCSP responder)');
  });

  it('trusts no signer when no anchor is given', async () => {
    const report = await verifyPdf(f.original, { trustAnchors: [], fetchCrl: false });
    expect(report).toMatchObject({ intact: false, code: 'record.signer-untrusted' });
    const r = sohoa('verify', file('original'));
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('[record.signer-untrusted]');
  });

  it('refuses a record signed by a self-signed certificate with the agency name, as pdfsig does', async () => {
    const report = await verify(f.selfSignedOnly);
    expect(report).toMatchObject({ intact: false, code: 'record.signer-untrusted' });
    expect(report.signatures[0]).toMatchObject({ valid: true, trusted: false, signer: pki.signerCommonName });
    expect(sohoa('verify', '--trust', pki.caCert, file('selfSignedOnly')).status).toBe(1);
    // NSS has no issuer at all for a self-signed certificate it was not told to trust.
    expect(pdfsig(f.selfSignedOnly, pki.caCert).certificates).toEqual(['Certificate issuer is unknown.']);
  });

  // What pdfsig says of the later signer's certificate: it sees the signatures, not what the update changed.
  for (const [name, signerTrusted, pdfsigSays] of [
    ['forgedSelfSigned', false, 'Certificate issuer is unknown.'],
    ['forgedOtherCa', false, "Certificate issuer isn't Trusted."],
    ['forgedTrusted', true, undefined],
  ] as const) {
    it(`finds page 1 rewritten after signing (${name}), whatever the later signature`, async () => {
      expect(pdftotext(f[name], '-f', '1', '-l', '1')).toContain(FORGED_TEXT);
      const report = await verify(f[name]);
      expect(report.intact).toBe(false);
      expect(report.code).toBe('record.modified-after-signing');
      expect(report.modifiedAfterSigning).toContain('page 1 content');
      expect(report.signatures.map((s) => s.valid)).toEqual([true, true]);
      expect(report.signatures.map((s) => s.trusted)).toEqual([true, signerTrusted]);
      const r = sohoa('verify', '--trust', pki.caCert, file(name));
      expect(r.status).toBe(1);
      expect(r.stdout).toContain('[record.modified-after-signing]');
      expect(r.stdout).toMatch(/Changed after signing: .*page 1 content/);
      const checked = pdfsig(f[name], pki.caCert);
      expect(checked.validity).toEqual(['Signature is Valid.', 'Signature is Valid.']);
      expect(checked.certificates[0]).toBe('Certificate is Trusted.');
      if (pdfsigSays) expect(checked.certificates[1]).toBe(pdfsigSays);
    });
  }

  // The same forgeries with no later signature at all: an incremental update a viewer shows, that no one signed.
  for (const [name, forge, says] of [
    ['a whiteout', whiteOutPageOne, 'page 1 content'],
    ['an overlay annotation', overlayPageOne, 'page 1'],
  ] as const) {
    it(`reports ${name} added in an unsigned incremental update after signing, never "valid"`, async () => {
      const forged = await forge(f.original, FORGED_TEXT);
      expect(Buffer.from(forged.subarray(0, f.original.length)).equals(Buffer.from(f.original))).toBe(true);
      const report = await verify(forged);
      expect(report.intact).toBe(false);
      expect(report.code).toBe('record.modified-after-signing');
      expect(report.modifiedAfterSigning.join(', ')).toContain(says);
      expect(report.signatures).toHaveLength(1);
      expect(report.signatures[0]).toMatchObject({ valid: true, trusted: true });
    });
  }

  it('answers an unreadable trust anchor with one coded line', () => {
    const notCert = join(dir, 'not-a-cert.pem');
    writeFileSync(notCert, 'hello');
    for (const anchor of [notCert, join(dir, 'missing.pem')]) {
      const r = sohoa('verify', '--trust', anchor, file('original'));
      expect(r.status).not.toBe(0);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('[signing.trust-anchor-unreadable]');
    }
  });
});
