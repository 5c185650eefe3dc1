import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeInBatch } from '../../src/core/archive/batch-intake';
import { vi } from '../../src/renderer/src/i18n/vi';
import { writeTree } from '../archive/batch-tree';
import { makeSaneTestConfig } from '../capture/sane-test-scanner';
import { openAppPage } from '../e2e-support/app-page';
import { startAppServer, type AppServer } from '../e2e-support/app-server';
import { corpusPage } from '../e2e-support/desk-fixtures';
import { chooseTestScanner, fillIntakeForm, scanPages, submitIntake, unlockFileSigner } from '../e2e-support/desk-steps';
import { fill } from '../e2e-support/fill';
import { screenshotDir } from '../e2e-support/screenshots';
import { signIn } from '../e2e-support/sign-in';
import { createTestPki, type TestPki } from '../record/support/test-pki';
import { tempDir } from '../support/temp-dir';

const SHOTS = screenshotDir('desk-walk');
const birth = corpusPage('viadm-2833');
const form = corpusPage('viadm-4448');
const result = corpusPage('viadm-82f0');

/**
 * Issue #21, walked again as its users meet it, at 1366×768: a clerk takes a dossier in, imports and
 * scans its pages, turns, moves and deletes one, corrects a field, signs with the missing components
 * confirmed, prints the receipt and hands the result back; an archivist approves a batch at QC and
 * signs it in bulk; the supervisor looks at the dashboard. Each step leaves a screenshot.
 */
describe('the desk and the QC station walked end to end at 1366×768', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[] = [];
  let pki: TestPki;
  let sane: Awaited<ReturnType<typeof makeSaneTestConfig>>;
  let code = '';
  let batchId = 0;
  const files = tempDir('sohoa-desk-walk-');
  const main = () => page.getByRole('main');
  const shot = (name: string) => page.screenshot({ path: `${SHOTS}/${name}.png` });
  const docCard = (n: number) =>
    main()
      .locator('.document-card')
      .nth(n - 1);
  const thumbs = (n: number) => docCard(n).locator('.page-thumb');
  const dossierId = async () => (await app.engine.handlers['dossier.list']({ kind: 'intake', limit: 1, offset: 0 })).items[0]!.id;
  const noJobs = () => {
    const { queued, leased } = app.engine.store.jobs.countsByState();
    return queued + leased === 0;
  };

  beforeAll(async () => {
    pki = createTestPki();
    sane = await makeSaneTestConfig();
    app = await startAppServer({ pipeline: true });
    app.engine.store.settings.set(
      'scanner.drivers',
      JSON.stringify({ sane: { env: sane.env, extraScanArgs: ['--test-picture', 'Grid'] } }),
    );
    const tree = join(files.path, 'kho-2020');
    writeTree(tree, [{ relPath: 'HS 1', pages: ['viadm-eb2a.png'] }]);
    const registerPath = join(files.path, 'so-theo-doi.csv');
    writeFileSync(registerPath, ['Hồ sơ số,Tiêu đề,Năm,Số trang', '1,Khai sinh,2020,1'].join('\n'));
    batchId = (await takeInBatch(app.engine, { folder: tree, registerPath, actor: 'archivist' })).batch.id;
    ({ browser, page, pageErrors } = await openAppPage(app, { timeout: 30_000 }));
    page.on('dialog', (d) => void d.accept());
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await sane?.cleanup();
    pki?.cleanup();
    files.remove();
  });

  it('takes a dossier in and opens its desk', async () => {
    await fillIntakeForm(page, { procedure: 'khai sinh', name: 'Đỗ Thị Mai', cccd: '074190000123' });
    await shot('01-intake-form');
    code = await submitIntake(page);
    const intake = await app.engine.handlers['dossier.list']({ kind: 'intake', limit: 1, offset: 0 });
    expect([intake.total, intake.items[0]!.code]).toEqual([1, code]);
    await shot('02-desk-opened');
  });

  it('imports two corpus pages with the file picker and scans one from the SANE test scanner', { timeout: 300_000 }, async () => {
    const component = (await main().locator('.checklist-item .checklist-name').first().textContent())!;
    await main()
      .getByRole('button', { name: fill(vi['desk.checklistAdd'], { component }) })
      .click();
    await docCard(1).waitFor();
    const chooser = page.waitForEvent('filechooser');
    await main().getByRole('button', { name: vi['import.pick'] }).click();
    await (await chooser).setFiles([birth.path, form.path]);
    await main()
      .locator('.notice--success')
      .filter({ hasText: fill(vi['import.done'], { added: 2 }) })
      .waitFor();
    await chooseTestScanner(page);
    await scanPages(page, 1);
    await expect.poll(() => thumbs(1).count()).toBe(3);
    await shot('03-imported-and-scanned');
    await expect.poll(() => docCard(1).locator('.page-state--read').count(), { timeout: 280_000, interval: 1000 }).toBe(3);
    await docCard(1).scrollIntoViewIfNeeded();
    await shot('04-pages-read');
  });

  it('turns a page, moves it, and deletes the scanned one after confirming', { timeout: 300_000 }, async () => {
    const order = async () => (await app.engine.handlers['dossier.desk']({ id: await dossierId() })).documents[0]!.pages.map((p) => p.id);
    const [first, second, scanned] = await order();
    await thumbs(1)
      .nth(0)
      .getByRole('button', { name: fill(vi['page.rotate'], { n: 1 }) })
      .click();
    await expect
      .poll(async () => (await app.engine.handlers['dossier.desk']({ id: await dossierId() })).documents[0]!.pages[0]!.rotation, {
        timeout: 60_000,
      })
      .not.toBe(0);
    await thumbs(1)
      .nth(0)
      .getByRole('button', { name: fill(vi['page.moveDown'], { n: 1 }) })
      .click();
    await expect.poll(order, { timeout: 30_000 }).toEqual([second, first, scanned]);
    // The turned page is landscape now: its buttons keep the size of its neighbour's, not stretched to the row's height.
    const buttonHeight = (n: number) =>
      thumbs(1)
        .nth(n)
        .getByRole('button', { name: fill(vi['page.rotate'], { n: n + 1 }) })
        .evaluate((b) => b.getBoundingClientRect().height);
    expect(Math.abs((await buttonHeight(1)) - (await buttonHeight(0)))).toBeLessThan(2);
    await thumbs(1)
      .nth(2)
      .getByRole('button', { name: fill(vi['page.delete'], { n: 3 }) })
      .click();
    // The question comes into view (it shows under the page, below the window's edge at 768 px), "Giữ lại" focused.
    const question = thumbs(1).nth(2).getByRole('alertdialog');
    await question.waitFor();
    await shot('05-delete-confirm');
    await expect
      .poll(async () => {
        const box = await question.boundingBox();
        return box !== null && box.y >= 0 && box.y + box.height <= 768.5;
      })
      .toBe(true);
    expect(await question.getByRole('button', { name: vi['page.deleteNo'] }).evaluate((b) => b === document.activeElement)).toBe(true);
    await question.getByRole('button', { name: vi['page.deleteYes'], exact: true }).click();
    await expect.poll(order, { timeout: 30_000 }).toEqual([second, first]);
    await expect.poll(() => thumbs(1).count()).toBe(2);
    await expect.poll(() => docCard(1).locator('.page-state--read').count(), { timeout: 280_000, interval: 1000 }).toBe(2);
    await shot('06-arranged');
  });

  it('corrects a field the OCR read', async () => {
    const nameRow = main().locator('.field-row[data-field="name"]');
    await nameRow.scrollIntoViewIfNeeded();
    await shot('07-fields');
    await nameRow.getByRole('button', { name: `${vi['fields.edit']} ${vi['fields.name.name']}` }).click();
    await nameRow.getByLabel(vi['fields.name.name']).fill('Đỗ Thị Mai');
    await nameRow.getByRole('button', { name: vi['fields.save'] }).click();
    await nameRow.locator('.value').filter({ hasText: 'Đỗ Thị Mai' }).waitFor();
    await shot('08-field-corrected');
  });

  it('signs after confirming the missing components, then prints the receipt', { timeout: 300_000 }, async () => {
    await expect.poll(noJobs, { timeout: 200_000, interval: 1000 }).toBe(true);
    await unlockFileSigner(main(), pki);
    await main().getByRole('button', { name: vi['finalize.submit'] }).click();
    const confirm = main().locator('.missing-components[role="alertdialog"]');
    await confirm.waitFor();
    await shot('09-missing-components');
    await confirm.getByRole('button', { name: vi['finalize.confirmMissing'] }).click();
    await main()
      .getByText(fill(vi['finalize.done'], { count: 1 }))
      .waitFor({ timeout: 120_000 });
    await shot('10-finalized');
    await main().getByRole('button', { name: vi['receipt.make'] }).click();
    const dialog = page.getByRole('dialog', { name: vi['receipt.dialogTitle'] });
    await dialog.waitFor();
    await shot('11-receipt');
    await dialog.getByRole('button', { name: vi['receipt.close'] }).click();
  });

  it('adds the result, signs it and hands it back', { timeout: 300_000 }, async () => {
    const panel = main().getByRole('region', { name: vi['result.title'] });
    await panel.scrollIntoViewIfNeeded();
    await panel.getByLabel(vi['result.kind']).selectOption('quyet-dinh');
    await panel.getByLabel(vi['result.number']).fill('88/QĐ-UBND');
    await panel.getByRole('button', { name: vi['result.add'] }).click();
    const resultCard = main().locator('.document-card').nth(1);
    await resultCard.waitFor();
    await main().getByLabel(vi['import.paths']).fill(result.path);
    await main().getByRole('button', { name: vi['import.submit'] }).click();
    await expect.poll(() => resultCard.locator('.page-state--read').count(), { timeout: 280_000, interval: 1000 }).toBe(1);
    await expect.poll(noJobs, { timeout: 100_000, interval: 1000 }).toBe(true);
    await panel.getByRole('button', { name: vi['result.sign'] }).click();
    await panel.getByText(vi['result.signed'], { exact: false }).first().waitFor({ timeout: 60_000 });
    const handBack = panel.locator('.hand-back-form');
    await handBack.scrollIntoViewIfNeeded();
    await shot('12-hand-back-form');
    await handBack.getByLabel(vi['handBack.receiver'], { exact: true }).fill('Đỗ Thị Mai');
    await handBack.getByRole('button', { name: vi['handBack.submit'] }).click();
    await main().locator('.desk-summary').getByText(vi['status.returned']).waitFor();
    await shot('13-handed-back');
  });

  it('approves the archive batch at QC and signs it in bulk, as the archivist', { timeout: 300_000 }, async () => {
    await page.getByRole('button', { name: vi['auth.signOut'] }).click();
    await signIn(page, app, 'archivist');
    await page.getByRole('navigation').getByRole('button', { name: vi['nav.archive'] }).click();
    const row = main().locator(`tr[data-batch-id="${batchId}"]`);
    await row.getByText(vi['archive.state.done']).waitFor({ timeout: 280_000 });
    await shot('14-batches');
    await row.getByRole('button', { name: new RegExp(`^${vi['archive.open']}`) }).click();
    await main()
      .getByRole('heading', { name: new RegExp(fill(vi['archive.qcTitle'], { id: batchId, name: '' }).slice(0, 8)) })
      .waitFor();
    // Until a dossier is looked at, the wide column says what it is for rather than standing empty.
    await main().getByText(vi['archive.lookHint']).waitFor();
    await shot('15-qc');
    const approveAll = main().getByRole('button', { name: vi['archive.approveClean'] });
    const qc = await app.engine.handlers['batch.qc']({ batchId });
    for (const d of qc.dossiers.filter((x) => x.reasons.length > 0 || x.flaggedPages.length > 0))
      await main()
        .getByRole('button', { name: `${vi['archive.approve']} — ${d.code}` })
        .click();
    if (await approveAll.isEnabled()) await approveAll.click();
    await expect.poll(async () => (await app.engine.handlers['batch.qc']({ batchId })).dossiers.every((d) => d.approved)).toBe(true);
    // Nothing left to approve: the button looks unusable, not like the one that was just clicked.
    await expect.poll(() => approveAll.isDisabled()).toBe(true);
    expect(await approveAll.evaluate((b) => getComputedStyle(b).cursor)).toBe('not-allowed');
    const bulk = main().locator('.bulk-sign');
    await unlockFileSigner(bulk, pki);
    await bulk.getByRole('button', { name: vi['archive.sign'], exact: true }).click();
    await bulk.getByText(fill(vi['archive.signed'], { count: 1, documents: 1 })).waitFor({ timeout: 120_000 });
    await bulk.scrollIntoViewIfNeeded();
    await shot('16-bulk-signed');
  });

  it('shows the supervisor the dashboard after the walk', async () => {
    await page.getByRole('button', { name: vi['auth.signOut'] }).click();
    await signIn(page, app, 'supervisor');
    await page.getByRole('navigation').getByRole('button', { name: vi['nav.progress'] }).click();
    await main().getByRole('button', { name: vi['progress.refresh'] }).click();
    await main().locator('.figure[data-figure="received"] .figure-value').waitFor();
    await page.screenshot({ path: `${SHOTS}/17-dashboard.png`, fullPage: true });
    // The figures counted from the rows this walk left: the QC approval made above, and the intake pages.
    const db = app.engine.store.db;
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const approved = count(
      `SELECT count(DISTINCT f.dossier_id) AS n FROM archive_folder f JOIN dossier d ON d.id = f.dossier_id WHERE f.approved_at IS NOT NULL AND d.deleted_at IS NULL`,
    );
    const intakePages = count(
      `SELECT count(*) AS n FROM page JOIN document ON document.id = page.document_id JOIN dossier d ON d.id = document.dossier_id WHERE d.kind = 'intake' AND d.deleted_at IS NULL`,
    );
    expect(approved).toBeGreaterThan(0);
    const figure = (name: string) => main().locator(`.figure[data-figure="${name}"] .figure-value`).textContent();
    expect((await figure('qc'))?.trim()).toBe(String(approved));
    expect((await figure('pages'))?.trim()).toBe(String(intakePages));
    const bars = await main().locator('.chart-table tbody td').allTextContents();
    expect(bars.reduce((sum, cell) => sum + Number(cell.replace(/\D/g, '')), 0)).toBe(intakePages);
    expect(pageErrors).toEqual([]);
  });
});
