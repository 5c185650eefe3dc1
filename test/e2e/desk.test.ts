import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi } from '../../src/renderer/src/i18n/vi';
import { PAGE_PREVIEW_WIDTH } from '../../src/shared/page-preview';
import { startAppServer, type AppServer } from '../e2e-support/app-server';
import { corpusPage, failingCccd } from '../e2e-support/desk-fixtures';
import { REPO } from '../e2e-support/renderer-build';
import { tempDir } from '../support/temp-dir';
import { makeSaneTestConfig } from '../capture/sane-test-scanner';
import { pdfsig } from '../record/support/pdf-tools';
import { createTestPki, type TestPki } from '../record/support/test-pki';
import { fill } from '../e2e-support/fill';
import { openAppPage } from '../e2e-support/app-page';
import { chooseTestScanner, scanPages, takeInDossier } from '../e2e-support/desk-steps';

const SHOTS = `${REPO}test-output/e2e`;
const first = corpusPage('viadm-18d1');
const second = corpusPage('viadm-c0af');
const applicant = { name: first.fields.names[0]!, cccd: first.fields.cccd![0]! };
const ADF_PAGES = 2;

describe('the clerk’s desk in the browser', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let pki: TestPki;
  let sane: Awaited<ReturnType<typeof makeSaneTestConfig>>;
  let pageErrors: string[] = [];
  let firstDossierId = 0;
  const scratch = tempDir('sohoa-desk-ui-');

  const main = () => page.getByRole('main');
  const shot = (name: string) => page.screenshot({ path: `${SHOTS}/desk-${name}.png`, fullPage: true });
  const docCard = (n: number) =>
    main()
      .locator('.document-card')
      .nth(n - 1);
  const thumbs = (n: number) => docCard(n).locator('.page-thumb');
  const fieldRow = (name: string) => main().locator(`.field-row[data-field="${name}"]`);

  /** Takes a dossier in for the applicant with the intake form; answers its id. */
  async function takeIn(procedure: string): Promise<number> {
    const code = await takeInDossier(page, { procedure, ...applicant });
    const newest = (await app.engine.handlers['dossier.list']({ limit: 1, offset: 0 })).items[0]!;
    expect(newest.code).toBe(code);
    return newest.id;
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    pki = createTestPki();
    sane = await makeSaneTestConfig();
    app = await startAppServer({ pipeline: true });
    app.engine.store.settings.set(
      'scanner.drivers',
      JSON.stringify({ sane: { env: sane.env, extraScanArgs: ['--test-picture', 'Grid'] } }),
    );
    app.engine.store.settings.set('signing.trust-anchors', JSON.stringify([pki.caCert]));
    ({ browser, page, pageErrors } = await openAppPage(app, { viewport: { width: 1500, height: 1000 }, timeout: 15_000 }));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await sane?.cleanup();
    pki?.cleanup();
    scratch.remove();
  });

  it('opens a new dossier at the desk with the procedure’s checklist', async () => {
    firstDossierId = await takeIn('khai sinh');
    const procedure = (await app.engine.handlers['procedure.list']({ query: 'khai sinh' }))[0]!;
    const items = main().locator('.checklist-item .checklist-name');
    expect(await items.allTextContents()).toEqual(procedure.components);
    await main().getByText(vi['desk.noDocuments']).waitFor();
    await main().getByRole('button', { name: vi['receipt.make'] }).click();
    const receipt = main().getByRole('link', { name: vi['receipt.open'] });
    expect(await receipt.getAttribute('href')).toMatch(/^blob:/);
    // The receipt opens in its print dialog: closed, the desk is back.
    await page.getByRole('dialog', { name: vi['receipt.dialogTitle'] }).getByRole('button', { name: vi['receipt.close'] }).click();
    await shot('open');
  });

  it('imports corpus pages into the first component and shows them read', { timeout: 180_000 }, async () => {
    const component = (await main().locator('.checklist-item .checklist-name').first().textContent())!;
    await main()
      .getByRole('button', { name: fill(vi['desk.checklistAdd'], { component }) })
      .click();
    await docCard(1).waitFor();
    await main().getByLabel(vi['import.paths']).fill(`${first.path}\n${second.path}`);
    await main().getByRole('button', { name: vi['import.submit'] }).click();
    await main()
      .getByText(fill(vi['import.done'], { added: 2 }))
      .waitFor();
    await expect.poll(() => thumbs(1).count()).toBe(2);
    await shot('importing');
    await expect.poll(() => docCard(1).locator('.page-state--read').count(), { timeout: 150_000, interval: 1000 }).toBe(2);
    await docCard(1)
      .locator('.badge')
      .filter({ hasText: fill(vi['badge.unsigned'], { version: 1 }) })
      .waitFor();
    expect(await main().locator('.checklist-item--done').count()).toBe(1);
    await shot('read');
  });

  it('shows a page with its OCR words and where a field was read', async () => {
    await main()
      .getByRole('button', { name: fill(vi['page.view'], { n: 1 }) })
      .first()
      .click();
    const viewed = main().getByRole('img', { name: fill(vi['viewer.image'], { n: 1 }) });
    await viewed.waitFor();
    // The thumbnail stands in at once; the screen-size preview takes its place, and zoomed in (75 %) the cleaned page itself.
    const shown = () =>
      viewed.evaluate((img) => [
        (img as HTMLImageElement).dataset.quality,
        (img as HTMLImageElement).complete ? (img as HTMLImageElement).naturalWidth : 0,
      ]);
    await expect.poll(shown).toEqual(['preview', PAGE_PREVIEW_WIDTH]);
    // The viewer opens fitted to its width; zoom in step by step to 75 %, then out again to 25 %.
    const zoomTo = async (button: 'viewer.zoomIn' | 'viewer.zoomOut', value: number) => {
      const label = main().getByText(fill(vi['viewer.zoom'], { value }));
      for (let i = 0; i < 8 && (await label.count()) === 0; i++) await main().getByRole('button', { name: vi[button] }).click();
    };
    await zoomTo('viewer.zoomIn', 75);
    await main()
      .getByText(fill(vi['viewer.zoom'], { value: 75 }))
      .waitFor();
    const pageWidth = app.engine.store.pages.get(Number(await thumbs(1).first().getAttribute('data-page-id')))!.width;
    await expect.poll(shown).toEqual(['full', pageWidth]);
    await zoomTo('viewer.zoomOut', 25);
    await expect.poll(shown).toEqual(['preview', PAGE_PREVIEW_WIDTH]);
    await main().getByLabel(vi['viewer.words']).check();
    await expect.poll(() => main().locator('.ocr-word').count()).toBeGreaterThan(50);
    await fieldRow('cccd')
      .getByRole('button', { name: fill(vi['fields.show'], { field: vi['fields.name.cccd'] }) })
      .click();
    await main().locator('.field-highlight').waitFor();
    await shot('viewer');
    await page.keyboard.press('j');
    await expect
      .poll(() => main().locator('.page-thumb--selected').getAttribute('data-page-id'))
      .toBe(String(await thumbs(1).nth(1).getAttribute('data-page-id')));
  });

  it('refuses a CCCD that fails its checks and an empty field, then keeps the clerk’s correction', async () => {
    const row = fieldRow('cccd');
    await row.getByRole('button', { name: `${vi['fields.edit']} ${vi['fields.name.cccd']}` }).click();
    await row.getByLabel(vi['fields.name.cccd']).fill(failingCccd(applicant.cccd));
    await row.getByRole('button', { name: vi['fields.save'] }).click();
    await row.getByText(vi['problem.cccd.invalid']).waitFor();
    await shot('field-invalid');
    await row.getByLabel(vi['fields.name.cccd']).fill('');
    await row.getByRole('button', { name: vi['fields.save'] }).click();
    await row.getByText(vi['problem.required']).waitFor();
    await row.getByRole('button', { name: vi['fields.cancel'] }).click();

    const name = first.fields.names[1]!;
    const nameRow = fieldRow('name');
    await nameRow.getByRole('button', { name: `${vi['fields.edit']} ${vi['fields.name.name']}` }).click();
    await nameRow.getByLabel(vi['fields.name.name']).fill(name);
    await nameRow.getByRole('button', { name: vi['fields.save'] }).click();
    await nameRow.locator('.value').filter({ hasText: name }).waitFor();
    await nameRow.getByText(vi['fields.corrected'].split('(')[0]!.trim()).waitFor();
    const documentId = Number(await docCard(1).getAttribute('data-document-id'));
    const fields = await app.engine.handlers['document.fields']({ documentId });
    expect(fields.find((f) => f.name === 'name')).toMatchObject({ value: name, corrected: true });
    await shot('field-corrected');
  });

  it('asks for the certificate password once, signs, and shows a valid badge', { timeout: 120_000 }, async () => {
    await main().getByLabel(vi['finalize.p12']).setInputFiles(pki.signerP12);
    await main().getByLabel(vi['finalize.password']).fill('sai mật khẩu');
    await main().getByRole('button', { name: vi['finalize.unlock'] }).click();
    await main().getByText(vi['error.signer.bad-password']).waitFor();
    await main().getByLabel(vi['finalize.password']).fill(pki.password);
    await main().getByRole('button', { name: vi['finalize.unlock'] }).click();
    await main()
      .getByText(fill(vi['finalize.unlocked'], { subject: pki.signerCommonName }))
      .waitFor();

    await page.keyboard.press('Control+Shift+F');
    // The procedure's other components have no document: the desk lists them and the clerk signs anyway.
    await main().getByRole('alertdialog').getByRole('button', { name: vi['finalize.confirmMissing'] }).click();
    await main()
      .getByText(fill(vi['finalize.done'], { count: 1 }))
      .waitFor();
    await docCard(1)
      .getByText(fill(vi['badge.valid'], { signer: pki.signerCommonName }))
      .waitFor();
    await main().locator('.desk-summary').getByText(vi['status.finalized']).waitFor();
    await shot('finalized');

    const view = await app.engine.handlers['dossier.desk']({ id: firstDossierId });
    const record = view.documents[0]!.record!;
    expect(record.signed).toBe(true);
    expect((await app.engine.handlers['record.verify']({ recordId: record.id })).intact).toBe(true);
    expect(pdfsig(app.engine.store.blobs.get(record.pdfSha256)).validity).toEqual(['Signature is Valid.']);
  });

  it('brings the clerk back to the same dossier with its pages after a reload', async () => {
    await page.reload();
    const code = (await app.engine.handlers['dossier.get']({ id: firstDossierId })).code;
    await main()
      .getByRole('heading', { level: 1, name: fill(vi['desk.title'], { code }) })
      .waitFor();
    await expect.poll(() => thumbs(1).count()).toBe(2);
    await main()
      .getByText(fill(vi['finalize.unlocked'], { subject: pki.signerCommonName }))
      .waitFor();
  });

  it('offers the signed document to the next dossier of the same person', async () => {
    await main().getByRole('button', { name: vi['desk.back'], exact: false }).click();
    await takeIn('ket hon');
    const offers = main().locator('.reuse-offers');
    await offers.getByRole('heading', { name: vi['reuse.title'] }).waitFor();
    await shot('reuse-offer');
    await offers.getByRole('button', { name: vi['reuse.use'] }).click();
    await docCard(1).getByText(vi['desk.reusedBadge']).waitFor();
    await main().getByText(vi['desk.reusesData']).waitFor();
    await docCard(1)
      .getByText(fill(vi['badge.valid'], { signer: pki.signerCommonName }))
      .waitFor();
    expect(await offers.count()).toBe(0);
    await shot('reused');
  });

  it('scans from the SANE test scanner: one flatbed page, then the feeder', { timeout: 120_000 }, async () => {
    await main().getByRole('button', { name: vi['desk.addDocument'] }).click();
    await docCard(2).waitFor();
    await docCard(2).getByRole('button', { name: vi['desk.selected'] }).waitFor();
    await chooseTestScanner(page);
    await scanPages(page, 1);
    await expect.poll(() => thumbs(2).count()).toBe(1);

    // The feeder is limited to a few sheets, and gives the same picture every time: the engine keeps one copy of identical pages.
    app.engine.store.settings.set(
      'scanner.drivers',
      JSON.stringify({ sane: { env: sane.env, extraScanArgs: ['--test-picture', 'Color pattern', `--batch-count=${ADF_PAGES}`] } }),
    );
    await main().getByRole('combobox', { name: vi['scan.source'], exact: true }).selectOption('adf');
    await page.keyboard.press('Control+Enter');
    await main()
      .getByText(fill(vi['scan.done'], { count: ADF_PAGES }))
      .waitFor();
    await main()
      .getByText(fill(vi['scan.duplicates'], { count: ADF_PAGES - 1 }))
      .waitFor();
    await expect.poll(() => thumbs(2).count()).toBe(2);
    await shot('scanned');
  });

  it('names a file that is not an image, and keeps going', async () => {
    const garbage = join(scratch.path, 'trang-hong.jpg');
    writeFileSync(garbage, 'đây không phải là ảnh');
    const before = await thumbs(2).count();
    await main().getByLabel(vi['import.paths']).fill(garbage);
    await main().getByRole('button', { name: vi['import.submit'] }).click();
    await main()
      .getByText(fill(vi['import.errors'], { count: 1 }))
      .waitFor();
    await main()
      .locator('.import-failures li')
      .filter({ hasText: `${garbage}: ${vi['error.import.unsupported-format']}` })
      .waitFor();
    expect(await thumbs(2).count()).toBe(before);
  });

  it('shows why a page could not be read, and removes it on request', async () => {
    // A frame that reached the engine damaged (the camera path takes bytes as they come).
    const documentId = Number(await docCard(2).getAttribute('data-document-id'));
    const added = await app.engine.handlers['page.addImage']({
      documentId,
      imageBase64: Buffer.from('không phải ảnh JPEG').toString('base64'),
      source: 'camera',
    });
    expect(added.added).toHaveLength(1);
    const failed = thumbs(2).filter({ has: page.locator('.page-error') });
    await failed.waitFor({ timeout: 60_000 });
    const hint = (await failed.locator('.page-error').textContent())!;
    expect(hint.startsWith(vi['page.failedHint'].split('{reason}')[0]!)).toBe(true);
    expect(hint).not.toContain('{reason}');
    await shot('page-failed');
    const before = await thumbs(2).count();
    await failed.getByRole('button', { name: fill(vi['page.delete'], { n: before }) }).click();
    await failed.getByRole('alertdialog').getByRole('button', { name: vi['page.deleteYes'] }).click();
    await expect.poll(() => thumbs(2).count()).toBe(before - 1);
    expect(await thumbs(2).locator('.page-error').count()).toBe(0);
  });

  it('ran without script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
