import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parseCatalogCsv } from '../../src/core/catalog/catalog-import';
import { defaultResourcesDir } from '../../src/core/engine';
import { TEST_AGENCY } from '../support/agency';
import { addWorkingDays } from '../../src/shared/dates';
import { foldVietnamese } from '../../src/shared/fold';
import { en } from '../../src/renderer/src/i18n/en';
import { vi } from '../../src/renderer/src/i18n/vi';
import { describedText } from '../e2e-support/a11y';
import { startAppServer, type AppServer } from '../e2e-support/app-server';
import { signIn } from '../e2e-support/sign-in';
import { launchChromium } from '../e2e-support/browser';
import { REPO } from '../e2e-support/renderer-build';

const SHOTS = `${REPO}test-output/e2e`;
const VI_NAV = ['Tiếp nhận', 'Tìm kiếm', 'Thống kê', 'Cài đặt'];
const EN_NAV = ['Intake', 'Search', 'Progress', 'Settings'];

const applicant = {
  name: 'Nguyễn Văn Ánh',
  cccd: '074090012345', // 074 Bình Dương, 0 = man born in the 1900s, 90 = 1990
  phone: '0912 345 678',
  address: 'Số 12 đường Lê Lợi, phường Phú Cường',
};

const pad = (n: number) => String(n).padStart(2, '0');
const now = new Date();
const todayIso = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
const yymmdd = `${String(now.getFullYear()).slice(2)}${pad(now.getMonth() + 1)}${pad(now.getDate())}`;
const viDate = (iso: string) => iso.split('-').reverse().join('/');
const expectedCode = `${TEST_AGENCY.code}-${yymmdd}-0001`;

// The procedure the desk means by "khai sinh", found in the shipped sample catalog itself.
const catalog = parseCatalogCsv(readFileSync(`${defaultResourcesDir()}/catalog/sample-procedures.csv`, 'utf8'), true).procedures;
const birthRegistration = catalog.filter((p) => foldVietnamese(p.name).includes('khai sinh'));

describe('intake in the browser', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  const nav = () => page.getByRole('navigation');
  const main = () => page.getByRole('main');
  const field = (label: string) => main().getByLabel(label, { exact: true });
  const optionalField = (label: string) => field(`${label} ${vi['form.optional']}`);
  const submit = () => main().getByRole('button', { name: vi['form.submit'], exact: true });
  const listRows = () => main().locator('.dossier-table tbody tr');
  const navLabels = async () => (await nav().getByRole('button').allTextContents()).map((s) => s.trim());

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await startAppServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1360, height: 900 }, locale: 'vi-VN' });
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    await page.goto(app.server.appUrl);
    await signIn(page, app);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('opens in Vietnamese with the five sections in the navigation', async () => {
    await nav().getByRole('button', { name: VI_NAV[0] }).waitFor();
    expect(await navLabels()).toEqual(VI_NAV);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('vi');
    expect(await nav().getByRole('button', { name: VI_NAV[0] }).getAttribute('aria-current')).toBe('page');
    await main().getByText(vi['intake.listEmpty']).waitFor();
  });

  it('shows the engine’s refusal next to each field, keeps the input and creates nothing', async () => {
    const badCccd = applicant.cccd.slice(0, 11);
    await field(vi['form.applicantCccd']).fill(badCccd);
    await optionalField(vi['form.applicantAddress']).fill(applicant.address);
    await submit().click();

    const name = field(vi['form.applicantName']);
    const cccd = field(vi['form.applicantCccd']);
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    expect(await cccd.getAttribute('aria-invalid')).toBe('true');
    expect(await describedText(name)).toContain(vi['problem.required']);
    expect(await describedText(cccd)).toContain(vi['problem.cccd.invalid']);
    expect(await main().getByRole('listbox', { name: vi['form.procedure'] }).getAttribute('aria-invalid')).toBe('true');
    expect(await main().getByRole('alert').textContent()).toContain(vi['form.hasErrors']);
    // What was typed is still there, and nothing was filed.
    expect(await cccd.inputValue()).toBe(badCccd);
    expect(await optionalField(vi['form.applicantAddress']).inputValue()).toBe(applicant.address);
    expect(await optionalField(vi['form.applicantAddress']).getAttribute('aria-invalid')).toBeNull();
    expect(await listRows().count()).toBe(0);
    expect((await app.engine.handlers['dossier.list']({ limit: 50, offset: 0 })).total).toBe(0);
    await page.screenshot({ path: `${SHOTS}/intake-form-errors.png`, fullPage: true });
  });

  it('files a correct dossier, picking the procedure by typing without accents', async () => {
    expect(birthRegistration).toHaveLength(1);
    const procedure = birthRegistration[0]!;
    await field(vi['form.procedureFilter']).fill('khai sinh');
    const list = main().getByRole('listbox', { name: vi['form.procedure'] });
    await expect.poll(() => list.inputValue()).toBe(procedure.code);
    await field(vi['form.applicantName']).fill(applicant.name);
    await field(vi['form.applicantCccd']).fill(applicant.cccd);
    await optionalField(vi['form.applicantPhone']).fill(applicant.phone);
    expect(await field(vi['form.receivedDate']).inputValue()).toBe(viDate(todayIso));
    await submit().click();

    // The desk of the new dossier opens at once; back to the list.
    await main()
      .getByRole('heading', { level: 1, name: vi['desk.title'].replace('{code}', expectedCode) })
      .waitFor();
    await main().getByRole('button', { name: vi['desk.back'], exact: false }).click();
    const row = listRows().filter({ hasText: expectedCode });
    await row.waitFor();
    const cells = (await row.locator('th, td').allTextContents()).map((s) => s.trim());
    const due = addWorkingDays(todayIso, procedure.processingDays ?? 0);
    expect(cells).toEqual([expectedCode, applicant.name, procedure.name, viDate(todayIso), viDate(due), vi['status.received']]);
    expect(await field(vi['form.applicantName']).inputValue()).toBe('');
    expect(await list.inputValue()).toBe(procedure.code);
    expect(await field(vi['form.applicantName']).getAttribute('aria-invalid')).toBeNull();
    await page.screenshot({ path: `${SHOTS}/intake-created.png`, fullPage: true });
  });

  it('moves from the procedure filter to the list with the keyboard, without submitting', async () => {
    const filter = field(vi['form.procedureFilter']);
    await filter.fill('ket hon');
    await filter.press('Enter');
    const list = main().getByRole('listbox', { name: vi['form.procedure'] });
    await expect.poll(() => list.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await main().getByRole('alert').count()).toBe(0);
    await filter.fill('khai sinh');
    await expect.poll(() => list.inputValue()).toBe(birthRegistration[0]!.code);
  });

  it('filters the list without accents', async () => {
    const filter = field(vi['intake.filterLabel']);
    await filter.fill('nguyen van anh');
    await listRows().filter({ hasText: expectedCode }).waitFor();
    await filter.fill('tran thi');
    await main().getByText(vi['intake.listNoMatch'].replace('{query}', 'tran thi')).waitFor();
    expect(await listRows().count()).toBe(0);
    await filter.fill('');
    await listRows().filter({ hasText: expectedCode }).waitFor();
  });

  it('still shows the dossier after a reload', async () => {
    await page.reload();
    await listRows().filter({ hasText: expectedCode }).waitFor();
    expect(await listRows().count()).toBe(1);
  });

  it('shows the engine’s counts on the progress page', async () => {
    await nav().getByRole('button', { name: VI_NAV[2] }).click();
    const tile = main()
      .locator('.stat')
      .filter({ has: page.getByText(vi['progress.dossiers'], { exact: true }) });
    await tile.waitFor();
    expect(await tile.locator('dd').textContent()).toBe('1');
    await page.screenshot({ path: `${SHOTS}/progress.png`, fullPage: true });
    await nav().getByRole('button', { name: VI_NAV[0] }).click();
  });

  it('switches to English and remembers it', async () => {
    await nav().getByRole('button', { name: VI_NAV[3] }).click();
    await main().getByRole('radio', { name: en['settings.lang.en'] }).check();
    await nav().getByRole('button', { name: EN_NAV[0] }).waitFor();
    expect(await navLabels()).toEqual(EN_NAV);
    expect(await main().getByRole('heading', { level: 1 }).textContent()).toBe(en['settings.title']);
    await page.screenshot({ path: `${SHOTS}/settings-english.png`, fullPage: true });
    await page.reload();
    await nav().getByRole('button', { name: EN_NAV[0] }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await main().getByRole('columnheader', { name: en['intake.col.applicant'] }).waitFor();
    await page.screenshot({ path: `${SHOTS}/intake-english.png`, fullPage: true });
  });

  it('finds the applicant by full-text search without accents, with the match highlighted', async () => {
    await nav().getByRole('button', { name: EN_NAV[1] }).click();
    await main().getByLabel(en['search.label'], { exact: true }).fill('nguyen');
    await main().getByRole('button', { name: en['search.submit'], exact: true }).click();
    const hit = main().locator('.hit').filter({ hasText: expectedCode });
    await hit.waitFor();
    expect((await hit.locator('mark').allTextContents()).map(foldVietnamese)).toContain('nguyen');
    await page.screenshot({ path: `${SHOTS}/search-hit.png`, fullPage: true });
  });

  it('explains an engine refusal in the current language when the search is empty', async () => {
    const box = main().getByLabel(en['search.label'], { exact: true });
    await box.fill('   ');
    await main().getByRole('button', { name: en['search.submit'], exact: true }).click();
    await expect.poll(() => box.getAttribute('aria-invalid')).toBe('true');
    expect(await describedText(box)).toContain(en['problem.required']);
  });

  it('ran without script errors or CSP violations', () => {
    expect(pageErrors).toEqual([]);
  });
});

describe('the browser transport', () => {
  let app: AppServer;
  beforeAll(async () => {
    app = await startAppServer();
  });
  afterAll(async () => {
    await app?.close();
  });

  const handshake = (url: string) =>
    new Promise<number | 'open'>((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.on('open', () => {
        ws.close();
        resolve('open');
      });
      ws.on('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        ws.terminate();
      });
      ws.on('error', (e) => reject(e));
    });

  it('refuses a WebSocket without the per-run secret and accepts one with it', async () => {
    const bare = app.server.wsUrl.replace(/\?secret=.*$/, '');
    expect(await handshake(bare)).toBe(401);
    expect(await handshake(`${bare}?secret=${'x'.repeat(app.server.secret.length)}`)).toBe(401);
    expect(await handshake(app.server.wsUrl)).toBe('open');
  });
});
