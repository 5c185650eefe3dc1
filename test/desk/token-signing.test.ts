import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { buildRecordPdf } from '../../src/core/record/build-record-pdf';
import { verifyPdf } from '../../src/core/record/verify-pdf';
import { dispatch } from '../../src/core/rpc-dispatch';
import { recordPageFromCorpus } from '../record/support/corpus-pages';
import { pdfsig } from '../record/support/pdf-tools';
import { createSoftHsmToken, softhsmModule, type SoftHsmToken } from '../record/support/softhsm';
import { createTestPki, type TestPki } from '../record/support/test-pki';
import { tempDir } from '../support/temp-dir';
import { setTestAgency } from '../support/agency';

describe('finalizing a dossier with a PKCS#11 token at the desk (SoftHSM2)', () => {
  const dir = tempDir();
  let pki: TestPki;
  let token: SoftHsmToken;
  let engine: Engine;
  let dossierId: number;
  let id = 1;
  const call = (method: string, params: unknown) => dispatch(engine.handlers, { kind: 'call', id: id++, method, params });

  beforeAll(async () => {
    pki = createTestPki();
    token = createSoftHsmToken(pki.signerKeyDer, [pki.signerCertDer, pki.caCertDer]);
    engine = setTestAgency(Engine.open({ dataDir: dir.path }));
    const { store } = engine;
    dossierId = (
      await engine.handlers['dossier.create']({
        procedureCode: 'MAU-HT-01',
        applicantName: 'Đỗ Thị Mai',
        applicantCccd: '074190000123',
        receivedDate: '2021-05-04',
      })
    ).id;
    // A document whose page is read and whose unsigned record is built, as the pipeline leaves it.
    const page = recordPageFromCorpus('viadm-2833');
    const documentId = store.documents.create(dossierId, 'Tờ khai', null);
    const pageId = store.pages.addPage(documentId, store.blobs.put(page.image), 'scan').id;
    store.db.prepare(`UPDATE page SET state = 'read' WHERE id = ?`).run(pageId);
    const pdf = await buildRecordPdf({ pages: [page], metadata: { title: 'Tờ khai', digitizedAt: new Date() } });
    store.records.addVersion(documentId, store.blobs.put(pdf), null);
  });
  afterAll(async () => {
    await engine.close();
    token?.cleanup();
    pki?.cleanup();
    dir.remove();
  });

  it('refuses a wrong PIN with a coded error and stays locked', async () => {
    const r = await call('signer.unlockToken', { modulePath: softhsmModule, tokenLabel: token.label, pin: '9999' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('signer.bad-pin');
    expect(await engine.handlers['signer.status']({})).toMatchObject({ unlocked: false });
  });

  it('says the token is absent when no token has that label', async () => {
    const r = await call('signer.unlockToken', { modulePath: softhsmModule, tokenLabel: 'NoSuchToken', pin: token.pin });
    expect(!r.ok && r.error.code).toBe('signer.token-absent');
  });

  it('unlocks once and signs the dossier with the key on the token; the PIN is not kept', async () => {
    const status = await engine.handlers['signer.unlockToken']({ modulePath: softhsmModule, tokenLabel: token.label, pin: token.pin });
    expect(status.unlocked).toBe(true);
    const subject = execFileSync(
      'openssl',
      ['x509', '-in', pki.signerCertDer, '-inform', 'DER', '-noout', '-subject', '-nameopt', 'utf8,sep_multiline'],
      { encoding: 'utf8' },
    );
    expect(subject).toContain(`CN=${status.subject}`);
    await engine.handlers['dossier.finalize']({ dossierId, confirmMissing: true });
    const [doc] = await engine.handlers['document.list']({ dossierId });
    expect(doc!.record).toMatchObject({ version: 2, signed: true });
    const bytes = engine.store.blobs.get(doc!.record!.pdfSha256);
    const report = await verifyPdf(bytes, { trustAnchors: pki.trustAnchors, fetchCrl: false });
    expect(report.signatures.map((s) => s.valid)).toEqual([true]);
    expect(pdfsig(bytes).validity).toEqual(['Signature is Valid.']);
    const stored = engine.store.db.prepare(`SELECT count(*) AS n FROM setting WHERE value LIKE ?`).get(`%${token.pin}%`) as { n: number };
    const audited = engine.store.db.prepare(`SELECT count(*) AS n FROM audit_event WHERE details LIKE ?`).get(`%"${token.pin}"%`) as {
      n: number;
    };
    expect([stored.n, audited.n]).toEqual([0, 0]);
  });
});
