import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeInBatch } from '../../src/core/archive/batch-intake';
import { ArchiveRepository } from '../../src/core/store/archive-repository';
import { vi } from '../../src/renderer/src/i18n/vi';
import { writeTree, CORPUS_IMAGES, type TreeDossier } from '../archive/batch-tree';
import { startAppServer, type AppServer } from '../e2e-support/app-server';
import { launchChromium } from '../e2e-support/browser';
import { REPO } from '../e2e-support/renderer-build';
import { signIn } from '../e2e-support/sign-in';
import { pdfsig } from '../record/support/pdf-tools';
import { createTestPki, type TestPki } from '../record/support/test-pki';
import { tempDir } from '../support/temp-dir';
import { fill } from '../e2e-support/fill';

const SHOTS = `${REPO}test-output/e2e`;

/** Three dossiers of one page; the register says dossier 2 has 2 pages. */
const TREE: TreeDossier[] = [
  { relPath: 'HS 1', pages: ['viadm-eb2a.png'] },
  { relPath: 'HS 2', pages: ['viadm-4448.png'] },
  { relPath: 'HS 3', pages: ['viadm-863d.png'] },
];
const REGISTER = ['Hồ sơ số,Tiêu đề,Năm,Số trang', '1,Khai sinh,2020,1', '2,Kết hôn,2020,2', '3,Chứng thực,2021,1'];

describe('the archive QC station in the browser: resume, QC queue, page replaced, approval, bulk signing with one password', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let pki: TestPki;
  let batchId = 0;
  const files = tempDir('sohoa-archive-qc-');
  const tree = join(files.path, 'kho');
  const registerPath = join(files.path, 'so-theo-doi.csv');
  const newScan = join(files.path, 'quet-lai.png');
  const pageErrors: string[] = [];

  const main = () => page.getByRole('main');
  const row = () => main().locator(`tr[data-batch-id="${batchId}"]`);
  const shot = (name: string) => page.screenshot({ path: `${SHOTS}/archive-qc-${name}.png`, fullPage: true });
  const qc = () => app.engine.handlers['batch.qc']({ batchId });
  const batchName = () => fill(vi['archive.batchName'], { id: batchId, name: 'kho' });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    writeTree(tree, TREE);
    writeFileSync(registerPath, REGISTER.join('\n'));
    copyFileSync(join(CORPUS_IMAGES, 'viadm-80c2.png'), newScan);
    pki = createTestPki();
    app = await startAppServer({ pipeline: true });
    // Taken in paused (as a `sohoa batch` run stopped with --pause leaves it): the app's pipeline holds its jobs.
    const archive = new ArchiveRepository(app.engine.store.db);
    const intake = await takeInBatch(app.engine, {
      folder: tree,
      registerPath,
      actor: 'e2e',
      beforeStart: (id) => archive.setStatus(id, 'paused'),
    });
    batchId = intake.batch.id;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1500, height: 1000 }, locale: 'vi-VN' });
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('dialog', (d) => void d.accept());
    await page.goto(app.server.appUrl);
    await signIn(page, app, 'archivist');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    pki?.cleanup();
    files.remove();
  });

  it('lists the paused batch, and Resume lets the app’s own pipeline work it through', { timeout: 300_000 }, async () => {
    await main().getByRole('heading', { name: vi['archive.title'], level: 1 }).waitFor();
    await row().getByText(vi['archive.state.paused']).waitFor();
    await row()
      .getByText(fill(vi['archive.pages'], { done: 0, total: 3 }))
      .waitFor();
    expect((await app.engine.handlers['batch.list']({}))[0]!.progress.done).toBe(0);
    await shot('paused');
    await row()
      .getByRole('button', { name: `${vi['archive.resume']} — ${batchName()}` })
      .click();
    await row().getByText(vi['archive.state.done']).waitFor({ timeout: 280_000 });
    await row()
      .getByText(fill(vi['archive.pages'], { done: 3, total: 3 }))
      .waitFor();
    expect(await row().locator('progress').getAttribute('value')).toBe('3');
    const audit = app.engine.store.db.prepare(`SELECT actor FROM audit_event WHERE action = 'batch.resume'`).all();
    expect(audit).toEqual([{ actor: 'archivist' }]);
  });

  it(
    'shows the count mismatch in the QC queue with its reason in Vietnamese, and replaces the page from a file in its place',
    { timeout: 240_000 },
    async () => {
      await row()
        .getByRole('button', { name: `${vi['archive.open']} — ${batchName()}` })
        .click();
      await main()
        .getByRole('heading', { name: fill(vi['archive.qcTitle'], { id: batchId, name: 'kho' }) })
        .waitFor();
      const two = (await qc()).dossiers.find((d) => d.archiveNumber === '2')!;
      const item = main().locator(`.qc-dossier[data-dossier-id="${two.dossierId}"]`);
      await item.getByText(vi['archive.reason.count-mismatch']).waitFor();
      await item.getByText(fill(vi['archive.pagesVsExpected'], { pages: 1, expected: 2 })).waitFor();
      const reconciliation = main().locator('.reconciliation');
      expect(
        await reconciliation.locator('dt', { hasText: vi['archive.mismatches'] }).locator('xpath=following-sibling::dd').textContent(),
      ).toBe('1');
      await shot('queue');

      await item.getByRole('button', { name: `${vi['archive.look']} — ${two.code}` }).click();
      const pages = main().locator('.dossier-pages');
      await pages.locator('.page-thumb img').first().waitFor();
      await pages.getByRole('img', { name: fill(vi['viewer.image'], { n: 1 }) }).waitFor();
      const before = (await app.engine.handlers['dossier.desk']({ id: two.dossierId })).documents[0]!.pages[0]!;
      await pages.getByLabel(fill(vi['archive.replace'], { n: 1 })).setInputFiles(newScan);
      await pages.getByText(vi['archive.replaced']).waitFor();
      const after = async () => (await app.engine.handlers['dossier.desk']({ id: two.dossierId })).documents[0]!.pages;
      expect((await after()).map((p) => p.id)).not.toContain(before.id);
      expect((await after())[0]).toMatchObject({ position: 1, source: 'quet-lai.png' });
      // The new page goes through the pipeline and the record is built again.
      await expect.poll(async () => (await after())[0]!.state, { timeout: 200_000, interval: 1000 }).toBe('read');
      await expect
        .poll(async () => (await app.engine.handlers['dossier.desk']({ id: two.dossierId })).documents[0]!.record !== null, {
          timeout: 60_000,
        })
        .toBe(true);
      await shot('replaced');
    },
  );

  it(
    'approves the flagged dossier and all clean ones, then signs them all with the password entered once',
    { timeout: 180_000 },
    async () => {
      const view = await qc();
      const two = view.dossiers.find((d) => d.archiveNumber === '2')!;
      await main()
        .getByRole('button', { name: `${vi['archive.approve']} — ${two.code}` })
        .click();
      await main().locator(`.qc-dossier[data-dossier-id="${two.dossierId}"]`).getByText(vi['archive.isApproved']).waitFor();
      const flaggedOthers = view.dossiers.filter(
        (d) => d.dossierId !== two.dossierId && (d.reasons.length > 0 || d.flaggedPages.length > 0),
      );
      for (const d of flaggedOthers)
        await main()
          .getByRole('button', { name: `${vi['archive.approve']} — ${d.code}` })
          .click();
      const clean = view.dossiers.length - 1 - flaggedOthers.length;
      if (clean > 0) {
        await main().getByRole('button', { name: vi['archive.approveClean'] }).click();
        await main()
          .getByText(fill(vi['archive.approved'], { count: clean }))
          .waitFor();
      }
      await expect.poll(async () => (await qc()).dossiers.every((d) => d.approved)).toBe(true);
      const approvals = app.engine.store.db.prepare(`SELECT actor FROM audit_event WHERE action = 'batch.qc.approve'`).all() as {
        actor: string;
      }[];
      expect(approvals.length).toBeGreaterThanOrEqual(2);
      expect(approvals.every((a) => a.actor === 'archivist')).toBe(true);

      const panel = main().locator('.bulk-sign');
      await panel.getByText(fill(vi['archive.toSign'], { count: 3 })).waitFor();
      expect(await panel.getByRole('button', { name: vi['archive.sign'], exact: true }).isDisabled()).toBe(true);
      await panel.getByLabel(vi['finalize.p12']).setInputFiles(pki.signerP12);
      await panel.getByLabel(vi['finalize.password']).fill(pki.password);
      await panel.getByRole('button', { name: vi['finalize.unlock'] }).click();
      await panel.getByText(fill(vi['finalize.unlocked'], { subject: pki.signerCommonName })).waitFor();
      await panel.getByRole('button', { name: vi['archive.sign'], exact: true }).click();
      await panel.getByText(fill(vi['archive.signed'], { count: 3, documents: 3 })).waitFor({ timeout: 120_000 });
      await shot('signed');

      // One password entry for the run; every approved dossier's record verifies with pdfsig.
      expect(app.engine.store.db.prepare(`SELECT count(*) AS n FROM audit_event WHERE action = 'signer.unlock'`).get()).toEqual({ n: 1 });
      for (const d of (await qc()).dossiers) {
        expect(d.signed).toBe(true);
        const record = (await app.engine.handlers['dossier.desk']({ id: d.dossierId })).documents[0]!.record!;
        const stored = app.engine.store.records.get(record.id)!;
        expect(stored.signed).toBe(true);
        expect(pdfsig(app.engine.store.blobs.get(stored.pdfSha256), pki.caCert).validity).toEqual(['Signature is Valid.']);
      }
      await panel.getByText(fill(vi['archive.toSign'], { count: 0 })).waitFor();
      expect(await panel.getByRole('button', { name: vi['archive.sign'], exact: true }).isDisabled()).toBe(true);
      expect(pageErrors).toEqual([]);
    },
  );
});
