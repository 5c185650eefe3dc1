import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubClient } from '../../src/core/sync/hub-client';
import { WorkstationSync } from '../../src/core/sync/workstation-sync';
import { vi } from '../../src/renderer/src/i18n/vi';
import { startAppServer, type AppServer } from '../e2e-support/app-server';
import { launchChromium } from '../e2e-support/browser';
import { screenshotDir } from '../e2e-support/screenshots';
import { signIn } from '../e2e-support/sign-in';
import { startTestHub, type TestHub } from '../hub/support/hub-harness';
import { startPostgres, type TestPostgres } from '../hub/support/postgres';
import { recordFactory, type RecordFactory } from '../sync/support/signed-records';
import { seedRecords } from '../sync/support/workstation';
import { tempDir } from '../support/temp-dir';

const fill = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));

describe('the hub refusing the audit log’s head, as the sync panel shows it', () => {
  let postgres: TestPostgres;
  let hub: TestHub;
  let factory: RecordFactory;
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  const hubBlobs = tempDir('sohoa-e2e-hub-');
  const pageErrors: string[] = [];

  const main = () => page.getByRole('main');
  const panel = () => main().locator('.sync-panel');
  const refusal = fill(vi['sync.auditHeadRefused'], { message: vi['error.sync.audit-log-rewritten'] });

  const runs = () =>
    (app.engine.store.db.prepare(`SELECT count(*) AS n FROM audit_event WHERE action = 'sync.run'`).get() as { n: number }).n;

  async function syncNow() {
    const before = runs();
    await panel().getByRole('button', { name: vi['sync.now'] }).click();
    await expect.poll(runs, { timeout: 60_000 }).toBeGreaterThan(before);
    await expect.poll(async () => (await app.engine.handlers['sync.status']({})).running).toBe(false);
  }

  beforeAll(async () => {
    postgres = await startPostgres();
    hub = await startTestHub(await postgres.createDatabase('hub_audit_head'), hubBlobs.path);
    factory = await recordFactory();
    app = await startAppServer({ syncSchedule: true });
    await new WorkstationSync(app.engine).enroll(hub.url, await hub.hub.credentials.issueCode(), 'desk e2e');
    await seedRecords(app.engine, factory, 1, { prefix: 'HEAD', status: 'finalized' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(app.server.appUrl);
    await signIn(page, app);
    await page.getByRole('navigation').getByRole('button', { name: vi['nav.progress'] }).click();
    await panel().getByRole('heading', { name: vi['sync.title'] }).waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await hub?.close();
    postgres?.stop();
    factory?.cleanup();
    hubBlobs.remove();
  });

  it('says nothing of the head while the hub takes it', async () => {
    await syncNow();
    await expect.poll(() => panel().locator('.sync-last-run').textContent()).toContain('nhận 1');
    expect(await panel().getByText(refusal).count()).toBe(0);
  });

  it('shows the coded Vietnamese message, not a generic failure, when the hub refuses a head that went back', async () => {
    // The hub has seen a later head than the log now holds: what a cut log looks like from the hub.
    const token = new WorkstationSync(app.engine).credentials()!.token;
    const head = app.engine.audit.head();
    await new HubClient(hub.url, token).reportAuditHead({ seq: head.seq + 50, hash: 'a'.repeat(64) });

    await syncNow();
    await panel().getByText(refusal).waitFor();
    expect(await panel().getByRole('alert').allTextContents()).not.toContain(
      fill(vi['sync.lastError'], { message: vi['error.sync.failed'] }),
    );
    expect((await app.engine.handlers['sync.status']({})).lastRun?.auditHead?.code).toBe('sync.audit-log-rewritten');
    await panel().getByText(refusal).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir('sync-audit-head'), 'audit-head-refused.png') });
    expect(pageErrors).toEqual([]);
  });
});
