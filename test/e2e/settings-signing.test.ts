import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRecordPdf } from '../../src/core/record/build-record-pdf';
import { vi } from '../../src/renderer/src/i18n/vi';
import { startAppServer, type AppServer } from '../e2e-support/app-server';
import { createBirthRegistration } from '../e2e-support/sample-dossier';
import { launchChromium } from '../e2e-support/browser';
import { screenshotDir } from '../e2e-support/screenshots';
import { signIn } from '../e2e-support/sign-in';
import { recordPageFromCorpus } from '../record/support/corpus-pages';
import { createTestPki, type TestPki } from '../record/support/test-pki';
import { codeOf } from '../support/coded-error';

const fill = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));

describe('signing as the administrator configured it, and the roots it is trusted by, in the browser at 1366x768', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let pki: TestPki;
  let dossierCode = '';
  let documentId = 0;
  const shots = screenshotDir('settings-signing');
  const pageErrors: string[] = [];

  const main = () => page.getByRole('main');
  const nav = () => page.getByRole('navigation');
  const panel = () => main().locator('.finalize-panel');
  const setting = (key: string, value: string) => app.engine.store.settings.set(key, value);
  const auditCount = (action: string) =>
    (app.engine.store.db.prepare('SELECT count(*) AS n FROM audit_event WHERE action = ?').get(action) as { n: number }).n;

  async function openDesk() {
    await nav().getByRole('button', { name: vi['nav.intake'] }).click();
    await main()
      .getByRole('button', { name: fill(vi['intake.open'], { code: dossierCode }) })
      .click();
    await main()
      .getByRole('heading', { level: 1, name: fill(vi['desk.title'], { code: dossierCode }) })
      .waitFor();
  }

  async function signInAgain(role: 'clerk' | 'administrator') {
    await page.getByRole('button', { name: vi['auth.signOut'] }).click();
    await signIn(page, app, role);
  }

  beforeAll(async () => {
    pki = createTestPki();
    app = await startAppServer();
    setting('signing.p12-path', pki.signerP12);
    const { store, handlers } = app.engine;
    const dossier = await createBirthRegistration(handlers);
    dossierCode = dossier.code;
    // A document whose page is read and whose unsigned record is built, as the pipeline leaves it.
    const scan = recordPageFromCorpus('viadm-2833');
    documentId = store.documents.create(dossier.id, 'Tờ khai', null);
    const pageId = store.pages.addPage(documentId, store.blobs.put(scan.image), 'scan').id;
    store.db.prepare(`UPDATE page SET state = 'read' WHERE id = ?`).run(pageId);
    store.records.addVersion(
      documentId,
      store.blobs.put(Buffer.from(await buildRecordPdf({ pages: [scan], metadata: { title: 'Tờ khai', digitizedAt: new Date() } }))),
      null,
    );

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(app.server.appUrl);
    await signIn(page, app);
    await openDesk();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    pki?.cleanup();
  });

  it('names the configured certificate file and asks only for its password', async () => {
    await panel()
      .getByText(fill(vi['finalize.configuredFile'], { path: pki.signerP12 }))
      .waitFor();
    expect(await panel().locator('input[type="password"]:visible').count()).toBe(1);
    expect(await panel().getByLabel(vi['finalize.p12']).isVisible()).toBe(false);
    await page.screenshot({ path: join(shots, '1-configured-file.png') });
  });

  it('gives a missing configured file its coded message, and lets the clerk pick another file only where allowed', async () => {
    setting('signing.p12-path', join(pki.dir, 'không-có.p12'));
    expect(await codeOf(Promise.resolve().then(() => app.engine.handlers['signer.unlock']({ password: pki.password })))).toBe(
      'signer.configured-file-unreadable',
    );
    await page.reload();
    await openDesk();
    await panel().getByText(vi['error.signer.configured-file-unreadable']).waitFor();
    // The other file is open at once: the clerk can still sign.
    // In the app's language, not the browser's "Choose File / No file chosen".
    expect(await panel().getByRole('button', { name: vi['file.choose'] }).isVisible()).toBe(true);
    expect(await panel().getByText(vi['file.none']).isVisible()).toBe(true);
    await page.screenshot({ path: join(shots, '2-configured-file-missing.png') });

    setting('signing.other-file', 'refused');
    const p12Base64 = readFileSync(pki.signerP12).toString('base64');
    expect(await codeOf(Promise.resolve().then(() => app.engine.handlers['signer.unlock']({ p12Base64, password: pki.password })))).toBe(
      'signer.other-file-refused',
    );
    expect(
      await codeOf(Promise.resolve().then(() => app.engine.handlers['signer.unlock']({ p12Path: pki.signerP12, password: pki.password }))),
    ).toBe('signer.other-file-refused');
    await page.reload();
    await openDesk();
    await panel().getByText(vi['error.signer.configured-file-unreadable']).waitFor();
    expect(await panel().getByText(vi['finalize.otherFile']).count()).toBe(0);
    expect(await panel().locator('input').count()).toBe(0);

    setting('signing.other-file', 'allowed');
    setting('signing.p12-path', pki.signerP12);
    await page.reload();
    await openDesk();
  });

  it('unlocks the configured file with the password alone and shows the certificate’s subject, issuer and near expiry', async () => {
    await panel().getByLabel(vi['finalize.password']).fill(pki.password);
    await panel().getByRole('button', { name: vi['finalize.unlock'] }).click();
    const card = panel().locator('.certificate-card');
    await card.locator('.certificate-cn').getByText(pki.signerCommonName).waitFor();
    expect(await card.locator('dd').allTextContents()).toEqual(
      expect.arrayContaining([pki.signerCommonName, 'SoHoa Test', 'SoHoa Test CA']),
    );
    // The test PKI's signer is valid for 10 days: within the 30-day warning.
    expect(await card.getByRole('alert').textContent()).toMatch(/^Chứng thư sẽ hết hạn sau (9|10) ngày/);
    const unlock = app.engine.store.db
      .prepare(`SELECT details FROM audit_event WHERE action = 'signer.unlock' ORDER BY seq DESC LIMIT 1`)
      .get() as { details: string };
    expect(JSON.parse(unlock.details)).toMatchObject({ kind: 'pkcs12', source: 'configured' });
    await page.screenshot({ path: join(shots, '3-unlocked.png') });
  });

  it('signs; with no trust anchor the signature is sound but not trusted', { timeout: 60_000 }, async () => {
    await panel().getByRole('button', { name: vi['finalize.submit'] }).click();
    await main().getByRole('alertdialog').getByRole('button', { name: vi['finalize.confirmMissing'] }).click();
    await main()
      .getByText(fill(vi['finalize.done'], { count: 1 }))
      .waitFor();
    await main()
      .getByText(fill(vi['badge.untrusted'], { signer: pki.signerCommonName }))
      .waitFor();
    expect(
      await main()
        .getByText(fill(vi['badge.valid'], { signer: pki.signerCommonName }))
        .count(),
    ).toBe(0);
  });

  it('lets the administrator import the CA (DER bytes, not a path) in Settings, listed with subject and expiry, audited', async () => {
    await signInAgain('administrator');
    await nav().getByRole('button', { name: vi['nav.settings'] }).click();
    // The configured certificate, opened only to read it: subject, issuer, expiry with its warning.
    const inspect = main().getByRole('region', { name: vi['settings.inspectTitle'] });
    await inspect.getByLabel(vi['settings.inspectSecret']).fill(pki.password);
    await inspect.getByRole('button', { name: vi['settings.inspect'] }).click();
    await inspect.locator('.certificate-cn').getByText(pki.signerCommonName).waitFor();
    expect(await inspect.locator('.certificate-card dd').allTextContents()).toEqual(
      expect.arrayContaining([pki.signerCommonName, 'SoHoa Test', 'SoHoa Test CA']),
    );
    expect(await inspect.getByRole('alert').textContent()).toMatch(/^Chứng thư sẽ hết hạn sau (9|10) ngày/);
    expect(auditCount('signer.inspect')).toBe(1);
    await inspect.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, '4a-settings-certificate.png') });

    const trust = main().getByRole('region', { name: vi['trust.title'] });
    await trust.getByText(vi['trust.none']).waitFor();
    expect(await trust.getByRole('button', { name: vi['file.choose'] }).isVisible()).toBe(true);
    await trust.getByLabel(vi['trust.import']).setInputFiles(pki.caCertDer);
    await trust.getByText(fill(vi['trust.imported'], { count: 1 })).waitFor();
    await trust.locator('.certificate-cn').getByText('SoHoa Test CA').waitFor();
    expect(auditCount('trust.add')).toBe(1);
    // A file that is no certificate is refused with its coded message, and nothing is added.
    await trust
      .getByLabel(vi['trust.import'])
      .setInputFiles({ name: 'ghi-chu.pem', mimeType: 'text/plain', buffer: Buffer.from('không phải chứng thư') });
    await trust.getByText(vi['error.signing.trust-anchor-invalid']).waitFor();
    expect(await trust.locator('.certificate-card').count()).toBe(1);
    await trust.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, '4-trust-anchor-imported.png') });
    // The signer's own certificate is no CA's: refused with its coded message, nothing added, nothing audited.
    await trust.getByLabel(vi['trust.import']).setInputFiles(pki.signerCertDer);
    await trust.getByText(vi['error.trust.not-a-ca']).waitFor();
    expect(await trust.locator('.certificate-card').count()).toBe(1);
    expect(auditCount('trust.add')).toBe(1);
    await trust.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, '4b-end-entity-refused.png') });
  });

  it('shows the record signed by that CA as trusted at the desk', async () => {
    await signInAgain('clerk');
    await openDesk();
    await main()
      .getByText(fill(vi['badge.valid'], { signer: pki.signerCommonName }))
      .waitFor();
    await page.screenshot({ path: join(shots, '5-trusted.png') });
  });

  it('lets the administrator remove the CA, audited, and the record is untrusted again', async () => {
    await signInAgain('administrator');
    await nav().getByRole('button', { name: vi['nav.settings'] }).click();
    const trust = main().getByRole('region', { name: vi['trust.title'] });
    await trust.getByRole('button', { name: fill(vi['trust.removeNamed'], { name: 'SoHoa Test CA' }) }).click();
    await trust.getByText(fill(vi['trust.removed'], { name: 'SoHoa Test CA' })).waitFor();
    await trust.getByText(vi['trust.none']).waitFor();
    expect(await trust.getByRole('button', { name: vi['file.choose'] }).isVisible()).toBe(true);
    expect(auditCount('trust.remove')).toBe(1);
    const recordId = app.engine.store.records.latest(documentId)!.id;
    expect(await app.engine.handlers['record.verify']({ recordId })).toMatchObject({ intact: false, code: 'record.signer-untrusted' });
    expect(pageErrors).toEqual([]);
  });
});
