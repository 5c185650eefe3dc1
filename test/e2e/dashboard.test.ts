import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/core/engine';
import { vi } from '../../src/renderer/src/i18n/vi';
import { startAppServer, type AppServer } from '../e2e-support/app-server';
import { launchChromium } from '../e2e-support/browser';
import { signIn } from '../e2e-support/sign-in';
import { storeHandBack } from '../support/hand-back-row';
import { insertArchiveDossier } from '../support/archive-dossier';
import { screenshotDir } from '../e2e-support/screenshots';
import { REPO } from '../e2e-support/renderer-build';

const SHOTS = `${REPO}test-output/e2e`;

/** The dossiers put in the store; the expected tiles are counted from this list. */
interface Planned {
  received: string;
  due: string;
  signed: boolean;
  /** Its result handed back on this local day (noon), if it was; on-time and late count hand-backs. */
  returnedOn?: string;
}
const planned: Planned[] = [
  { received: '2021-01-04', due: '2021-01-08', signed: true, returnedOn: '2021-01-07' },
  { received: '2021-01-05', due: '2021-01-06', signed: true, returnedOn: '2021-01-11' },
  { received: '2021-02-01', due: '2021-02-03', signed: false },
  { received: '2021-02-02', due: '2021-02-10', signed: true, returnedOn: '2021-02-09' },
];
const isLate = (p: Planned) => !!p.returnedOn && p.returnedOn > p.due;
const vn = new Intl.NumberFormat('vi-VN');
const pct = new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 });

async function seed(engine: Engine): Promise<string[]> {
  const { store } = engine;
  const codes: string[] = [];
  for (const [i, p] of planned.entries()) {
    const d = await engine.handlers['dossier.create']({
      procedureCode: 'MAU-HT-01',
      applicantName: `Người nộp ${i}`,
      applicantCccd: '074093513649',
      receivedDate: p.received,
      dueDate: p.due,
    });
    codes.push(d.code);
    const docId = store.documents.create(d.id, null, null);
    store.pages.addPage(docId, store.blobs.put(Buffer.from(`page ${i}`)), null);
    store.records.addVersion(
      docId,
      store.blobs.put(Buffer.from(`pdf ${i}`)),
      p.signed ? { signer: 'CN=Test', signedAt: new Date().toISOString() } : null,
    );
    if (p.returnedOn) {
      store.dossiers.markFinalized(d.id, new Date(`${p.received}T12:00:00`).toISOString());
      store.db.prepare(`UPDATE dossier SET status = 'finalized' WHERE id = ?`).run(d.id);
      storeHandBack(store, d.id, new Date(`${p.returnedOn}T12:00:00`).toISOString(), !isLate(p), p.due);
    }
  }
  return codes;
}

describe('the progress dashboard in the browser', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const main = () => page.getByRole('main');
  const tile = (figure: string) => main().locator(`.figure[data-figure="${figure}"]`);

  beforeAll(async () => {
    app = await startAppServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1360, height: 900 }, locale: 'vi-VN' });
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(app.server.appUrl);
    await signIn(page, app, 'supervisor');
    await page.getByRole('navigation').getByRole('button', { name: vi['nav.progress'] }).click();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('says plainly that the store is empty and no register is imported, instead of zeros', async () => {
    await main().getByText(vi['dash.notice.empty-store']).waitFor();
    await main().getByText(vi['dash.notice.no-register']).waitFor();
    expect((await tile('received').locator('.figure-value').textContent())?.trim()).toBe(vi['dash.noData']);
    expect(await tile('received').locator('.figure-definition').textContent()).toBe(vi['dash.def.received']);
    // The number stands out; its definition is small print under it.
    const fontSize = (selector: string) =>
      tile('received')
        .locator(selector)
        .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(await fontSize('.figure-definition')).toBeLessThan(await fontSize('.figure-value'));
    expect(await fontSize('.figure-definition')).toBeLessThan(16);
    await main().getByText(vi['dash.province.none']).waitFor();
  });

  it('shows each figure counted from the store, with its rate in Vietnamese format', async () => {
    const codes = await seed(app.engine);
    await main().getByRole('button', { name: vi['progress.refresh'] }).click();
    await expect.poll(async () => (await tile('received').locator('.figure-value').textContent())?.trim()).toBe(vn.format(planned.length));
    // Fully digitized: signed and filed.
    const signed = planned.filter((p) => p.signed && p.returnedOn).length;
    expect((await tile('fullyDigitized').locator('.figure-value').textContent())?.trim()).toBe(vn.format(signed));
    expect((await tile('fullyDigitized').locator('.figure-rate').textContent())?.trim()).toBe(
      `${pct.format(signed / planned.length)} · ${signed}/${planned.length}`,
    );
    const returned = planned.filter((p) => p.returnedOn);
    expect((await tile('late').locator('.figure-value').textContent())?.trim()).toBe(vn.format(returned.filter(isLate).length));
    expect((await tile('onTime').locator('.figure-value').textContent())?.trim()).toBe(
      vn.format(returned.filter((p) => !isLate(p)).length),
    );
    expect((await tile('openPastDue').locator('.figure-value').textContent())?.trim()).toBe(
      vn.format(planned.filter((p) => !p.returnedOn).length),
    );
    expect(await main().getByText(vi['dash.notice.empty-store']).count()).toBe(0);
    expect(codes).toHaveLength(planned.length);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/dashboard.png`, fullPage: true });
  });

  it('counts a QC approval, and charts the same pages as the "pages" tile (archive pages in neither)', async () => {
    const { store } = app.engine;
    const now = new Date().toISOString();
    const batchId = Number(
      store.db.prepare(`INSERT INTO batch (name, source, created_at) VALUES ('Kho', '/kho', ?)`).run(now).lastInsertRowid,
    );
    for (const n of ['1', '2']) {
      const d = insertArchiveDossier(app.engine, { batchId, archiveNumber: n });
      const docId = store.documents.create(d.id, 'Hồ sơ lưu trữ', null);
      store.db
        .prepare('INSERT INTO archive_folder (batch_id, rel_path, dossier_id, document_id) VALUES (?, ?, ?, ?)')
        .run(batchId, `HS ${n}`, d.id, docId);
      store.pages.addPage(docId, store.blobs.put(Buffer.from(`archive page ${n}`)), null);
      if (n === '1') store.archiveQc.approve(batchId, [d.id], 'luutru', now);
    }
    await page.setViewportSize({ width: 1366, height: 768 });
    await main().getByRole('button', { name: vi['progress.refresh'] }).click();
    await expect.poll(async () => (await tile('qc').locator('.figure-value').textContent())?.trim()).toBe(vn.format(1));
    expect(await tile('qc').locator('.figure-definition').textContent()).toBe(vi['dash.def.qc']);
    // One page per intake dossier; the two archive pages count in neither the tile nor the chart.
    expect((await tile('pages').locator('.figure-value').textContent())?.trim()).toBe(vn.format(planned.length));
    const bars = await main().locator('.chart-table tbody td').allTextContents();
    expect(bars.reduce((sum, cell) => sum + Number(cell.replace(/\D/g, '')), 0)).toBe(planned.length);
    await tile('qc').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${screenshotDir('dashboard')}/qc-and-pages-1366.png` });
  });

  it('lists the dossiers behind a figure when it is clicked', async () => {
    const codes = (await app.engine.handlers['dossier.list']({ limit: 50, offset: 0 })).items;
    const lateCodes = planned.flatMap((p, i) => (isLate(p) ? [codes.find((d) => d.applicantName === `Người nộp ${i}`)!.code] : []));
    await tile('late').getByRole('button').click();
    const rows = main().locator('.drill-table tbody tr');
    await rows.first().waitFor();
    expect((await rows.locator('th').allTextContents()).sort()).toEqual(lateCodes.sort());
    await main().getByRole('button', { name: vi['dash.drill.close'] }).click();
    await tile('fullyDigitized').getByRole('button').click();
    const signed = planned.filter((p) => p.signed).length;
    await expect.poll(() => rows.count()).toBe(signed);
    // The list's total is the tile's count (both from the day rows when the filter is a date range at most).
    await expect.poll(() => main().locator('.drill-count').textContent()).toContain(String(signed));
    await page.screenshot({ path: `${screenshotDir('dashboard')}/drill-fully-digitized-1366.png` });

    // From the breakdown per procedure: the "late" cell of the one procedure used.
    const breakdown = main().getByRole('region', { name: vi['dash.breakdown'] });
    const lateColumn = (await breakdown.locator('thead th').allTextContents()).indexOf(vi['dash.fig.late']);
    await breakdown.locator('tbody tr').first().locator('th, td').nth(lateColumn).getByRole('button').click();
    await expect.poll(async () => (await rows.locator('th').allTextContents()).sort()).toEqual(lateCodes.sort());
  });

  it('makes the XLSX and PDF reports to download', async () => {
    for (const [button, ext] of [
      [vi['dash.export.xlsx'], 'xlsx'],
      [vi['dash.export.pdf'], 'pdf'],
    ] as const) {
      await main().getByRole('button', { name: button }).click();
      const link = main().locator(`.export a[download$=".${ext}"]`);
      await link.waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      const path = await download.path();
      const bytes = readFileSync(path);
      expect(bytes.subarray(0, ext === 'pdf' ? 5 : 2).toString('latin1')).toBe(ext === 'pdf' ? '%PDF-' : 'PK');
    }
  });

  it('refuses a backwards range in Vietnamese and reports a future one', async () => {
    const form = main().getByRole('form', { name: vi['dash.filter'] });
    await form.getByLabel(vi['dash.from']).fill('2021-03-01');
    await form.getByLabel(vi['dash.to']).fill('2021-01-01');
    await form.getByRole('button', { name: vi['dash.apply'] }).click();
    await main().getByText(vi['error.stats.range-backwards']).waitFor();
    expect(await tile('received').count()).toBe(0);
    await form.getByLabel(vi['dash.from']).fill('2099-01-01');
    await form.getByLabel(vi['dash.to']).fill('2099-12-31');
    await form.getByRole('button', { name: vi['dash.apply'] }).click();
    await main().getByText(vi['dash.notice.future-range']).waitFor();
    await main().getByText(vi['dash.notice.empty-range']).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
