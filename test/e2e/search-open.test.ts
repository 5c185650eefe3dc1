import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi } from '../../src/renderer/src/i18n/vi';
import { startAppServer, type AppServer } from '../e2e-support/app-server';
import { corpusPage } from '../e2e-support/desk-fixtures';
import { screenshotDir } from '../e2e-support/screenshots';
import { fill } from '../e2e-support/fill';
import { openAppPage } from '../e2e-support/app-page';

const SHOTS = screenshotDir('search-open');
const scanned = corpusPage('viadm-18d1');

describe('search results open their dossier at the page; a CCCD is found from its first 7 digits', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[] = [];
  const ours = { code: '', id: 0, documentId: 0, pageId: 0 };
  let otherCode = '';
  let word = '';

  const main = () => page.getByRole('main');
  const search = async (text: string) => {
    await main().getByLabel(vi['search.label'], { exact: true }).fill(text);
    await main().getByRole('button', { name: vi['search.submit'], exact: true }).click();
    await main().getByRole('heading', { name: vi['search.results'] }).waitFor();
  };
  const hitCodes = async () => (await main().locator('.hit .code').allTextContents()).map((s) => s.trim());

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await startAppServer({ pipeline: true });
    const h = app.engine.handlers;
    const procedure = (await h['procedure.list']({ query: 'khai sinh' }))[0]!;
    const dossier = await h['dossier.create']({
      procedureCode: procedure.code,
      applicantName: 'Phạm Minh Châu',
      applicantCccd: '074190000123',
      receivedDate: '2026-11-23',
    });
    Object.assign(ours, { code: dossier.code, id: dossier.id });
    otherCode = (
      await h['dossier.create']({
        procedureCode: procedure.code,
        applicantName: 'Trần Thị Bích',
        applicantCccd: '079190012345',
        receivedDate: '2026-11-23',
      })
    ).code;
    await h['document.create']({ dossierId: dossier.id, component: procedure.components[0] });
    ours.documentId = (await h['document.create']({ dossierId: dossier.id, component: procedure.components[1] })).id;
    ours.pageId = (await h['document.importFiles']({ documentId: ours.documentId, paths: [scanned.path] })).added[0]!;
    await app.engine.idle();
    expect((await h['document.list']({ dossierId: dossier.id }))[1]!.pages[0]!.state).toBe('read');
    // A long word the OCR read on that page, and on no other.
    const words = (await h['page.text']({ pageId: ours.pageId })).text!.text.split(/\s+/);
    word = words.find((w) => /^\p{L}{7,}$/u.test(w))!;
    expect(word).toBeTruthy();
    ({ browser, page, pageErrors } = await openAppPage(app, { timeout: 15_000 }));
    await page.getByRole('navigation').getByRole('button', { name: vi['nav.search'] }).click();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('opens the dossier of a text hit at the desk, with the document and page it was found on', async () => {
    await search(word);
    const open = main().getByRole('button', { name: fill(vi['search.openAtPage'], { code: ours.code }) });
    await open.first().waitFor();
    await page.screenshot({ path: `${SHOTS}/search-hits.png` });
    await open.first().click();
    await main()
      .getByRole('heading', { level: 1, name: fill(vi['desk.title'], { code: ours.code }) })
      .waitFor();
    await main()
      .locator('.document-card--selected')
      .and(main().locator(`[data-document-id="${ours.documentId}"]`))
      .waitFor();
    await main().locator(`.page-thumb--selected[data-page-id="${ours.pageId}"]`).waitFor();
    await main()
      .getByRole('img', { name: fill(vi['viewer.image'], { n: 1 }) })
      .waitFor();
    await page.screenshot({ path: `${SHOTS}/search-opened-desk.png` });
    await main().getByRole('button', { name: vi['desk.back'] }).click();
    await main().getByLabel(vi['search.label'], { exact: true }).waitFor();
  });

  it('finds a dossier from the first 7 digits of its CCCD, and not the others', async () => {
    await search('0741900');
    await expect.poll(hitCodes).toContain(fill(vi['search.openDossier'], { code: ours.code }));
    expect((await hitCodes()).some((c) => c.includes(otherCode))).toBe(false);
    await search('07419');
    await main()
      .getByText(fill(vi['search.none'], { query: '07419' }))
      .waitFor();
  });

  it('ran without script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
