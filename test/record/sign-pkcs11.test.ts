import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRecordPdf } from '../../src/core/record/build-record-pdf';
import { openPkcs11Signer } from '../../src/core/record/pkcs11-signer';
import { signPdf } from '../../src/core/record/sign-pdf';
import { verifyPdf } from '../../src/core/record/verify-pdf';
import { corpusDir, corpusPage, recordPageFromCorpus } from './support/corpus-pages';
import { pdfsig } from './support/pdf-tools';
import { createSoftHsmToken, softhsmModule, type SoftHsmToken } from './support/softhsm';
import { codeOf } from '../support/coded-error';
import { createTestPki, type TestPki } from './support/test-pki';

describe('signing with a PKCS#11 token (SoftHSM2)', () => {
  let pki: TestPki;
  let token: SoftHsmToken;
  beforeAll(() => {
    pki = createTestPki();
    token = createSoftHsmToken(pki.signerKeyDer, [pki.signerCertDer, pki.caCertDer]);
  });
  afterAll(() => {
    token?.cleanup();
    pki?.cleanup();
  });

  it('signs a record that pdfsig and our verify find valid, with the chain from the token', async () => {
    const unsigned = await buildRecordPdf({
      pages: [recordPageFromCorpus('viadm-2833')],
      metadata: { title: 'T', digitizedAt: new Date() },
    });
    const signer = await openPkcs11Signer({ modulePath: softhsmModule, tokenLabel: token.label, pin: token.pin });
    try {
      const signed = await signPdf(unsigned, { signer, stamp: { lines: ['SAO Y', 'UBND xã Minh Hòa'] } });
      expect(pdfsig(signed, pki.caCert).validity).toEqual(['Signature is Valid.']);
      const report = await verifyPdf(signed, { trustAnchors: pki.trustAnchors, fetchCrl: false });
      expect(report.intact).toBe(true);
      expect(report.signatures[0]!.signer).toBe(pki.signerCommonName);
      expect(report.signatures[0]!.certificateChain).toEqual([pki.signerCommonName, 'SoHoa Test CA']);
    } finally {
      await signer.close();
    }
  });

  it('a wrong PIN is signer.bad-pin', async () => {
    expect(await codeOf(openPkcs11Signer({ modulePath: softhsmModule, tokenLabel: token.label, pin: '0000' }))).toBe('signer.bad-pin');
  });

  it('no token with that label, or no PKCS#11 library, is signer.token-absent', async () => {
    expect(await codeOf(openPkcs11Signer({ modulePath: softhsmModule, tokenLabel: 'Không có', pin: token.pin }))).toBe(
      'signer.token-absent',
    );
    expect(await codeOf(openPkcs11Signer({ modulePath: '/nonexistent/libtoken.so', pin: token.pin }))).toBe('signer.token-absent');
  });

  it('sohoa process --pkcs11 signs with the token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sohoa-pkcs11-cli-'));
    try {
      const out = join(dir, 'record.pdf');
      const bin = join(import.meta.dirname, '../../bin/sohoa.mjs');
      const image = join(corpusDir, corpusPage('viadm-23e2').file);
      const args = [
        bin,
        'process',
        image,
        '--out',
        out,
        '--no-ocr',
        '--no-clean',
        '--pkcs11',
        softhsmModule,
        '--token-label',
        token.label,
        '--pin-env',
        'TOKEN_PIN',
        '--agency',
        'UBND xã Minh Hòa',
        '--agency-code',
        '000.31.25.H12',
      ];
      const r = spawnSync(process.execPath, args, {
        encoding: 'utf8',
        env: { ...process.env, TOKEN_PIN: token.pin, SOFTHSM2_CONF: token.conf },
      });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const report = await verifyPdf(new Uint8Array(readFileSync(out)), { trustAnchors: pki.trustAnchors, fetchCrl: false });
      expect(report.intact).toBe(true);
      expect(report.signatures[0]!.signer).toBe(pki.signerCommonName);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
