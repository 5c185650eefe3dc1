import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeInBatch } from '../../src/core/archive/batch-intake';
import { vi } from '../../src/renderer/src/i18n/vi';
import { writeTree } from '../archive/batch-tree';
import { startAppServer, type AppServer } from '../e2e-support/app-server';
import { launchChromium } from '../e2e-support/browser';
import { REPO } from '../e2e-support/renderer-build';
import { signIn } from '../e2e-support/sign-in';
import { createTestPki, type TestPki } from '../record/support/test-pki';
import { tempDir } from '../support/temp-dir';
import { fill } from '../e2e-support/fill';
import { unlockFileSigner } from '../e2e-support/desk-steps';

const SHOTS = `${REPO}test-output/e2e`;

describe('a certificate unlocked by the clerk does not outlive the clerk’s sign-in, in the browser', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let pki: TestPki;
  let code = '';
  let batchId = 0;
  const files = tempDir('sohoa-signer-sign-out-');
  const pageErrors: string[] = [];
  const main = () => page.getByRole('main');

  beforeAll(async () => {
    pki = createTestPki();
    app = await startAppServer();
    code = (
      await app.engine.handlers['dossier.create']({
        procedureCode: 'MAU-HT-01',
        applicantName: 'Đỗ Thị Mai',
        applicantCccd: '074190000123',
        receivedDate: '2026-11-23',
      })
    ).code;
    const tree = join(files.path, 'kho');
    writeTree(tree, [{ relPath: 'HS 1', pages: ['viadm-eb2a.png'] }]);
    batchId = (await takeInBatch(app.engine, { folder: tree, actor: 'e2e' })).batch.id;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(app.server.appUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    pki?.cleanup();
    files.remove();
  });

  it('the clerk unlocks the .p12 at the desk, then signs out', async () => {
    await signIn(page, app, 'clerk');
    await main()
      .getByRole('button', { name: fill(vi['intake.open'], { code }) })
      .click();
    await unlockFileSigner(main(), pki);
    await page.getByRole('button', { name: vi['auth.signOut'] }).click();
    await page.getByRole('heading', { level: 1, name: vi['auth.login.title'] }).waitFor();
  });

  it('the archivist who signs in next finds no open certificate: bulk signing asks for the password', async () => {
    await signIn(page, app, 'archivist');
    await main()
      .getByRole('button', { name: `${vi['archive.open']} — ${fill(vi['archive.batchName'], { id: batchId, name: 'kho' })}` })
      .click();
    const panel = main().locator('.bulk-sign');
    await panel.getByLabel(vi['finalize.password']).waitFor();
    expect(await panel.getByText(fill(vi['finalize.unlocked'], { subject: pki.signerCommonName })).count()).toBe(0);
    expect(await panel.getByRole('button', { name: vi['archive.sign'], exact: true }).isDisabled()).toBe(true);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/signer-after-sign-out.png`, fullPage: true });
    const unlocks = app.engine.store.db.prepare(`SELECT actor FROM audit_event WHERE action = 'signer.unlock'`).all();
    expect(unlocks).toEqual([{ actor: 'clerk' }]);
  });

  it('ran without script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
