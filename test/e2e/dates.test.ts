import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi } from '../../src/renderer/src/i18n/vi';
import { startAppServer, type AppServer } from '../e2e-support/app-server';
import { launchChromium } from '../e2e-support/browser';
import { signIn } from '../e2e-support/sign-in';
import { screenshotDir } from '../e2e-support/screenshots';
import { fillIntakeForm } from '../e2e-support/desk-steps';

const SHOTS = screenshotDir('dates');
const fill = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));

// A browser whose locale orders dates month first: the screens must still show and take day first.
describe('dates are shown and typed as dd/mm/yyyy, whatever the browser’s locale', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let code = '';
  let documentId = 0;
  const pageErrors: string[] = [];

  const main = () => page.getByRole('main');
  const field = (label: string) => main().getByLabel(label, { exact: true });
  const dateRow = () => main().locator('.field-row[data-field="docDate"]');
  const storedDate = async () => (await app.engine.handlers['document.fields']({ documentId })).find((f) => f.name === 'docDate')?.value;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await startAppServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(app.server.appUrl);
    await signIn(page, app);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('takes the received and due dates at intake day first, with dots or dashes, and lists them day first', async () => {
    await fillIntakeForm(page, { procedure: 'khai sinh', name: 'Lê Thị Hoa', cccd: '074190000123' });
    const received = field(vi['form.receivedDate']);
    expect(await received.inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    await received.fill('01-12-2026');
    await field(`${vi['form.dueDate']} ${vi['form.optional']}`).fill('30.12.2026');
    await page.screenshot({ path: `${SHOTS}/intake-dates.png` });
    await main().getByRole('button', { name: vi['form.submit'], exact: true }).click();
    await expect.poll(async () => (await app.engine.handlers['dossier.list']({ limit: 1, offset: 0 })).total).toBe(1);
    const dossier = (await app.engine.handlers['dossier.list']({ limit: 1, offset: 0 })).items[0]!;
    expect([dossier.receivedDate, dossier.dueDate]).toEqual(['2026-12-01', '2026-12-30']);
    code = dossier.code;
    await main()
      .getByRole('heading', { level: 1, name: fill(vi['desk.title'], { code }) })
      .waitFor();
    await main().getByRole('button', { name: vi['desk.back'] }).click();
    const row = main().locator('.dossier-table tbody tr').filter({ hasText: code });
    expect((await row.locator('td.date').allTextContents()).map((s) => s.trim())).toEqual(['01/12/2026', '30/12/2026']);
  });

  it('refuses a date that is no day, with the expected form in the message', async () => {
    await field(vi['form.applicantName']).fill('Lê Thị Hoa');
    await field(vi['form.applicantCccd']).fill('074190000123');
    await field(vi['form.receivedDate']).fill('31/02/2026');
    await main().getByRole('button', { name: vi['form.submit'], exact: true }).click();
    await main().getByText(vi['problem.date.invalid']).first().waitFor();
    expect(vi['problem.date.invalid']).toContain('30/11/2024');
    expect(await field(vi['form.receivedDate']).inputValue()).toBe('31/02/2026');
  });

  it('corrects a document date at the desk as 30/11/2024, 30-11-2024 or 30.11.2024, and shows it day first', async () => {
    const dossier = (await app.engine.handlers['dossier.list']({ limit: 5, offset: 0 })).items.find((d) => d.code === code)!;
    documentId = (await app.engine.handlers['document.create']({ dossierId: dossier.id, component: 'Giấy chứng sinh' })).id;
    // A corrected number makes the fields panel show its rows without waiting for OCR.
    await app.engine.handlers['document.setField']({ documentId, name: 'docNumber', value: '12/GCS' });
    await main()
      .getByRole('button', { name: fill(vi['intake.open'], { code }) })
      .click();
    await main()
      .getByRole('heading', { level: 1, name: fill(vi['desk.title'], { code }) })
      .waitFor();
    const edit = () => dateRow().getByRole('button', { name: `${vi['fields.edit']} ${vi['fields.name.docDate']}` });
    const input = () => dateRow().getByLabel(vi['fields.name.docDate']);
    const save = () => dateRow().getByRole('button', { name: vi['fields.save'] });

    for (const typed of ['30/11/2024', '30-11-2024', '30.11.2024']) {
      await app.engine.handlers['document.setField']({ documentId, name: 'docDate', value: '2020-01-01' });
      await dateRow().locator('.value').filter({ hasText: '01/01/2020' }).waitFor();
      await edit().click();
      expect(await input().inputValue()).toBe('01/01/2020');
      await input().fill(typed);
      await save().click();
      await dateRow().locator('.value').filter({ hasText: '30/11/2024' }).waitFor();
      expect(await storedDate()).toBe('2024-11-30');
    }
    await edit().click();
    await input().fill('30/13/2024');
    await save().click();
    await dateRow().getByText(vi['problem.date.invalid']).waitFor();
    await page.screenshot({ path: `${SHOTS}/desk-date-invalid.png` });
    expect(await storedDate()).toBe('2024-11-30');
  });

  it('ran without script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
