import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRecordPdf } from '../../src/core/record/build-record-pdf';
import { openP12Signer } from '../../src/core/record/p12-signer';
import { signPdf } from '../../src/core/record/sign-pdf';
import { verifyPdf } from '../../src/core/record/verify-pdf';
import { vi } from '../../src/renderer/src/i18n/vi';
import { startAppServer, type AppServer } from '../e2e-support/app-server';
import { openAppPage } from '../e2e-support/app-page';
import { openDossierAtDesk, unlockFileSigner } from '../e2e-support/desk-steps';
import { fill } from '../e2e-support/fill';
import { createSignedBirthRegistration } from '../e2e-support/sample-dossier';
import { screenshotDir } from '../e2e-support/screenshots';
import { recordPageFromCorpus } from '../record/support/corpus-pages';
import { pdfsig } from '../record/support/pdf-tools';
import { createTestPki, readBytes, type TestPki } from '../record/support/test-pki';
import { startTestTsa, type TestTsa } from '../record/support/test-tsa';
import { tempDir } from '../support/temp-dir';

/** The common name of the test PKI's signer certificate (test/record/support/test-pki.ts), here the issuing agency. */
const ISSUER_CN = 'UBND xã Thử Nghiệm';

/**
 * The clerk imports a decision the specialised system already signed, adds SoHoa's document timestamp
 * to it at the desk ("Gắn dấu thời gian"), counter-signs it and hands it back.
 */
describe('Gắn dấu thời gian on a result signed elsewhere, in the browser', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let agency: TestPki;
  let issuer: TestPki;
  let tsa: TestTsa;
  let code = '';
  let dossierId = 0;
  const files = tempDir('sohoa-e2e-result-ts-');
  const issuedPath = join(files.path, 'quyet-dinh-so-88.pdf');
  const unsignedPath = join(files.path, 'quyet-dinh-so-89.pdf');
  let pageErrors: string[] = [];
  const main = () => page.getByRole('main');
  const shots = screenshotDir('result-timestamp');

  /** Opens the dossier's desk from the intake list and waits for its result panel. */
  async function openResultPanel(dossierCode: string) {
    await page.getByRole('navigation').getByRole('button', { name: vi['nav.intake'] }).click();
    await openDossierAtDesk(page, dossierCode);
    const panel = main().getByRole('region', { name: vi['result.title'] });
    await panel.waitFor();
    return panel;
  }

  beforeAll(async () => {
    agency = createTestPki();
    issuer = createTestPki();
    tsa = await startTestTsa(agency);
    app = await startAppServer();
    await app.engine.handlers['signer.unlock']({ p12Path: agency.signerP12, password: agency.password });
    ({ code, id: dossierId } = await createSignedBirthRegistration(app.engine, { applicantName: 'Phạm Thị Lan' }));
    // The authority is configured once intake is done (as an administrator would, in Settings › Signing).
    app.engine.store.settings.set('signing.tsa-url', tsa.url);
    const unsigned = await buildRecordPdf({
      pages: [recordPageFromCorpus('viadm-863d')],
      metadata: { title: 'QĐ', digitizedAt: new Date() },
    });
    writeFileSync(unsignedPath, unsigned);
    writeFileSync(issuedPath, await signPdf(unsigned, { signer: await openP12Signer(readBytes(issuer.signerP12), issuer.password) }));
    ({ browser, page, pageErrors } = await openAppPage(app, { timeout: 15_000 }));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await tsa?.close();
    agency?.cleanup();
    issuer?.cleanup();
    files.remove();
  });

  it(
    'offers the timestamp on the imported signed decision, adds it, and the issuer’s signature stays valid',
    { timeout: 120_000 },
    async () => {
      const panel = await openResultPanel(code);
      await panel.getByLabel(vi['result.kind']).selectOption('quyet-dinh');
      await panel.getByLabel(vi['result.number']).fill('88/QĐ-UBND');
      await panel.getByLabel(vi['result.pdf']).setInputFiles(issuedPath);
      await panel.getByRole('button', { name: vi['result.add'] }).click();
      const row = panel.locator('.result-row');
      await row.getByText(vi['result.noTimestamp']).waitFor();
      // The file went as its bytes: the engine holds exactly what the clerk picked.
      const imported = (await app.engine.handlers['document.list']({ dossierId })).find((d) => d.isResult)!;
      expect(Buffer.from(app.engine.store.blobs.get(imported.record!.pdfSha256)).equals(readFileSync(issuedPath))).toBe(true);
      // Signed by the issuing agency (the test PKI's signer), not "chưa ký", though SoHoa has not signed it.
      const status = row.locator('.result-signed-elsewhere');
      expect(await status.textContent()).toBe(fill(vi['result.signedBy'], { signer: ISSUER_CN }));
      expect(await row.getByText(vi['result.unsigned'], { exact: true }).count()).toBe(0);
      const requests = tsa.requests;
      await panel.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${shots}/before-timestamp.png` });
      await row.getByRole('button', { name: vi['result.timestamp'] }).click();
      await row.locator('.result-timestamp').filter({ hasText: 'SoHoa Test TSA' }).waitFor();
      expect(tsa.requests).toBe(requests + 1);
      await status.filter({ hasText: vi['result.plusTimestamp'] }).waitFor();
      expect(await status.textContent()).toBe(`${fill(vi['result.signedBy'], { signer: ISSUER_CN })} ${vi['result.plusTimestamp']}`);
      const text = (await row.locator('.result-timestamp').textContent()) ?? '';
      // Vietnamese first: "Có dấu thời gian HH:MM DD/MM/YYYY (SoHoa Test TSA)".
      expect(text).toMatch(/^Có dấu thời gian \d{2}:\d{2} \d{2}\/\d{2}\/\d{4} \(SoHoa Test TSA\)$/);
      expect(await row.getByRole('button', { name: vi['result.timestamp'] }).count()).toBe(0);
      await page.screenshot({ path: `${shots}/after-timestamp.png` });

      const result = (await app.engine.handlers['document.list']({ dossierId })).find((d) => d.isResult)!;
      const bytes = app.engine.store.blobs.get(result.record!.pdfSha256);
      expect(pdfsig(bytes, issuer.caCert).validity[0]).toBe('Signature is Valid.');
      const report = await verifyPdf(bytes, { trustAnchors: issuer.trustAnchors, fetchCrl: false });
      expect(report.documentTimestamps.map((t) => t.valid)).toEqual([true]);
      expect(report.intact).toBe(true);
    },
  );

  it('counter-signs the timestamped decision and hands it back', { timeout: 120_000 }, async () => {
    const panel = main().getByRole('region', { name: vi['result.title'] });
    await unlockFileSigner(main(), agency);
    await panel.getByRole('button', { name: vi['result.sign'] }).click();
    await panel.getByText(vi['result.signed'], { exact: false }).waitFor();
    const form = panel.locator('.hand-back-form');
    await form.getByLabel(vi['handBack.receiver']).fill('Phạm Thị Lan');
    await form.getByRole('button', { name: vi['handBack.submit'] }).click();
    await panel.locator('.notice').filter({ hasText: 'Phạm Thị Lan' }).waitFor();
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/handed-back.png` });
    const result = (await app.engine.handlers['document.list']({ dossierId })).find((d) => d.isResult)!;
    const bytes = app.engine.store.blobs.get(result.record!.pdfSha256);
    // The issuer's signature, the document timestamp, then SoHoa's counter-signature: all three in order, the first still valid.
    const sig = pdfsig(bytes, issuer.caCert);
    expect(sig.validity).toHaveLength(3);
    expect(sig.validity[0]).toBe('Signature is Valid.');
    const report = await verifyPdf(bytes, { trustAnchors: [...issuer.trustAnchors, ...agency.trustAnchors], fetchCrl: false });
    expect(report.signatures.map((s) => s.valid)).toEqual([true, true]);
    expect(report.documentTimestamps.map((t) => t.valid)).toEqual([true]);
    expect(report.intact).toBe(true);
  });

  it(
    'signs a result while the authority is down, says so, and the clerk adds the timestamp once it answers',
    { timeout: 120_000 },
    async () => {
      const h = app.engine.handlers;
      const { store } = app.engine;
      const other = await createSignedBirthRegistration(app.engine, { applicantName: 'Đỗ Văn Nam' });
      store.settings.set('signing.tsa-url', tsa.url.replace(/:\d+\//, ':1/'));
      const panel = await openResultPanel(other.code);
      await panel.getByLabel(vi['result.pdf']).setInputFiles(unsignedPath);
      await panel.getByRole('button', { name: vi['result.add'] }).click();
      await panel.getByRole('button', { name: vi['result.sign'] }).click();
      await panel.getByText(vi['result.timestampUnreachable']).waitFor();
      await panel.getByText(vi['result.signed'], { exact: false }).waitFor();
      const row = panel.locator('.result-row');
      await row.getByText(vi['result.noTimestamp']).waitFor();
      await panel.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${shots}/authority-down.png` });
      store.settings.set('signing.tsa-url', tsa.url);
      await row.getByRole('button', { name: vi['result.timestamp'] }).click();
      await row.locator('.result-timestamp').filter({ hasText: 'SoHoa Test TSA' }).waitFor();
      // The warning is gone once the timestamp is there.
      expect(await panel.getByText(vi['result.timestampUnreachable']).count()).toBe(0);
      await page.screenshot({ path: `${shots}/authority-back.png` });
      const result = (await h['document.list']({ dossierId: other.id })).find((d) => d.isResult)!;
      const report = await verifyPdf(app.engine.store.blobs.get(result.record!.pdfSha256), {
        trustAnchors: agency.trustAnchors,
        fetchCrl: false,
      });
      expect([report.intact, report.signatures.length, report.documentTimestamps.length]).toEqual([true, 1, 1]);
      expect(pageErrors).toEqual([]);
    },
  );
  it(
    'hands back a decision signed elsewhere once SoHoa’s timestamp is on it, without counter-signing, and the tiles count it',
    { timeout: 180_000 },
    async () => {
      const h = app.engine.handlers;
      const { store } = app.engine;
      const third = await createSignedBirthRegistration(app.engine, { applicantName: 'Trần Văn Bình' });
      store.settings.set('signing.tsa-url', tsa.url);

      const tile = (figure: string) => main().locator(`.figure[data-figure="${figure}"] .figure-value`);
      const tiles = async () =>
        Object.fromEntries(
          await Promise.all(['resultsDigitized', 'onTime'].map(async (f) => [f, Number((await tile(f).textContent())?.trim())])),
        );
      const openDashboard = async () => {
        await page.getByRole('navigation').getByRole('button', { name: vi['nav.progress'] }).click();
        await main().getByRole('button', { name: vi['progress.refresh'] }).click();
        await tile('received').waitFor();
      };
      await openDashboard();
      const before = await tiles();
      expect(Object.values(before).every(Number.isInteger)).toBe(true);

      const panel = await openResultPanel(third.code);
      await panel.getByLabel(vi['result.number']).fill('90/QĐ-UBND');
      await panel.getByLabel(vi['result.pdf']).setInputFiles(issuedPath);
      await panel.getByRole('button', { name: vi['result.add'] }).click();
      const row = panel.locator('.result-row');
      await row.getByText(vi['result.noTimestamp']).waitFor();
      // Signed by the issuer only: the desk asks for SoHoa's timestamp, and there is no hand-back form yet.
      await panel.getByText(vi['result.timestampFirst']).waitFor();
      expect(await panel.locator('.hand-back-form').count()).toBe(0);
      await panel.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${shots}/signed-elsewhere-asks-timestamp.png` });

      await row.getByRole('button', { name: vi['result.timestamp'] }).click();
      await row.locator('.result-timestamp').filter({ hasText: 'SoHoa Test TSA' }).waitFor();
      const form = panel.locator('.hand-back-form');
      await form.waitFor();
      expect(await panel.getByText(vi['result.timestampFirst']).count()).toBe(0);
      await panel.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${shots}/signed-elsewhere-timestamped.png` });
      await form.getByLabel(vi['handBack.receiver']).fill('Trần Văn Bình');
      await form.getByRole('button', { name: vi['handBack.submit'] }).click();
      await panel.locator('.notice').filter({ hasText: 'Trần Văn Bình' }).waitFor();
      await main().locator('.desk-summary').getByText(vi['status.returned']).waitFor();
      await panel.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${shots}/signed-elsewhere-handed-back.png` });

      expect(store.dossiers.get(third.id)!.status).toBe('returned');
      const result = (await h['document.list']({ dossierId: third.id })).find((d) => d.isResult)!;
      // Not counter-signed: the issuer's signature and SoHoa's document timestamp, the first still valid.
      expect(result.record).toMatchObject({ signed: false, sohoaTimestamp: true });
      const sig = pdfsig(app.engine.store.blobs.get(result.record!.pdfSha256), issuer.caCert);
      expect(sig.validity).toHaveLength(2);
      expect(sig.validity[0]).toBe('Signature is Valid.');

      await openDashboard();
      await expect.poll(tiles).toEqual({ resultsDigitized: before.resultsDigitized + 1, onTime: before.onTime + 1 });
      await page.screenshot({ path: `${shots}/signed-elsewhere-dashboard.png`, fullPage: true });
      expect(pageErrors).toEqual([]);
    },
  );
});
