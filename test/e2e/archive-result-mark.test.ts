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

const SHOTS = screenshotDir('archive-result-mark');

/** Two dossiers of one page; the register says dossier 2 has 2 pages, so the QC queue lists it. */
const TREE: TreeDossier[] = [
  { relPath: 'HS 1', pages: ['viadm-eb2a.png'] },
  { relPath: 'HS 2', pages: ['viadm-4448.png'] },
];
const REGISTER = ['Hồ sơ số,Tiêu đề,Năm,Số trang', '1,Khai sinh,2020,1', '2,Cấp giấy chứng nhận,2020,2'];

describe('the QC station marks an archive dossier’s result in the browser, and the dashboard counts it', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let batchId = 0;
  const files = tempDir('sohoa-archive-result-mark-');
  let pageErrors: string[] = [];
  const main = () => page.getByRole('main');
  const resultDocuments = () =>
    app.engine.store.db
      .prepare(
        `SELECT doc.id, doc.result_kind AS kind FROM document doc JOIN dossier d ON d.id = doc.dossier_id WHERE d.kind = 'archive' AND doc.is_result = 1`,
      )
      .all() as { id: number; kind: string }[];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await startAppServer();
    batchId = await takeInArchiveBatch(app, files.path, TREE, REGISTER);
    // Each folder's record as bulk signing leaves it: a signed version (what is signed does not matter to the mark).
    for (const d of (await app.engine.handlers['batch.qc']({ batchId })).dossiers) {
      const doc = (await app.engine.handlers['dossier.desk']({ id: d.dossierId })).documents[0]!;
      app.engine.store.records.addVersion(doc.id, app.engine.store.blobs.put(Buffer.from(`lưu trữ ${d.code}`)), {
        signer: 'CN=Lưu trữ',
        signedAt: new Date().toISOString(),
      });
    }
    ({ browser, page, pageErrors } = await openAppPage(app, { role: 'archivist' }));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    files.remove();
  });

  it(
    'marks the flagged dossier’s document as a decision from its pages view; the archive tile goes from 0 to 1',
    { timeout: 120_000 },
    async () => {
      const nav = page.getByRole('navigation');
      await nav.getByRole('button', { name: vi['nav.progress'] }).click();
      const tile = main().locator('.figure[data-figure="archiveResults"]');
      await expect.poll(async () => (await tile.locator('.figure-value').textContent())?.trim()).toBe('0');
      expect(await tile.locator('.figure-definition').textContent()).toBe(vi['dash.def.archiveResults']);

      const two = await openQcDossier(page, app, batchId, '2');
      const pages = main().locator('.dossier-pages');
      await pages.getByLabel(vi['result.kind']).selectOption('quyet-dinh');
      expect(resultDocuments()).toEqual([]);
      await pages.getByRole('button', { name: vi['archive.markResult'] }).click();
      await pages.getByText(fill(vi['archive.resultMarked'], { kind: vi['result.kind.quyet-dinh'] })).waitFor();
      const marked = resultDocuments();
      expect(marked).toEqual([
        { id: (await app.engine.handlers['dossier.desk']({ id: two.dossierId })).documents[0]!.id, kind: 'quyet-dinh' },
      ]);
      await page.screenshot({ path: `${SHOTS}/archive-result-marked.png` });

      await nav.getByRole('button', { name: vi['nav.progress'] }).click();
      await main().getByRole('button', { name: vi['progress.refresh'] }).click();
      await expect.poll(async () => (await tile.locator('.figure-value').textContent())?.trim()).toBe('1');
      await tile.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/archive-result-tile.png` });

      // Taken off again at QC: no longer counted.
      await openQcDossier(page, app, batchId, '2');
      await main().locator('.dossier-pages').getByRole('button', { name: vi['archive.unmarkResult'] }).click();
      await main().locator('.dossier-pages').getByRole('button', { name: vi['archive.markResult'] }).waitFor();
      expect(resultDocuments()).toEqual([]);
      expect(pageErrors).toEqual([]);
    },
  );
});
