import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRecordPdf } from '../../src/core/record/build-record-pdf';
import { openP12Signer } from '../../src/core/record/p12-signer';
import { signPdf } from '../../src/core/record/sign-pdf';
import { verifyPdf } from '../../src/core/record/verify-pdf';
import { vi } from '../../src/renderer/src/i18n/vi';
import type { TreeDossier } from '../archive/batch-tree';
import { startAppServer, type AppServer } from '../e2e-support/app-server';
import { openAppPage } from '../e2e-support/app-page';
import { openQcDossier, takeInArchiveBatch } from '../e2e-support/archive-qc-steps';
import { fill } from '../e2e-support/fill';
import { tempDir } from '../support/temp-dir';
import { screenshotDir } from '../e2e-support/screenshots';
import { recordPageFromCorpus } from '../record/support/corpus-pages';
import { pdfsig } from '../record/support/pdf-tools';
import { createTestPki, readBytes, type TestPki } from '../record/support/test-pki';
import { startTestTsa, type TestTsa } from '../record/support/test-tsa';

const SHOTS = screenshotDir('archive-result-split');

/** One folder of three pages whose last two are its result; the register says 2 pages, so the QC queue lists it. */
const TREE: TreeDossier[] = [{ relPath: 'HS 1', pages: ['viadm-eb2a.png', 'viadm-4448.png', 'viadm-80c2.png'] }];
const REGISTER = ['Hồ sơ số,Tiêu đề,Năm,Số trang', '1,Cấp giấy chứng nhận,2020,2'];
/** The common name of the test PKI's signer certificate (test/record/support/test-pki.ts), here the agency that issued the decision. */
const ISSUER_CN = 'UBND xã Thử Nghiệm';

describe('the QC station splits an archive folder’s result pages into a result document in the browser', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let batchId = 0;
  let issuer: TestPki;
  let tsa: TestTsa;
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
    issuer = createTestPki();
    tsa = await startTestTsa(issuer);
    app = await startAppServer();
    batchId = await takeInArchiveBatch(app, files.path, TREE, REGISTER);
    ({ browser, page, pageErrors } = await openAppPage(app, { role: 'archivist' }));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await tsa?.close();
    issuer?.cleanup();
    files.remove();
  });

  it(
    'ticks pages 2 and 3, splits them off as a decision; the new document shows as the result and the archive tile counts the dossier once',
    { timeout: 120_000 },
    async () => {
      const one = await openQcDossier(page, app, batchId, '1');
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
      // One group of thumbnails per document, under its title; the result block and its hint once, on the result document.
      const groups = pages.locator('.qc-document');
      await expect.poll(() => groups.count()).toBe(2);
      expect(await groups.nth(0).locator('.page-thumb').count()).toBe(1);
      expect(await groups.nth(1).locator('.page-thumb').count()).toBe(2);
      const titles = (await app.engine.handlers['document.list']({ dossierId: one.dossierId })).map((d) => d.title ?? d.component);
      expect(titles.every((title) => !!title)).toBe(true);
      expect(await groups.getByRole('heading', { level: 3 }).allTextContents()).toEqual(titles);
      expect(await pages.locator('.result-mark').count()).toBe(1);
      expect(await groups.nth(1).locator('.result-mark').count()).toBe(1);
      expect(await pages.getByText(vi['archive.resultHint']).count()).toBe(1);
      await page.screenshot({ path: `${SHOTS}/archive-split-done.png` });

      const after = documents();
      expect(after).toEqual([
        { id: before[0]!.id, isResult: 0, kind: null, pages: String(p1) },
        { id: after[1]!.id, isResult: 1, kind: 'quyet-dinh', pages: `${p2},${p3}` },
      ]);
      // Only the new document is the result, and it shows its block (with the way to take the mark off) once.
      expect(await pages.getByRole('button', { name: vi['archive.unmarkResult'] }).count()).toBe(1);
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

  it(
    'offers Gắn dấu thời gian at QC on the marked result signed elsewhere, and the issuer’s signature stays valid',
    { timeout: 120_000 },
    async () => {
      const { store } = app.engine;
      const one = (await app.engine.handlers['batch.qc']({ batchId })).dossiers.find((d) => d.archiveNumber === '1')!;
      const resultDoc = (await app.engine.handlers['document.list']({ dossierId: one.dossierId })).find((d) => d.isResult)!;
      // The decision as the issuing agency signed it in its own system, kept as the result's record.
      const unsigned = await buildRecordPdf({
        pages: [recordPageFromCorpus('viadm-863d')],
        metadata: { title: 'QĐ', digitizedAt: new Date() },
      });
      const issued = await signPdf(unsigned, { signer: await openP12Signer(readBytes(issuer.signerP12), issuer.password) });
      store.records.addVersion(resultDoc.id, store.blobs.put(Buffer.from(issued)), null);
      store.settings.set('signing.tsa-url', tsa.url);

      const nav = page.getByRole('navigation');
      await nav.getByRole('button', { name: vi['nav.archive'] }).click();
      await main()
        .getByRole('button', { name: `${vi['archive.open']} — ${fill(vi['archive.batchName'], { id: batchId, name: 'kho' })}` })
        .click();
      await main()
        .getByRole('button', { name: `${vi['archive.look']} — ${one.code}` })
        .click();
      const resultGroup = main()
        .locator('.dossier-pages .qc-document')
        .filter({ has: page.locator('.result-mark') });
      const evidence = resultGroup.locator('.qc-result-evidence');
      await evidence.locator('.result-signed-elsewhere').waitFor();
      expect(await evidence.locator('.result-signed-elsewhere').textContent()).toBe(fill(vi['result.signedBy'], { signer: ISSUER_CN }));
      const requests = tsa.requests;
      await resultGroup.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/archive-result-before-timestamp.png` });
      await evidence.getByRole('button', { name: vi['result.timestamp'] }).click();
      await evidence.locator('.result-timestamp').filter({ hasText: 'SoHoa Test TSA' }).waitFor();
      expect(tsa.requests).toBe(requests + 1);
      await evidence.locator('.result-signed-elsewhere').filter({ hasText: vi['result.plusTimestamp'] }).waitFor();
      expect(await evidence.getByRole('button', { name: vi['result.timestamp'] }).count()).toBe(0);
      await page.screenshot({ path: `${SHOTS}/archive-result-after-timestamp.png` });

      const latest = store.records.latest(resultDoc.id)!;
      const bytes = store.blobs.get(latest.pdfSha256);
      expect(pdfsig(bytes, issuer.caCert).validity[0]).toBe('Signature is Valid.');
      const report = await verifyPdf(bytes, { trustAnchors: issuer.trustAnchors, fetchCrl: false });
      expect([report.signatures.length, report.documentTimestamps.map((t) => t.valid), report.intact]).toEqual([1, [true], true]);
      // An incremental update: the issued file is the stamped file's first bytes, unchanged.
      expect(Buffer.from(bytes.subarray(0, issued.length)).equals(Buffer.from(issued))).toBe(true);
      expect(
        store.db
          .prepare(`SELECT count(*) FROM audit_event WHERE action = 'result.timestamp' AND subject = ?`)
          .pluck()
          .get(String(resultDoc.id)),
      ).toBe(1);
      expect(pageErrors).toEqual([]);
    },
  );
});
