import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSohoa } from '../support/cli';
import { openRawDatabase, readStoredBlob } from '../support/data-key';
import { tempDir } from '../support/temp-dir';
import { pdfsig } from '../record/support/pdf-tools';
import { createSoftHsmToken, softhsmModule, type SoftHsmToken } from '../record/support/softhsm';
import { createTestPki, type TestPki } from '../record/support/test-pki';
import { createApprovedBatch } from './approved-batch';

function unlockAudits(dataDir: string): { actor: string; details: Record<string, unknown> }[] {
  const db = openRawDatabase(dataDir, { readonly: true });
  try {
    const rows = db.prepare(`SELECT actor, details FROM audit_event WHERE action = 'signer.unlock' ORDER BY seq`).all() as {
      actor: string;
      details: string;
    }[];
    return rows.map((r) => ({ actor: r.actor, details: JSON.parse(r.details) as Record<string, unknown> }));
  } finally {
    db.close();
  }
}

/** `sohoa batch --sign` opens the signer and signs as the QC station does: the contract's checks, audit and refusals. */
describe('sohoa batch --sign through the contract', () => {
  const dir = tempDir('sohoa-sign-contract-');
  let pki: TestPki;
  let token: SoftHsmToken;

  beforeAll(() => {
    pki = createTestPki();
    token = createSoftHsmToken(pki.signerKeyDer, [pki.signerCertDer, pki.caCertDer]);
  });

  afterAll(() => {
    token?.cleanup();
    pki?.cleanup();
    dir.remove();
  });

  it('signs a batch with a PKCS#11 token, its unlock audited as signer.unlockToken audits it', async () => {
    const dataDir = join(dir.path, 'token');
    const batchId = await createApprovedBatch(dataDir, join(dir.path, 'kho-token'), 2);
    const run = runSohoa(
      [
        'batch',
        '--sign',
        String(batchId),
        '--pkcs11',
        softhsmModule,
        '--token-label',
        token.label,
        '--pin-env',
        'TOKEN_PIN',
        '--data-dir',
        dataDir,
        '--json',
      ],
      { TOKEN_PIN: token.pin },
    );
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { total: number; signed: number[]; documentsSigned: number };
    expect(result).toMatchObject({ batchId, total: 2, documentsSigned: 2, skipped: [], cancelled: false });
    expect(result.signed).toHaveLength(2);
    expect(run.stderr).toContain('dossiers 2/2');
    // The handler's audit names where the module came from; the command's own unlock did not.
    const audits = unlockAudits(dataDir);
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actor).toMatch(/^cli:/);
    expect(audits[0]!.details).toEqual({ kind: 'pkcs11', tokenLabel: token.label, source: 'path' });
    const db = openRawDatabase(dataDir, { readonly: true });
    try {
      const signed = db.prepare('SELECT pdf_sha256 AS sha FROM record WHERE signed = 1').all() as { sha: string }[];
      expect(signed).toHaveLength(2);
      expect(pdfsig(readStoredBlob(dataDir, signed[0]!.sha), pki.caCert).validity).toEqual(['Signature is Valid.']);
    } finally {
      db.close();
    }
  });

  it('refuses a certificate file other than the configured one where the administrator refused it, signing nothing', async () => {
    const dataDir = join(dir.path, 'refused');
    const batchId = await createApprovedBatch(dataDir, join(dir.path, 'kho-refused'), 1);
    const set = runSohoa(['config', 'set', 'signing.other-file', 'refused', '--data-dir', dataDir]);
    expect(set.code, set.stderr).toBe(0);
    const run = runSohoa(
      ['batch', '--sign', String(batchId), '--p12', pki.signerP12, '--pass-env', 'SIGN_PASS', '--data-dir', dataDir, '--json'],
      { SIGN_PASS: pki.password },
    );
    expect(run.code).not.toBe(0);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringContaining('[signer.other-file-refused]')]);
    expect(run.stdout).toBe('');
    expect(unlockAudits(dataDir)).toEqual([]);
    const db = openRawDatabase(dataDir, { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM record WHERE signed = 1').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});
