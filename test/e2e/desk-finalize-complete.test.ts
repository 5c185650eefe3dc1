import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi } from '../../src/renderer/src/i18n/vi';
import { startAppServer, type AppServer } from '../e2e-support/app-server';
import { createBirthRegistration } from '../e2e-support/sample-dossier';
import { REPO } from '../e2e-support/renderer-build';
import { recordPageFromCorpus } from '../record/support/corpus-pages';
import { createTestPki, type TestPki } from '../record/support/test-pki';
import { fill } from '../e2e-support/fill';
import { addReadDocument } from '../e2e-support/read-document';
import { openAppPage } from '../e2e-support/app-page';
import { openDossierAtDesk, unlockFileSigner } from '../e2e-support/desk-steps';

const SHOTS = `${REPO}test-output/e2e`;
/** MAU-HT-01's components, from the sample catalog. */
const FORM = 'Tờ khai đăng ký khai sinh';
const BIRTH = 'Giấy chứng sinh';
const ID_PAPER = 'Giấy tờ tùy thân của người đi đăng ký';

/** Issue: an empty component beside a document with pages was signed ("Đã ký 2 văn bản") and ticked "Đã có". */
describe('finalizing refuses an empty document and asks before signing with components missing, in the browser', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let pki: TestPki;
  let dossierId = 0;
  let formDocument = 0;
  let pageErrors: string[] = [];
  const main = () => page.getByRole('main');
  const checklistItem = (component: string) => main().locator('.checklist li', { hasText: component });
  const documentsOf = () => app.engine.store.documents.ofDossier(dossierId);
  const signedRecords = () =>
    (
      app.engine.store.db
        .prepare(`SELECT count(*) AS n FROM record r JOIN document d ON d.id = r.document_id WHERE d.dossier_id = ? AND r.signed = 1`)
        .get(dossierId) as { n: number }
    ).n;

  beforeAll(async () => {
    pki = createTestPki();
    app = await startAppServer();
    const { store, handlers } = app.engine;
    const dossier = await createBirthRegistration(handlers);
    dossierId = dossier.id;
    // The form, read and built into its unsigned record, as the pipeline leaves it.
    formDocument = await addReadDocument(store, dossierId, FORM, [recordPageFromCorpus('viadm-2833')]);

    ({ browser, page, pageErrors } = await openAppPage(app));
    await openDossierAtDesk(page, dossier.code);
    await unlockFileSigner(main(), pki);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    pki?.cleanup();
  });

  it('an empty component added with “+” is not ticked, and Ctrl+Shift+F signs nothing: the document is empty', async () => {
    await checklistItem(BIRTH)
      .getByRole('button', { name: fill(vi['desk.checklistAdd'], { component: BIRTH }) })
      .click();
    await expect.poll(() => documentsOf().length).toBe(2);
    await main().locator('.document-card').nth(1).waitFor();
    expect(await checklistItem(FORM).getByText(vi['desk.checklistDone']).count()).toBe(1);
    expect(await checklistItem(BIRTH).getByText(vi['desk.checklistMissing']).count()).toBe(1);

    await page.keyboard.press('Control+Shift+F');
    // The desk lists what is missing first; the empty birth certificate does not count as there.
    const dialog = main().getByRole('alertdialog');
    await dialog.getByText(fill(vi['finalize.missingItem'], { component: BIRTH })).waitFor();
    await dialog.getByText(fill(vi['finalize.missingItem'], { component: ID_PAPER })).waitFor();
    expect(await dialog.getByText(fill(vi['finalize.missingItem'], { component: FORM })).count()).toBe(0);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/finalize-missing.png`, fullPage: true });
    await dialog.getByRole('button', { name: vi['finalize.confirmMissing'] }).click();
    await main().getByText(vi['error.desk.document-empty']).waitFor();
    expect(signedRecords()).toBe(0);
    expect((await app.engine.handlers['dossier.get']({ id: dossierId })).status).not.toBe('finalized');
  });

  it(
    'removes the empty document; the missing components are listed again, and signed only once the clerk confirms',
    { timeout: 60_000 },
    async () => {
      const empty = documentsOf().find((d) => d.component === BIRTH)!;
      const card = main().locator(`.document-card[data-document-id="${empty.id}"]`);
      await card.getByRole('button', { name: vi['desk.removeDocument'] }).click();
      await card.getByRole('alertdialog').getByRole('button', { name: vi['desk.removeDocumentYes'] }).click();
      await card.waitFor({ state: 'detached' });
      expect(documentsOf().map((d) => d.id)).toEqual([formDocument]);
      expect(app.engine.store.db.prepare(`SELECT actor FROM audit_event WHERE action = 'document.remove'`).all()).toEqual([
        { actor: 'clerk' },
      ]);

      await page.keyboard.press('Control+Shift+F');
      const dialog = main().getByRole('alertdialog');
      await dialog.getByText(fill(vi['finalize.missingItem'], { component: BIRTH })).waitFor();
      await dialog.getByRole('button', { name: vi['finalize.cancelMissing'] }).click();
      expect(signedRecords()).toBe(0);
      await page.keyboard.press('Control+Shift+F');
      await dialog.getByRole('button', { name: vi['finalize.confirmMissing'] }).click();
      await main()
        .getByText(fill(vi['finalize.done'], { count: 1 }))
        .waitFor();
      expect(signedRecords()).toBe(1);
      const finalized = app.engine.store.db.prepare(`SELECT actor, details FROM audit_event WHERE action = 'dossier.finalize'`).get() as {
        actor: string;
        details: string;
      };
      expect(finalized.actor).toBe('clerk');
      expect(JSON.parse(finalized.details)).toMatchObject({ signed: 1, missingConfirmed: [BIRTH, ID_PAPER] });
    },
  );

  it('ran without script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
