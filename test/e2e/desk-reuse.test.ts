import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi } from '../../src/renderer/src/i18n/vi';
import { startAppServer, type AppServer } from '../e2e-support/app-server';
import { REPO } from '../e2e-support/renderer-build';
import { recordPageFromCorpus } from '../record/support/corpus-pages';
import { createTestPki, type TestPki } from '../record/support/test-pki';
import { fill } from '../e2e-support/fill';
import { addReadDocument } from '../e2e-support/read-document';
import { openAppPage } from '../e2e-support/app-page';
import { openDossierAtDesk } from '../e2e-support/desk-steps';

const SHOTS = `${REPO}test-output/e2e`;
const CCCD = '074190000123';
/** MAU-HT-01's component that MAU-HT-03's "Giấy tờ tùy thân" fills. */
const ID_PAPER = 'Giấy tờ tùy thân của người đi đăng ký';

/** Issue: a reused document showed "0 trang", ticked no checklist item, and could not be taken back. */
describe('a reused document at the desk, in the browser', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let pki: TestPki;
  let dossierId = 0;
  let pageErrors: string[] = [];
  const main = () => page.getByRole('main');
  const card = () => main().locator('.document-card').first();
  const idItem = () => main().locator('.checklist li', { hasText: ID_PAPER });

  beforeAll(async () => {
    pki = createTestPki();
    app = await startAppServer();
    const { store, handlers } = app.engine;
    // An earlier dossier of the same citizen, its identity paper signed.
    const earlier = await handlers['dossier.create']({
      procedureCode: 'MAU-HT-03',
      applicantName: 'Đỗ Thị Mai',
      applicantCccd: CCCD,
      receivedDate: '2026-11-20',
    });
    await addReadDocument(store, earlier.id, 'Giấy tờ tùy thân', [recordPageFromCorpus('viadm-2833')], { title: 'CCCD' });
    await handlers['signer.unlock']({ p12Path: pki.signerP12, password: pki.password });
    await handlers['dossier.finalize']({ dossierId: earlier.id, confirmMissing: true });
    const dossier = await handlers['dossier.create']({
      procedureCode: 'MAU-HT-01',
      applicantName: 'Đỗ Thị Mai',
      applicantCccd: CCCD,
      receivedDate: '2026-11-23',
    });
    dossierId = dossier.id;

    ({ browser, page, pageErrors } = await openAppPage(app));
    await openDossierAtDesk(page, dossier.code);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    pki?.cleanup();
  });

  it('shows the reused document’s pages read-only and ticks the checklist item it fills', async () => {
    expect(await idItem().getByText(vi['desk.checklistMissing']).count()).toBe(1);
    await main().locator('.reuse-offers').getByRole('button', { name: vi['reuse.use'] }).click();
    await card().waitFor();
    await card()
      .getByText(fill(vi['desk.pagesCount'], { count: 1 }), { exact: false })
      .waitFor();
    await card()
      .getByRole('button', { name: fill(vi['page.view'], { n: 1 }) })
      .waitFor();
    expect(
      await card()
        .getByRole('button', { name: fill(vi['page.drag'], { n: 1 }) })
        .count(),
    ).toBe(0);
    expect(
      await card()
        .getByRole('button', { name: fill(vi['page.delete'], { n: 1 }) })
        .count(),
    ).toBe(0);
    await idItem().getByText(vi['desk.checklistDone']).waitFor({ state: 'attached' });
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/desk-reused.png`, fullPage: true });
  });

  it('removes the reused document added by mistake, before finalize', async () => {
    await card().getByRole('button', { name: vi['desk.removeDocument'] }).click();
    await card().getByRole('alertdialog').getByRole('button', { name: vi['desk.removeDocumentYes'] }).click();
    await expect.poll(() => app.engine.store.documents.ofDossier(dossierId).length).toBe(0);
    await main().locator('.document-card').first().waitFor({ state: 'detached' });
    await idItem().getByText(vi['desk.checklistMissing']).waitFor({ state: 'attached' });
    const removed = app.engine.store.db.prepare(`SELECT actor, details FROM audit_event WHERE action = 'document.remove'`).get() as {
      actor: string;
      details: string;
    };
    expect(removed.actor).toBe('clerk');
    expect(JSON.parse(removed.details)).toMatchObject({ dossierId, component: ID_PAPER, records: 1 });
  });

  it('ran without script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
