import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi } from '../../src/renderer/src/i18n/vi';
import type { TreeDossier } from '../archive/batch-tree';
import { startAppServer, type AppServer } from '../e2e-support/app-server';
import { openAppPage } from '../e2e-support/app-page';
import { openQcDossier, takeInArchiveBatch } from '../e2e-support/archive-qc-steps';
import { fill } from '../e2e-support/fill';
import { tempDir } from '../support/temp-dir';
import { screenshotDir } from '../e2e-support/screenshots';

const SHOTS = screenshotDir('archive-result-split');

/** One folder of three pages whose last two are its result; the register says 2 pages, so the QC queue lists it. */
const TREE: TreeDossier[] = [{ relPath: 'HS 1', pages: ['viadm-eb2a.png', 'viadm-4448.png', 'viadm-80c2.png'] }];
const REGISTER = ['Hồ sơ số,Tiêu đề,Năm,Số trang', '1,Cấp giấy chứng nhận,2020,2'];

describe('the QC station splits an archive folder’s result pages into a result document in the browser', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let batchId = 0;
  const files = tempDir('sohoa-archive-result-split-');
  let pageErrors: string[] = [];
  const main = () => page.getByRole('main');
  /** From the base tables: each document of the archive dossiers, whether it is the result, and its pages in order. */
  const documents = () =>
    app.engine.store.db
      .prepare(
        `SELECT doc.id, doc.is_result AS isResult, doc.result_kind AS kind, (SELECT group_concat(p.id) FROM (SELECT id FROM page WHERE document_id = doc.id ORDER BY position) p) AS pages
         FROM document doc JOIN dossier d ON d.id = doc.dossier_id WHERE d.kind = 'archive' ORDER BY doc.id`,
      )
      .all() as { id: number; isResult: number; kind: string | null; pages: string }[];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await startAppServer();
    batchId = await takeInArchiveBatch(app, files.path, TREE, REGISTER);
    ({ browser, page, pageErrors } = await openAppPage(app, { role: 'archivist' }));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    files.remove();
  });

  it(
    'ticks pages 2 and 3, splits them off as a decision; the new document shows as the result and the archive tile counts the dossier once',
    { timeout: 120_000 },
    async () => {
      await openQcDossier(page, app, batchId, '1');
      const before = documents();
      expect(before).toHaveLength(1);
      const [p1, p2, p3] = before[0]!.pages.split(',').map(Number);
      const pages = main().locator('.dossier-pages');
      // A range past the last page is refused in words; "2-3" ticks both thumbnails; a thumbnail's box unticks and ticks one.
      const tickBox = (n: number) => pages.getByRole('checkbox', { name: fill(vi['archive.tickPage'], { n }) });
      await pages.getByLabel(vi['archive.range']).fill('2-9');
      await pages.getByRole('button', { name: vi['archive.rangeTick'] }).click();
      await pages.getByText(fill(vi['archive.rangeBad'], { n: 3 })).waitFor();
      await page.screenshot({ path: `${SHOTS}/archive-split-range-bad.png` });
      await pages.getByLabel(vi['archive.range']).fill('2-3');
      await pages.getByRole('button', { name: vi['archive.rangeTick'] }).click();
      await expect
        .poll(async () => [await tickBox(1).isChecked(), await tickBox(2).isChecked(), await tickBox(3).isChecked()])
        .toEqual([false, true, true]);
      expect(await pages.getByText(fill(vi['archive.rangeBad'], { n: 3 })).count()).toBe(0);
      await tickBox(3).uncheck();
      await pages.getByText(fill(vi['archive.splitChosen'], { n: 1 })).waitFor();
      await tickBox(3).check();
      await pages.getByText(fill(vi['archive.splitChosen'], { n: 2 })).waitFor();
      await pages.getByLabel(vi['archive.splitKind']).selectOption('quyet-dinh');
      await page.screenshot({ path: `${SHOTS}/archive-split-chosen.png` });
      await pages.getByRole('button', { name: vi['archive.splitResult'] }).click();
      await pages.getByText(fill(vi['archive.resultMarked'], { kind: vi['result.kind.quyet-dinh'] })).waitFor();
      await page.screenshot({ path: `${SHOTS}/archive-split-done.png` });

      const after = documents();
      expect(after).toEqual([
        { id: before[0]!.id, isResult: 0, kind: null, pages: String(p1) },
        { id: after[1]!.id, isResult: 1, kind: 'quyet-dinh', pages: `${p2},${p3}` },
      ]);
      // The folder's document keeps its mark button; only the new one is the result.
      await expect.poll(() => pages.getByRole('button', { name: vi['archive.markResult'] }).count()).toBe(1);
      await expect.poll(() => pages.getByText(fill(vi['archive.resultMarked'], { kind: vi['result.kind.quyet-dinh'] })).count()).toBe(1);

      // Pages 2 and 3 now say they are the result's pages, and can no longer be ticked; page 1 still can.
      await expect.poll(() => pages.locator('.page-thumb').filter({ hasText: vi['archive.resultPage'] }).count()).toBe(2);
      await expect.poll(() => pages.locator('.thumbs').getByRole('checkbox').count()).toBe(1);
      // Bulk signing signs each document of the dossier (its records stand in for it here).
      for (const doc of after)
        app.engine.store.records.addVersion(doc.id, app.engine.store.blobs.put(Buffer.from(`lưu trữ ${doc.id}`)), {
          signer: 'CN=Lưu trữ',
          signedAt: new Date().toISOString(),
        });
      await page.getByRole('navigation').getByRole('button', { name: vi['nav.progress'] }).click();
      const tile = main().locator('.figure[data-figure="archiveResults"]');
      await main().getByRole('button', { name: vi['progress.refresh'] }).click();
      await expect.poll(async () => (await tile.locator('.figure-value').textContent())?.trim()).toBe('1');
      await tile.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/archive-split-tile.png` });
      expect(pageErrors).toEqual([]);
    },
  );
});
