import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi } from '../../src/renderer/src/i18n/vi';
import { startAppServer, type AppServer } from '../e2e-support/app-server';
import { createBirthRegistration } from '../e2e-support/sample-dossier';
import { screenshotDir } from '../e2e-support/screenshots';
import { recordPageFromCorpus } from '../record/support/corpus-pages';
import { pdfsig } from '../record/support/pdf-tools';
import { createSoftHsmToken, softhsmModule, type SoftHsmToken } from '../record/support/softhsm';
import { createTestPki, type TestPki } from '../record/support/test-pki';
import { fill } from '../e2e-support/fill';
import { addReadDocument } from '../e2e-support/read-document';
import { openAppPage } from '../e2e-support/app-page';
import { openDossierAtDesk } from '../e2e-support/desk-steps';

describe('unlocking a USB token (SoftHSM2) at the desk, in the browser', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let pki: TestPki;
  let token: SoftHsmToken;
  let dossierId = 0;
  let documentId = 0;
  let pageErrors: string[] = [];

  const main = () => page.getByRole('main');
  const tokenForm = () => main().getByRole('form', { name: vi['finalize.token'] });

  beforeAll(async () => {
    pki = createTestPki();
    token = createSoftHsmToken(pki.signerKeyDer, [pki.signerCertDer, pki.caCertDer]);
    app = await startAppServer();
    app.engine.store.settings.set('signing.trust-anchors', JSON.stringify([pki.caCert]));
    // The administrator's configuration (Settings › Signing): the desk asks only for the PIN.
    app.engine.store.settings.set('signing.source', 'pkcs11');
    app.engine.store.settings.set('signing.pkcs11-module', softhsmModule);
    app.engine.store.settings.set('signing.token-label', token.label);
    const { store, handlers } = app.engine;
    const dossier = await createBirthRegistration(handlers);
    dossierId = dossier.id;
    documentId = await addReadDocument(store, dossierId, 'Tờ khai', [recordPageFromCorpus('viadm-2833')]);

    ({ browser, page, pageErrors } = await openAppPage(app));
    await openDossierAtDesk(page, dossier.code);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    token?.cleanup();
    pki?.cleanup();
  });

  it('names the configured token and asks only for its PIN: no module path to type', async () => {
    await main()
      .getByText(fill(vi['finalize.configuredToken'], { label: token.label, module: softhsmModule }))
      .waitFor();
    expect(await tokenForm().locator('input').count()).toBe(1);
    expect(await main().getByLabel(vi['finalize.p12']).count()).toBe(0);
    await page.screenshot({ path: join(screenshotDir('desk-token'), 'token-unlock.png') });
  });

  it('says the PIN is wrong, clears it and stays locked', async () => {
    await tokenForm().getByLabel(vi['finalize.pin']).fill('9999');
    await tokenForm().getByRole('button', { name: vi['finalize.unlockToken'] }).click();
    await tokenForm().getByText(vi['error.signer.bad-pin']).waitFor();
    expect(await tokenForm().getByLabel(vi['finalize.pin']).inputValue()).toBe('');
    expect(await main().getByRole('button', { name: vi['finalize.submit'] }).isDisabled()).toBe(true);
    expect(await app.engine.handlers['signer.status']({})).toMatchObject({ unlocked: false });
  });

  it('opens the token with the right PIN, then signs the dossier with the key on it', { timeout: 60_000 }, async () => {
    await tokenForm().getByLabel(vi['finalize.pin']).fill(token.pin);
    await tokenForm().getByRole('button', { name: vi['finalize.unlockToken'] }).click();
    await main()
      .getByText(fill(vi['finalize.unlocked'], { subject: pki.signerCommonName }))
      .waitFor();
    expect(await tokenForm().count()).toBe(0);
    await main().locator('.certificate-card .certificate-cn').getByText(pki.signerCommonName).waitFor();
    await page.screenshot({ path: join(screenshotDir('desk-token'), 'token-unlocked.png') });

    await main().getByRole('button', { name: vi['finalize.submit'] }).click();
    // The procedure's other components have no document: the desk lists them and the clerk signs anyway.
    await main().getByRole('alertdialog').getByRole('button', { name: vi['finalize.confirmMissing'] }).click();
    await main()
      .getByText(fill(vi['finalize.done'], { count: 1 }))
      .waitFor();
    await main()
      .getByText(fill(vi['badge.valid'], { signer: pki.signerCommonName }))
      .waitFor();
    await main().locator('.desk-summary').getByText(vi['status.finalized']).waitFor();
    const record = app.engine.store.records.latest(documentId)!;
    expect(record).toMatchObject({ signed: true, signer: pki.signerCommonName });
    expect(pdfsig(app.engine.store.blobs.get(record.pdfSha256)).validity).toEqual(['Signature is Valid.']);
    const pinAudited = app.engine.store.db
      .prepare(`SELECT count(*) AS n FROM audit_event WHERE details LIKE ?`)
      .get(`%"${token.pin}"%`) as { n: number };
    expect(pinAudited.n).toBe(0);
  });

  it('ran without script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
