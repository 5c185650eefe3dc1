import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import sharp, { type Sharp } from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi } from '../../src/renderer/src/i18n/vi';
import { startAppServer, type AppServer } from '../e2e-support/app-server';
import { createBirthRegistration } from '../e2e-support/sample-dossier';
import { corpusDir, corpusPage, recordPageFromCorpus } from '../record/support/corpus-pages';
import { pdfsig, pdftotext, run, withPdfFile } from '../record/support/pdf-tools';
import { createTestPki, type TestPki } from '../record/support/test-pki';
import { screenshotDir } from '../e2e-support/screenshots';
import { fill } from '../e2e-support/fill';
import { addReadDocument } from '../e2e-support/read-document';
import { openAppPage } from '../e2e-support/app-page';
import { openDossierAtDesk, unlockFileSigner } from '../e2e-support/desk-steps';

const SHOTS = screenshotDir('desk-receipt-record');
const FORM = 'Tờ khai đăng ký khai sinh';
/** A second document whose record was written with `record.compression` = jpeg: the scan's JPEG as the page. */
const COPY = 'Bản sao giấy tiếp nhận';
/** Two pages of different sizes: the viewer must show each as the signed PDF holds it. */
const PAGES = ['viadm-2833', 'viadm-1bec'];

/** A grey image as one byte a pixel. */
interface Grey {
  width: number;
  height: number;
  data: Uint8Array;
}
const grey = async (image: Sharp, width: number, height: number): Promise<Grey> => ({
  width,
  height,
  data: new Uint8Array(await image.greyscale().resize(width, height, { fit: 'fill' }).raw().toBuffer()),
});

/** The page the viewer shows once drawn: the canvas's pixels, as the clerk sees them. */
async function shownPage(viewer: Locator, n: number): Promise<Grey> {
  await viewer.locator('.record-viewer-page[aria-busy="false"]').waitFor();
  const canvas = viewer.getByRole('img', { name: fill(vi['recordView.pageImage'], { n }) });
  const { width, height, png } = await canvas.evaluate((c: HTMLCanvasElement) => ({
    width: c.width,
    height: c.height,
    png: c.toDataURL('image/png'),
  }));
  return grey(sharp(Buffer.from(png.split(',')[1]!, 'base64')), width, height);
}

/**
 * What the clerk must see: the page's shape, the scan's ink where the scan has ink and paper where it has
 * none (a viewer that shows an MRC page's background alone shows paper everywhere), and the same picture
 * poppler draws from the signed file.
 */
async function expectSameAsScanAndFile(shown: Grey, id: string, signed: Uint8Array, pageNumber: number): Promise<void> {
  const scan = corpusPage(id);
  expect(shown.width).toBeGreaterThan(1000 * Math.min(1, scan.width_px / scan.height_px));
  expect(shown.width / shown.height).toBeCloseTo(scan.width_px / scan.height_px, 2);
  const source = await grey(sharp(join(corpusDir, scan.file)), shown.width, shown.height);
  let ink = 0;
  let inkShown = 0;
  let paper = 0;
  let paperShown = 0;
  for (let i = 0; i < source.data.length; i++) {
    if (source.data[i]! < 100) {
      ink++;
      if (shown.data[i]! < 150) inkShown++;
    } else if (source.data[i]! > 200) {
      paper++;
      if (shown.data[i]! > 170) paperShown++;
    }
  }
  expect(ink).toBeGreaterThan(source.data.length / 100);
  expect(inkShown / ink).toBeGreaterThan(0.8);
  expect(paperShown / paper).toBeGreaterThan(0.97);
  const poppler = withPdfFile(signed, (p) => {
    execFileSync('pdftoppm', [
      '-r',
      '150',
      '-gray',
      '-f',
      String(pageNumber),
      '-l',
      String(pageNumber),
      '-png',
      '-singlefile',
      p,
      `${p}-page`,
    ]);
    return readFileSync(`${p}-page.png`);
  });
  const drawn = await grey(sharp(poppler), shown.width, shown.height);
  // Renderers place and smooth an edge a pixel apart: each one's ink must have the other's ink within a pixel.
  const inkKept = (from: Grey, to: Grey) => {
    let dark = 0;
    let kept = 0;
    for (let y = 1; y < from.height - 1; y++) {
      for (let x = 1; x < from.width - 1; x++) {
        if (from.data[y * from.width + x]! >= 100) continue;
        dark++;
        let near = 255;
        for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) near = Math.min(near, to.data[(y + dy) * to.width + x + dx]!);
        if (near < 150) kept++;
      }
    }
    return kept / dark;
  };
  expect(inkKept(drawn, shown)).toBeGreaterThan(0.97);
  expect(inkKept(shown, drawn)).toBeGreaterThan(0.97);
}

/** Issue #21 item 13: the receipt printed from the app (what to print, then the print dialog); the signed PDF viewed from the desk. */
describe('the receipt’s print dialog and the signed record’s viewer, in the browser at 1366×768', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let pki: TestPki;
  let dossierCode = '';
  let formDocument = 0;
  let copyDocument = 0;
  let dossierId = 0;
  let pageErrors: string[] = [];
  const main = () => page.getByRole('main');
  const pdfPages = (pdf: Uint8Array) => Number(/Pages:\s+(\d+)/.exec(withPdfFile(pdf, (p) => run('pdfinfo', [p]).stdout))?.[1]);

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    pki = createTestPki();
    app = await startAppServer();
    app.engine.store.settings.set('signing.trust-anchors', JSON.stringify([pki.caCert]));
    const { store, handlers } = app.engine;
    const dossier = await createBirthRegistration(handlers);
    dossierCode = dossier.code;
    dossierId = dossier.id;
    const scans = PAGES.map((id) => recordPageFromCorpus(id));
    formDocument = await addReadDocument(store, dossier.id, FORM, scans);
    copyDocument = await addReadDocument(store, dossier.id, COPY, [scans[0]!], { compression: 'jpeg' });

    ({ browser, page, pageErrors } = await openAppPage(app));
    await openDossierAtDesk(page, dossier.code);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    pki?.cleanup();
  });

  it('opens a print dialog: what to print, a preview, and Print hands the chosen copies to the system’s print dialog', async () => {
    await main().getByRole('button', { name: vi['receipt.make'] }).click();
    const dialog = page.getByRole('dialog', { name: vi['receipt.dialogTitle'] });
    await dialog.getByText('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ').waitFor();
    await dialog.getByText(`Mã hồ sơ: ${dossierCode}`).waitFor();
    await dialog.getByText('Tiếp nhận hồ sơ của: Đỗ Thị Mai').waitFor();
    await page.screenshot({ path: `${SHOTS}/receipt-dialog.png` });

    // The system's print dialog is the edge of the app: the call is counted, what prints is rendered as print media.
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void ((window as unknown as { printed: number }).printed += 1);
    });
    const both = await page.pdf({ format: 'A4' });
    expect(pdfPages(both)).toBe(2);
    const bothText = pdftotext(both);
    expect(bothText).toContain(vi['receipt.copy.citizen']);
    expect(bothText).toContain(vi['receipt.copy.file']);
    expect(bothText.match(/GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ/g)).toHaveLength(2);
    // Nothing of the app's own screen is printed.
    expect(bothText).not.toContain(fill(vi['desk.title'], { code: dossierCode }));
    expect(bothText).not.toContain(vi['receipt.printHint']);

    await dialog.getByLabel(vi['receipt.copy.file']).uncheck();
    await dialog.getByRole('button', { name: fill(vi['receipt.print'], { count: 1 }) }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    const one = await page.pdf({ format: 'A4' });
    expect(pdfPages(one)).toBe(1);
    const text = pdftotext(one);
    expect(text).toContain(vi['receipt.copy.citizen']);
    expect(text).not.toContain(vi['receipt.copy.file']);
    expect(text).toContain(`Mã hồ sơ: ${dossierCode}`);
    expect(text).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ');
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: `${SHOTS}/receipt-print-media.png`, fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    // The PDF stays a download from the same dialog.
    expect(await dialog.getByRole('link', { name: vi['receipt.open'] }).getAttribute('href')).toMatch(/^blob:/);
    await dialog.getByRole('button', { name: vi['receipt.close'] }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('before signing, the record says it is not signed with no version number, and the card’s buttons keep to one line at 1366', async () => {
    const card = main().locator(`.document-card[data-document-id="${formDocument}"]`);
    await card.locator('.badge').filter({ hasText: vi['badge.unsigned'] }).waitFor();
    expect(await card.locator('.document-meta').textContent()).not.toMatch(/phiên bản/);
    const lines = await card.locator('.document-head button').evaluateAll((buttons) =>
      buttons.map((b) => {
        const range = document.createRange();
        range.selectNodeContents(b);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      }),
    );
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.every((n) => n === 1)).toBe(true);
  });

  it('once signed, shows the record as the signed PDF holds it, page by page, and gives the file itself', { timeout: 90_000 }, async () => {
    await unlockFileSigner(main(), pki);
    await page.keyboard.press('Control+Shift+F');
    await main().getByRole('alertdialog').getByRole('button', { name: vi['finalize.confirmMissing'] }).click();
    await main()
      .getByText(fill(vi['finalize.done'], { count: 2 }))
      .waitFor();

    const card = main().locator(`.document-card[data-document-id="${formDocument}"]`);
    await card.getByRole('button', { name: vi['recordView.open'] }).click();
    const viewer = page.getByRole('dialog', { name: new RegExp(`^${FORM} — `) });
    await viewer.getByText(fill(vi['recordView.pageOf'], { n: 1, count: 2 })).waitFor();
    // The first signing reads as the signed record, not as "version 2" (the unsigned one before it is no signing).
    expect((await viewer.locator('#record-viewer-title').textContent())?.trim()).toBe(fill(vi['recordView.title'], { title: FORM }));
    await viewer.locator('.badge--valid').waitFor();
    const first = await shownPage(viewer, 1);
    await page.screenshot({ path: `${SHOTS}/record-viewer.png` });
    const record = app.engine.store.records.get(
      app.engine.store.db.prepare('SELECT id FROM record WHERE document_id = ? AND signed = 1').pluck().get(formDocument) as number,
    )!;
    const signed = app.engine.store.blobs.get(record.pdfSha256);
    // The record is mixed raster content: the page's image in the PDF is a background with the ink taken out.
    expect(withPdfFile(signed, (p) => run('pdfimages', ['-list', '-f', '1', '-l', '1', p]).stdout)).toMatch(/ccitt/);
    await expectSameAsScanAndFile(first, PAGES[0]!, signed, 1);

    await viewer.getByRole('button', { name: new RegExp(vi['recordView.next']) }).click();
    await viewer.getByText(fill(vi['recordView.pageOf'], { n: 2, count: 2 })).waitFor();
    await expectSameAsScanAndFile(await shownPage(viewer, 2), PAGES[1]!, signed, 2);
    await page.screenshot({ path: `${SHOTS}/record-viewer-page2.png` });
    expect(await viewer.getByRole('button', { name: new RegExp(vi['recordView.next']) }).isDisabled()).toBe(true);

    await viewer.getByRole('button', { name: vi['recordView.getFile'] }).click();
    const link = viewer.getByRole('link', { name: vi['recordView.download'] });
    const href = (await link.getAttribute('href'))!;
    expect(href).toMatch(/^blob:/);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${dossierCode}-\\d+-v\\d+\\.pdf$`));
    const bytes = readFileSync((await download.path())!);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(record.pdfSha256);
    expect(pdfsig(bytes, pki.caCert).validity).toEqual(['Signature is Valid.']);
    expect(
      app.engine.store.db
        .prepare(`SELECT action, actor FROM audit_event WHERE action IN ('record.view', 'record.export') ORDER BY seq`)
        .all(),
    ).toEqual([
      { action: 'record.view', actor: 'clerk' },
      { action: 'record.export', actor: 'clerk' },
    ]);
    await viewer.getByRole('button', { name: vi['recordView.close'] }).click();
    await viewer.waitFor({ state: 'detached' });

    // A record written as the scan's JPEG shows the same way.
    await main().locator(`.document-card[data-document-id="${copyDocument}"]`).getByRole('button', { name: vi['recordView.open'] }).click();
    const copyViewer = page.getByRole('dialog', { name: new RegExp(`^${COPY} — `) });
    await copyViewer.getByText(fill(vi['recordView.pageOf'], { n: 1, count: 1 })).waitFor();
    const copyRecord = app.engine.store.records.latest(copyDocument)!;
    expect(copyRecord.signed).toBe(true);
    const copySigned = app.engine.store.blobs.get(copyRecord.pdfSha256);
    expect(withPdfFile(copySigned, (p) => run('pdfimages', ['-list', p]).stdout)).not.toMatch(/ccitt/);
    await expectSameAsScanAndFile(await shownPage(copyViewer, 1), PAGES[0]!, copySigned, 1);
    await copyViewer.getByRole('button', { name: vi['recordView.close'] }).click();
    await copyViewer.waitFor({ state: 'detached' });
    expect(pageErrors).toEqual([]);
  });
  it('a signed record whose file cannot be drawn says so in the clerk’s language, and the viewer still closes', async () => {
    const { store } = app.engine;
    const broken = store.documents.create(dossierId, 'Tệp hỏng', null);
    store.records.addVersion(broken, store.blobs.put(Buffer.from('%PDF-1.7\nnot a PDF after all\n')), {
      signer: pki.signerCommonName,
      signedAt: new Date().toISOString(),
    });
    await page.reload();
    await main()
      .getByRole('heading', { level: 1, name: fill(vi['desk.title'], { code: dossierCode }) })
      .waitFor();
    await main().locator(`.document-card[data-document-id="${broken}"]`).getByRole('button', { name: vi['recordView.open'] }).click();
    const viewer = page.getByRole('dialog', { name: /^Tệp hỏng — / });
    await viewer.getByText(vi['error.record.damaged']).waitFor();
    expect(await viewer.getByText(fill(vi['recordView.pageOf'], { n: 1, count: 1 })).count()).toBe(0);
    await viewer.getByRole('button', { name: vi['recordView.close'] }).click();
    await viewer.waitFor({ state: 'detached' });
    expect(pageErrors).toEqual([]);
  });
});
