import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRecordPdf } from '../../src/core/record/build-record-pdf';
import { vi } from '../../src/renderer/src/i18n/vi';
import { startAppServer, type AppServer } from '../e2e-support/app-server';
import { launchChromium } from '../e2e-support/browser';
import { REPO } from '../e2e-support/renderer-build';
import { signIn } from '../e2e-support/sign-in';
import { recordPageFromCorpus } from '../record/support/corpus-pages';
import { createTestPki, type TestPki } from '../record/support/test-pki';

const SHOTS = `${REPO}test-output/e2e`;
const fill = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));
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
  const pageErrors: string[] = [];
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
    const scan = recordPageFromCorpus('viadm-2833');
    const documentId = store.pages.createDocument(earlier.id, 'Giấy tờ tùy thân', null);
    const pageId = store.pages.addPage(documentId, store.blobs.put(scan.image), 'scan').id;
    store.db.prepare(`UPDATE page SET state = 'read' WHERE id = ?`).run(pageId);
    store.records.addVersion(
      documentId,
      store.blobs.put(Buffer.from(await buildRecordPdf({ pages: [scan], metadata: { title: 'CCCD', digitizedAt: new Date() } }))),
      null,
    );
    await handlers['signer.unlock']({ p12Path: pki.signerP12, password: pki.password });
    await handlers['dossier.finalize']({ dossierId: earlier.id, confirmMissing: true });
    const dossier = await handlers['dossier.create']({
      procedureCode: 'MAU-HT-01',
      applicantName: 'Đỗ Thị Mai',
      applicantCccd: CCCD,
      receivedDate: '2026-11-23',
    });
    dossierId = dossier.id;

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(app.server.appUrl);
    await signIn(page, app);
    await main()
      .getByRole('button', { name: fill(vi['intake.open'], { code: dossier.code }) })
      .click();
    await main()
      .getByRole('heading', { level: 1, name: fill(vi['desk.title'], { code: dossier.code }) })
      .waitFor();
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
    await expect.poll(() => app.engine.store.pages.documentsOf(dossierId).length).toBe(0);
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
