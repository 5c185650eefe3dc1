import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPdf } from '../../src/core/record/verify-pdf';
import { errorMessage } from '../../src/renderer/src/i18n/error-messages';
import { translator } from '../../src/renderer/src/i18n/translate';
import { vi } from '../../src/renderer/src/i18n/vi';
import { openAppPage } from '../e2e-support/app-page';
import { startAppServer, type AppServer } from '../e2e-support/app-server';
import { openDossierAtDesk, unlockFileSigner } from '../e2e-support/desk-steps';
import { fill } from '../e2e-support/fill';
import { addReadDocument } from '../e2e-support/read-document';
import { createBirthRegistration } from '../e2e-support/sample-dossier';
import { screenshotDir } from '../e2e-support/screenshots';
import { recordPageFromCorpus } from '../record/support/corpus-pages';
import { createTestPki, type TestPki } from '../record/support/test-pki';
import { startTestTsa, type TestTsa } from '../record/support/test-tsa';

/**
 * The clerk signs the intake while the timestamp authority is down, is told so, is told why when its
 * answer does not verify, and adds the timestamp once it answers properly.
 */
describe('Ký và hoàn tất while the timestamp authority is down, in the browser', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let pki: TestPki;
  let tsa: TestTsa;
  let dossierId = 0;
  let documentId = 0;
  let pageErrors: string[] = [];
  const main = () => page.getByRole('main');
  const shots = screenshotDir('desk-finalize-tsa-down');

  beforeAll(async () => {
    pki = createTestPki();
    // Refusing (HTTP 503) rather than stopped: it keeps its port, so nothing else can take it meanwhile.
    tsa = await startTestTsa(pki, { answer: 'refuse' });
    app = await startAppServer();
    app.engine.store.settings.set('signing.tsa-url', tsa.url);
    const dossier = await createBirthRegistration(app.engine.handlers);
    dossierId = dossier.id;
    documentId = await addReadDocument(app.engine.store, dossierId, 'Tờ khai đăng ký khai sinh', [recordPageFromCorpus('viadm-2833')]);
    ({ browser, page, pageErrors } = await openAppPage(app));
    await openDossierAtDesk(page, dossier.code);
    await unlockFileSigner(main(), pki);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await tsa?.close();
    pki?.cleanup();
  });

  it(
    'signs, says in Vietnamese that the timestamp comes later, and the button adds it once the authority answers',
    { timeout: 120_000 },
    async () => {
      const panel = main().locator('.finalize-panel');
      await panel.getByRole('button', { name: vi['finalize.submit'] }).click();
      await panel.getByRole('button', { name: vi['finalize.confirmMissing'] }).click();
      await panel.getByText(fill(vi['finalize.done'], { count: 1 })).waitFor();
      const notice = panel.locator('.pending-timestamp');
      await notice.waitFor();
      expect(await notice.textContent()).toContain(fill(vi['finalize.timestampPending'], { count: 1 }));
      expect((await app.engine.handlers['dossier.get']({ id: dossierId })).status).toBe('finalized');
      await panel.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${shots}/signed-without-timestamp.png` });

      // Still down: it says so and keeps waiting.
      await notice.getByRole('button', { name: vi['result.timestamp'] }).click();
      await panel.getByText(vi['finalize.timestampStillDown']).waitFor();

      // An answer whose token does not verify: refused on arrival (signer.timestamp-invalid), and the notice says why in Vietnamese.
      tsa.answer = 'bad-signature';
      await notice.getByRole('button', { name: vi['result.timestamp'] }).click();
      const failed = panel.locator('.timestamp-failed');
      await failed.waitFor();
      expect(await failed.textContent()).toBe(
        fill(vi['finalize.timestampFailed'], { count: 1, message: errorMessage(translator(vi), 'signer.timestamp-invalid') }),
      );
      await notice.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${shots}/timestamp-unverified.png` });

      tsa.answer = 'token';
      await notice.getByRole('button', { name: vi['result.timestamp'] }).click();
      await expect.poll(() => notice.count()).toBe(0);
      expect(tsa.requests).toBe(2);
      await page.screenshot({ path: `${shots}/timestamp-added.png` });
      const record = app.engine.store.records.latest(documentId)!;
      const report = await verifyPdf(app.engine.store.blobs.get(record.pdfSha256), { trustAnchors: pki.trustAnchors, fetchCrl: false });
      expect([report.intact, report.signatures.length, report.documentTimestamps.map((t) => t.valid)]).toEqual([true, 1, [true]]);
      expect(pageErrors).toEqual([]);
    },
  );
});
