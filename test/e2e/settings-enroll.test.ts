import { join } from 'node:path';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialRepository } from '../../src/hub/credential-repository';
import { vi } from '../../src/renderer/src/i18n/vi';
import { seededUsername, startAppServer, type AppServer } from '../e2e-support/app-server';
import { launchChromium } from '../e2e-support/browser';
import { screenshotDir } from '../e2e-support/screenshots';
import { signIn } from '../e2e-support/sign-in';
import { spawnHub, type HubProcess } from '../hub/support/hub-harness';
import { freePort, startPostgres, type TestPostgres } from '../hub/support/postgres';
import { tempDir } from '../support/temp-dir';

/** Settings › Sync: the administrator enrolls the workstation with a one-time code from the hub (real PostgreSQL behind it). */
describe('enrollment with the hub from Settings', () => {
  let postgres: TestPostgres;
  let pool: pg.Pool;
  let hub: HubProcess;
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  const blobs = tempDir('sohoa-e2e-enroll-');
  const main = () => page.getByRole('main');

  beforeAll(async () => {
    postgres = await startPostgres();
    const dbUrl = await postgres.createDatabase('hub_e2e_enroll');
    pool = new pg.Pool({ connectionString: dbUrl });
    hub = await spawnHub(dbUrl, blobs.path, await freePort());
    app = await startAppServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
    page.setDefaultTimeout(20_000);
    await page.goto(app.server.appUrl);
    await signIn(page, app, 'administrator');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await hub?.kill('SIGKILL');
    await pool?.end();
    postgres?.stop();
    blobs.remove();
  });

  it('enrolls with the code once, and says so', { timeout: 60_000 }, async () => {
    const code = await new CredentialRepository(pool).issueCode();
    await page.getByRole('navigation').getByRole('button', { name: vi['nav.settings'] }).click();
    await main().getByRole('heading', { level: 3, name: vi['settings.enroll.title'] }).waitFor();
    await main().getByText(vi['settings.enroll.notEnrolled']).waitFor();
    // Everything the page once listed as missing (profiles, certificate, enrollment, scheduled backups) is on it: no such notice stays.
    expect(
      await main()
        .getByText(/Chưa có trong trang này|chưa tự chạy/)
        .count(),
    ).toBe(0);
    await main().getByLabel(vi['settings.enroll.hubUrl'], { exact: true }).fill(hub.url);
    await main().getByLabel(vi['settings.enroll.code'], { exact: true }).fill(code);
    await main().getByRole('button', { name: vi['settings.enroll.submit'], exact: true }).click();
    await main().getByText(vi['settings.enroll.enrolled'].replace('{hub}', hub.url)).waitFor();
    await main().getByRole('heading', { level: 3, name: vi['settings.enroll.title'] }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir('settings-enroll'), 'enrolled.png') });
    expect(app.engine.sync.status()).toMatchObject({ configured: true, hubUrl: hub.url });
    const { rows } = await pool.query<{ used_at: Date | null }>('SELECT used_at FROM enrollment_code');
    expect(rows.map((r) => r.used_at !== null)).toEqual([true]);
    // The audit names the administrator who enrolled, not the sync process.
    const enrolls = [...app.engine.store.audit.iterate()].filter((e) => e.action === 'sync.enroll');
    expect(enrolls.map((e) => [e.actor, e.subject])).toEqual([[seededUsername('administrator'), hub.url]]);

    // The same code a second time: the hub refuses it, shown in words.
    await main().getByLabel(vi['settings.enroll.code'], { exact: true }).fill(code);
    await main().getByRole('button', { name: vi['settings.enroll.submit'], exact: true }).click();
    await main().locator('.enroll-panel [role="alert"], .enroll-panel .notice').first().waitFor();
    await page.screenshot({ path: join(screenshotDir('settings-enroll'), 'code-spent.png') });
  });
});
