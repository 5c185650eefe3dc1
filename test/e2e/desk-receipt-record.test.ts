import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRecordPdf } from '../../src/core/record/build-record-pdf';
import { vi } from '../../src/renderer/src/i18n/vi';
import { startAppServer, type AppServer } from '../e2e-support/app-server';
import { launchChromium } from '../e2e-support/browser';
import { signIn } from '../e2e-support/sign-in';
import { corpusPage, recordPageFromCorpus } from '../record/support/corpus-pages';
import { pdfsig, pdftotext, run, withPdfFile } from '../record/support/pdf-tools';
import { createTestPki, type TestPki } from '../record/support/test-pki';

const SHOTS = '/work/shots/D';
const fill = (template: string, params: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));
const FORM = 'Tờ khai đăng ký khai sinh';
/** Two pages of different sizes: the viewer must show each as the signed PDF holds it. */
const PAGES = ['viadm-2833', 'viadm-1bec'];

/** Issue #21 item 13: the receipt printed from the app (what to print, then the print dialog); the signed PDF viewed from the desk. */
describe('the receipt’s print dialog and the signed record’s viewer, in the browser at 1366×768', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let pki: TestPki;
  let dossierCode = '';
  let formDocument = 0;
  const pageErrors: string[] = [];
  const main = () => page.getByRole('main');
  const pdfPages = (pdf: Uint8Array) => Number(/Pages:\s+(\d+)/.exec(withPdfFile(pdf, (p) => run('pdfinfo', [p]).stdout))?.[1]);

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    pki = createTestPki();
    app = await startAppServer();
    app.engine.store.settings.set('signing.trust-anchors', JSON.stringify([pki.caCert]));
    const { store, handlers } = app.engine;
    const dossier = await handlers['dossier.create']({ procedureCode: 'MAU-HT-01', applicantName: 'Đỗ Thị Mai', applicantCccd: '074190000123', receivedDate: '2026-11-23' });
    dossierCode = dossier.code;
    formDocument = store.pages.createDocument(dossier.id, FORM, null);
    const scans = PAGES.map((id) => recordPageFromCorpus(id));
    for (const scan of scans) store.db.prepare(`UPDATE page SET state = 'read' WHERE id = ?`).run(store.pages.addPage(formDocument, store.blobs.put(scan.image), 'scan').id);
    store.records.addVersion(formDocument, store.blobs.put(Buffer.from(await buildRecordPdf({ pages: scans, metadata: { title: FORM, digitizedAt: new Date() } }))), null);

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(app.server.appUrl);
    await signIn(page, app);
    await main().getByRole('button', { name: fill(vi['intake.open'], { code: dossier.code }) }).click();
    await main().getByRole('heading', { level: 1, name: fill(vi['desk.title'], { code: dossier.code }) }).waitFor();
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
    await main().getByLabel(vi['finalize.p12']).fill(pki.signerP12);
    await main().getByLabel(vi['finalize.password']).fill(pki.password);
    await main().getByRole('button', { name: vi['finalize.unlock'] }).click();
    await main().getByText(fill(vi['finalize.unlocked'], { subject: pki.signerCommonName })).waitFor();
    await page.keyboard.press('Control+Shift+F');
    await main().getByRole('alertdialog').getByRole('button', { name: vi['finalize.confirmMissing'] }).click();
    await main().getByText(fill(vi['finalize.done'], { count: 1 })).waitFor();

    const card = main().locator(`.document-card[data-document-id="${formDocument}"]`);
    await card.getByRole('button', { name: vi['recordView.open'] }).click();
    const viewer = page.getByRole('dialog', { name: new RegExp(`^${FORM} — `) });
    const shown = viewer.getByRole('img', { name: fill(vi['recordView.pageImage'], { n: 1 }) });
    await viewer.getByText(fill(vi['recordView.pageOf'], { n: 1, count: 2 })).waitFor();
    await shown.waitFor();
    const size = () => shown.evaluate((img: HTMLImageElement) => (img.complete ? [img.naturalWidth, img.naturalHeight] : null));
    await expect.poll(size).toEqual([corpusPage(PAGES[0]!).width_px, corpusPage(PAGES[0]!).height_px]);
    await viewer.locator('.badge--valid').waitFor();
    await page.screenshot({ path: `${SHOTS}/record-viewer.png` });

    await viewer.getByRole('button', { name: new RegExp(vi['recordView.next']) }).click();
    await viewer.getByText(fill(vi['recordView.pageOf'], { n: 2, count: 2 })).waitFor();
    const second = viewer.getByRole('img', { name: fill(vi['recordView.pageImage'], { n: 2 }) });
    await expect.poll(() => second.evaluate((img: HTMLImageElement) => (img.complete ? [img.naturalWidth, img.naturalHeight] : null))).toEqual([corpusPage(PAGES[1]!).width_px, corpusPage(PAGES[1]!).height_px]);
    expect(await viewer.getByRole('button', { name: new RegExp(vi['recordView.next']) }).isDisabled()).toBe(true);

    await viewer.getByRole('button', { name: vi['recordView.getFile'] }).click();
    const link = viewer.getByRole('link', { name: vi['recordView.download'] });
    const href = (await link.getAttribute('href'))!;
    expect(href).toMatch(/^blob:/);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${dossierCode}-\\d+-v\\d+\\.pdf$`));
    const bytes = readFileSync((await download.path())!);
    const record = app.engine.store.records.get(app.engine.store.db.prepare('SELECT id FROM record WHERE document_id = ? AND signed = 1').pluck().get(formDocument) as number)!;
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(record.pdfSha256);
    expect(pdfsig(bytes, pki.caCert).validity).toEqual(['Signature is Valid.']);
    expect(app.engine.store.db.prepare(`SELECT action, actor FROM audit_event WHERE action IN ('record.view', 'record.export') ORDER BY seq`).all()).toEqual([
      { action: 'record.view', actor: 'clerk' },
      { action: 'record.export', actor: 'clerk' },
    ]);
    await viewer.getByRole('button', { name: vi['recordView.close'] }).click();
    await viewer.waitFor({ state: 'detached' });
    expect(pageErrors).toEqual([]);
  });
});
