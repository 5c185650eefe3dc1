import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi } from '../../src/renderer/src/i18n/vi';
import { startAppServer, type AppServer } from '../e2e-support/app-server';
import { corpusPage } from '../e2e-support/desk-fixtures';
import { REPO } from '../e2e-support/renderer-build';
import { pdfsig, pdftotext } from '../record/support/pdf-tools';
import { createTestPki, type TestPki } from '../record/support/test-pki';
import { screenshotDir } from '../e2e-support/screenshots';
import { fill } from '../e2e-support/fill';
import { openAppPage } from '../e2e-support/app-page';
import { openDossierAtDesk, unlockFileSigner } from '../e2e-support/desk-steps';
import { createSignedBirthRegistration } from '../e2e-support/sample-dossier';

const SHOTS = `${REPO}test-output/e2e`;
const vn = new Intl.NumberFormat('vi-VN');
const result = corpusPage('viadm-82f0');
/** Received and due a month ago: handed back today, it is late. */
const dossierPlan = { receivedDate: '2026-11-02', dueDate: '2026-11-04' };

describe('Trả kết quả at the desk, in the browser', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let pki: TestPki;
  let code = '';
  let dossierId = 0;
  let pageErrors: string[] = [];
  const main = () => page.getByRole('main');
  const shot = (name: string) => page.screenshot({ path: `${SHOTS}/hand-back-${name}.png`, fullPage: true });
  const tile = (figure: string) => main().locator(`.figure[data-figure="${figure}"] .figure-value`);
  const tiles = async () =>
    Object.fromEntries(
      await Promise.all(['resultsDigitized', 'onTime', 'late', 'openPastDue'].map(async (f) => [f, (await tile(f).textContent())?.trim()])),
    );
  const openDashboard = async () => {
    await page.getByRole('navigation').getByRole('button', { name: vi['nav.progress'] }).click();
    await main().getByRole('button', { name: vi['progress.refresh'] }).click();
    await tile('received').waitFor();
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    pki = createTestPki();
    app = await startAppServer({ pipeline: true });
    // The intake, done and signed earlier (the intake screens have their own tests).
    await app.engine.handlers['signer.unlock']({ p12Path: pki.signerP12, password: pki.password });
    ({ code, id: dossierId } = await createSignedBirthRegistration(app.engine, { applicantName: 'Phạm Thị Lan', ...dossierPlan }));
    ({ browser, page, pageErrors } = await openAppPage(app, { timeout: 15_000 }));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    pki?.cleanup();
  });

  it('counts the signed dossier as open past due, with no result, before the hand-back', async () => {
    await openDashboard();
    await expect
      .poll(tiles)
      .toEqual({ resultsDigitized: vn.format(0), onTime: vn.format(0), late: vn.format(0), openPastDue: vn.format(1) });
  });

  it('adds a scanned result to the signed dossier, signs it, and hands it back late with the reason', { timeout: 240_000 }, async () => {
    await page.getByRole('navigation').getByRole('button', { name: vi['nav.intake'] }).click();
    await openDossierAtDesk(page, code);
    const panel = main().getByRole('region', { name: vi['result.title'] });
    await panel.waitFor();
    await panel.getByText(vi['result.signFirst']).waitFor();
    await panel.getByLabel(vi['result.kind']).selectOption('quyet-dinh');
    await panel.getByLabel(vi['result.number']).fill('88/QĐ-UBND');
    await panel.getByRole('button', { name: vi['result.add'] }).click();
    const resultCard = main().locator('.document-card').nth(1);
    await resultCard.waitFor();
    await main().getByLabel(vi['import.paths']).fill(result.path);
    await main().getByRole('button', { name: vi['import.submit'] }).click();
    await main()
      .getByText(fill(vi['import.done'], { added: 1 }))
      .waitFor();
    await expect.poll(() => resultCard.locator('.page-state--read').count(), { timeout: 180_000, interval: 1000 }).toBe(1);
    // The certificate belongs to the clerk's own sign-in: unlocked at the desk, not by the set-up above.
    await unlockFileSigner(main(), pki);
    await panel.getByRole('button', { name: vi['result.sign'] }).click();
    await panel.getByText(vi['result.signed'], { exact: false }).waitFor();
    // No root is configured on this workstation: sound signatures are shown as such, with the issuer not verified, never as invalid.
    await resultCard.getByText(fill(vi['badge.untrusted'], { signer: pki.signerCommonName })).waitFor();
    expect(await main().getByText(vi['badge.invalid'], { exact: true }).count()).toBe(0);

    const form = panel.locator('.hand-back-form');
    // Today against a due date a month ago: late, by the working days since.
    await form.locator('.timeliness--late').waitFor();
    // Shown day first, as every date on screen.
    expect(await form.locator('.timeliness--late').textContent()).toContain('04/11/2026');
    await shot('form');
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${screenshotDir('hand-back')}/hand-back-form.png` });
    await panel.screenshot({ path: `${screenshotDir('hand-back')}/hand-back-panel.png` });
    // Without the reason the engine refuses it, and the form says why in Vietnamese.
    await form.getByRole('button', { name: vi['handBack.submit'] }).click();
    await form.getByText(vi['error.result.late-reason-required']).waitFor();
    await form.getByLabel(vi['handBack.lateReason']).fill('Chờ xác minh của cơ quan công an');
    await form.getByRole('button', { name: vi['handBack.submit'] }).click();
    await panel.locator('.notice').filter({ hasText: 'Phạm Thị Lan' }).waitFor();
    await main().locator('.desk-summary').getByText(vi['status.returned']).waitFor();
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${screenshotDir('hand-back')}/hand-back-done.png` });
    await shot('done');

    const documents = await app.engine.handlers['document.list']({ dossierId });
    const signed = documents.find((d) => d.isResult)!.record!;
    expect(signed.signed).toBe(true);
    const bytes = app.engine.store.blobs.get(signed.pdfSha256);
    expect(pdfsig(bytes, pki.caCert).validity).toEqual(['Signature is Valid.']);
    expect(pdftotext(bytes, '-f', '1', '-l', '1')).toContain('SAO Y');
    expect((await app.engine.handlers['result.status']({ dossierId })).handBack).toMatchObject({
      onTime: false,
      lateReason: 'Chờ xác minh của cơ quan công an',
    });
  });

  it('changes the dashboard’s tiles: result digitized, completed late, no longer open past due', async () => {
    await openDashboard();
    await expect
      .poll(tiles)
      .toEqual({ resultsDigitized: vn.format(1), onTime: vn.format(0), late: vn.format(1), openPastDue: vn.format(0) });
    await page.screenshot({ path: `${screenshotDir('hand-back')}/hand-back-dashboard.png`, fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
