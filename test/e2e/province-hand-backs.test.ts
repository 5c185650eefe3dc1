import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkstationSync } from '../../src/core/sync/workstation-sync';
import { vi } from '../../src/renderer/src/i18n/vi';
import { startAppServer, type AppServer } from '../e2e-support/app-server';
import { launchChromium } from '../e2e-support/browser';
import { signIn } from '../e2e-support/sign-in';
import { startTestHub, type TestHub } from '../hub/support/hub-harness';
import { startPostgres, type TestPostgres } from '../hub/support/postgres';
import { createTestPki, type TestPki } from '../record/support/test-pki';
import { recordFactory, type RecordFactory } from '../sync/support/signed-records';
import { tempDir } from '../support/temp-dir';
import { screenshotDir } from '../e2e-support/screenshots';
import { resultPdfInput } from '../support/result-pdf-input';

const SHOTS = screenshotDir('province-hand-backs');

describe('the province panel shows the hub’s hand-backs on time and late', () => {
  let postgres: TestPostgres;
  let hub: TestHub;
  let factory: RecordFactory;
  let pki: TestPki;
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  const hubBlobs = tempDir('sohoa-e2e-province-hub-');
  const files = tempDir('sohoa-e2e-province-files-');
  const pageErrors: string[] = [];
  const main = () => page.getByRole('main');
  const figure = (key: string) => main().locator(`.stat[data-province="${key}"] dd`);

  /** A dossier handed back with a result imported as a PDF and signed with the copy stamp. */
  async function handedBack(name: string, receivedDate: string, dueDate: string, lateReason?: string) {
    const h = app.engine.handlers;
    const d = await h['dossier.create']({
      procedureCode: 'MAU-HT-01',
      applicantName: name,
      applicantCccd: '074190000123',
      receivedDate,
      dueDate,
    });
    const doc = (await h['result.create']({ dossierId: d.id, kind: 'quyet-dinh' })).id;
    const path = join(files.path, `${d.id}.pdf`);
    writeFileSync(path, await factory.unsigned(`Quyet dinh ${d.id}`));
    await h['result.importPdf'](resultPdfInput(doc, path));
    await h['result.sign']({ documentId: doc });
    await h['result.handBack']({ dossierId: d.id, receiverName: name, receiverKind: 'applicant', method: 'desk', lateReason });
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    postgres = await startPostgres();
    hub = await startTestHub(await postgres.createDatabase('hub_province'), hubBlobs.path);
    factory = await recordFactory();
    pki = createTestPki();
    app = await startAppServer();
    const sync = new WorkstationSync(app.engine);
    await sync.enroll(hub.url, await hub.hub.credentials.issueCode(), 'một cửa');
    await app.engine.handlers['signer.unlock']({ p12Path: pki.signerP12, password: pki.password });
    await handedBack('Đúng hạn Một', '2026-11-02', '2099-12-31');
    await handedBack('Đúng hạn Hai', '2026-11-02', '2099-12-31');
    await handedBack('Trễ hạn', '2026-01-05', '2026-01-09', 'Chờ ý kiến thẩm định');
    expect((await sync.send({ maxWaitMs: 20_000 })).rejected).toEqual([]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(app.server.appUrl);
    await signIn(page, app, 'supervisor');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await hub?.close();
    postgres?.stop();
    factory?.cleanup();
    pki?.cleanup();
    hubBlobs.remove();
    files.remove();
  });

  it('reads 2 on time and 1 late from the hub', async () => {
    await page.getByRole('navigation').getByRole('button', { name: vi['nav.progress'] }).click();
    const panel = main().locator('section', { has: page.locator('#dash-province') });
    await panel.getByText(vi['dash.province.onTime']).waitFor();
    expect((await figure('onTime').textContent())?.trim()).toBe('2');
    expect((await figure('late').textContent())?.trim()).toBe('1');
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/province-hand-backs.png` });
    expect(pageErrors).toEqual([]);
  });
});
