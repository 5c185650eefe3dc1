import { readFileSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkstationSync } from '../../src/core/sync/workstation-sync';
import { errorMessage } from '../../src/renderer/src/i18n/error-messages';
import { translator } from '../../src/renderer/src/i18n/translate';
import { vi } from '../../src/renderer/src/i18n/vi';
import { startAppServer, type AppServer } from '../e2e-support/app-server';
import { launchChromium } from '../e2e-support/browser';
import { screenshotDir } from '../e2e-support/screenshots';
import { signIn } from '../e2e-support/sign-in';
import { startTestHub, type TestHub } from '../hub/support/hub-harness';
import { startPostgres, type TestPostgres } from '../hub/support/postgres';
import { recordFactory, type RecordFactory } from '../sync/support/signed-records';
import { seedRecords, type SeededRecord } from '../sync/support/workstation';
import { tempDir } from '../support/temp-dir';

const fill = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));

describe('sync in the app, against a real hub', () => {
  let postgres: TestPostgres;
  let pool: pg.Pool;
  let hub: TestHub;
  let factory: RecordFactory;
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let good: SeededRecord;
  let unsigned: SeededRecord;
  const hubBlobs = tempDir('sohoa-e2e-hub-');
  const pageErrors: string[] = [];

  const nav = () => page.getByRole('navigation');
  const main = () => page.getByRole('main');
  const panel = () => main().locator('.sync-panel');
  const tile = (label: string) =>
    panel()
      .locator('.stat')
      .filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) })
      .locator('dd');
  const syncBadge = () => main().locator('.document-card .sync-badge');

  async function openDesk(code: string) {
    await nav().getByRole('button', { name: vi['nav.intake'] }).click();
    // The records here are archive dossiers: the list shows the desk's own unless asked.
    await main().getByLabel(vi['intake.source'], { exact: true }).selectOption('all');
    await main()
      .getByRole('button', { name: fill(vi['intake.open'], { code }) })
      .click();
    await main()
      .getByRole('heading', { level: 1, name: fill(vi['desk.title'], { code }) })
      .waitFor();
  }

  beforeAll(async () => {
    postgres = await startPostgres();
    const dbUrl = await postgres.createDatabase('hub_e2e');
    pool = new pg.Pool({ connectionString: dbUrl });
    hub = await startTestHub(dbUrl, hubBlobs.path);
    factory = await recordFactory();
    app = await startAppServer({ syncSchedule: true });
    await new WorkstationSync(app.engine).enroll(hub.url, await hub.hub.credentials.issueCode(), 'desk e2e');
    good = (await seedRecords(app.engine, factory, 1, { prefix: 'GOOD', status: 'finalized' }))[0]!;
    // A record the hub must refuse: its PDF carries no signature.
    unsigned = (
      await seedRecords(app.engine, { ...factory, signed: (label) => factory.unsigned(label) }, 1, { prefix: 'BAD', status: 'finalized' })
    )[0]!;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1360, height: 900 }, locale: 'vi-VN' });
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    await page.goto(app.server.appUrl);
    await signIn(page, app);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await hub?.close();
    await pool?.end();
    postgres?.stop();
    factory?.cleanup();
    hubBlobs.remove();
  });

  it('shows a record waiting at the desk before any sync', async () => {
    await openDesk(good.dossierCode);
    await expect.poll(() => syncBadge().getAttribute('data-sync-state')).toBe('waiting');
    expect(await syncBadge().textContent()).toBe(vi['syncBadge.waiting']);
  });

  it('shows the counts and a scheduled next run, and sends on “sync now”', async () => {
    await nav().getByRole('button', { name: vi['nav.progress'] }).click();
    await panel().getByRole('heading', { name: vi['sync.title'] }).waitFor();
    await expect.poll(() => tile(vi['sync.waiting']).textContent()).toBe('2');
    expect(await tile(vi['sync.acknowledged']).textContent()).toBe('0');
    expect(await panel().locator('.sync-next-run').textContent()).not.toBe(vi['sync.nextRunNone']);
    expect(await panel().locator('.sync-last-run').textContent()).toBe(vi['sync.lastRunNone']);

    await panel().getByRole('button', { name: vi['sync.now'] }).click();
    await expect.poll(() => tile(vi['sync.acknowledged']).textContent(), { timeout: 60_000 }).toBe('1');
    await expect.poll(() => tile(vi['sync.rejected']).textContent()).toBe('1');
    expect(await tile(vi['sync.waiting']).textContent()).toBe('0');
    await expect.poll(() => panel().locator('.sync-last-run').textContent()).toContain('nhận 1, từ chối 1, còn chờ 0');

    const { rows } = await pool.query<{ sha256: string }>('SELECT sha256 FROM record');
    expect(rows.map((r) => r.sha256)).toEqual([good.sha256]);
  });

  it('shows the hub’s receipt on the acknowledged record, and the coded reason on the rejected one', async () => {
    const { rows } = await pool.query<{ receipt_id: string }>('SELECT receipt_id FROM record WHERE sha256 = $1', [good.sha256]);
    await openDesk(good.dossierCode);
    await expect.poll(() => syncBadge().getAttribute('data-sync-state')).toBe('acknowledged');
    expect(await syncBadge().textContent()).toBe(fill(vi['syncBadge.acknowledged'], { receipt: rows[0]!.receipt_id.slice(0, 8) }));

    await openDesk(unsigned.dossierCode);
    await expect.poll(() => syncBadge().getAttribute('data-sync-state')).toBe('rejected');
    expect(await syncBadge().textContent()).toBe(fill(vi['syncBadge.rejected'], { reason: vi['error.sync.signature-invalid'] }));
    expect(pageErrors).toEqual([]);
  });

  it('names a waiting timestamp the run could not add, with its code, and the run still sends', async () => {
    // The acknowledged record waits for its timestamp, and its stored file is damaged on disk: the
    // round fails on it before asking any authority (nothing listens at the address given).
    app.engine.store.settings.set('signing.tsa-url', 'http://127.0.0.1:1/tsa');
    app.engine.store.timestampsPending.mark(good.documentId, new Date().toISOString(), {
      code: 'signer.timestamp-failed',
      message: 'down',
    });
    const file = app.engine.store.blobs.pathOf(good.sha256);
    const bytes = readFileSync(file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    writeFileSync(file, bytes);
    const another = (await seedRecords(app.engine, factory, 1, { prefix: 'MORE', status: 'finalized' }))[0]!;

    await nav().getByRole('button', { name: vi['nav.progress'] }).click();
    await panel().getByRole('button', { name: vi['sync.now'] }).click();
    const problem = panel().locator('.sync-timestamps');
    await problem.waitFor({ timeout: 60_000 });
    expect(await problem.textContent()).toBe(
      fill(vi['sync.timestampsFailed'], { count: 1, message: errorMessage(translator(vi), 'store.blob-tampered') }),
    );
    await expect.poll(() => tile(vi['sync.acknowledged']).textContent(), { timeout: 60_000 }).toBe('2');
    const { rows } = await pool.query<{ sha256: string }>('SELECT sha256 FROM record ORDER BY sha256');
    expect(rows.map((r) => r.sha256)).toEqual([good.sha256, another.sha256].sort());
    await page.setViewportSize({ width: 1366, height: 768 });
    await problem.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${screenshotDir('sync-panel')}/timestamp-failed.png` });
    expect(pageErrors).toEqual([]);
  });
});
