import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi } from '../../src/renderer/src/i18n/vi';
import { startAppServer, type AppServer } from '../e2e-support/app-server';
import { launchChromium } from '../e2e-support/browser';
import { screenshotDir } from '../e2e-support/screenshots';
import { signIn } from '../e2e-support/sign-in';

const SHOTS = screenshotDir('audit-log');
const SHA256 = '9f2c4a1b074093513649e5d0c3b2a1f0123456789012fedcba9876543210abcd';
const RETURNED_AT = '2026-12-03T02:05:00.000Z';

describe('the audit log page in the browser at 1366×768: details in words, the mask, the filters', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let code = '';
  const pageErrors: string[] = [];
  const main = () => page.getByRole('main');
  const rows = () => main().locator('.audit-table tbody tr');
  const rowOf = (action: string) => rows().filter({ has: page.locator(`td[title="${action}"]`) });
  /** A detail of a row, by its key: its label and its value as shown. */
  const detail = async (action: string, key: string) => {
    const item = rowOf(action).first().locator(`.audit-details [data-key="${key}"]`);
    return {
      label: (await item.locator('dt').textContent())?.trim(),
      value: (await item.locator('dd').textContent())?.trim(),
      title: await item.locator('dd').getAttribute('title'),
    };
  };

  beforeAll(async () => {
    app = await startAppServer();
    const { engine } = app;
    code = (
      await engine.handlers['dossier.create']({
        procedureCode: 'MAU-HT-01',
        applicantName: 'Đỗ Thị Mai',
        applicantCccd: '074190000123',
        receivedDate: '2026-11-23',
      })
    ).code;
    // Events of the shapes the engine writes (the sync runner, the bag export, the hand-back, an archive intake).
    engine.audit.append({ actor: 'sync', action: 'sync.export-bag', subject: '/media/usb/goi', details: { records: 3, bytes: 1_572_864 } });
    engine.audit.append({
      actor: 'sync',
      action: 'sync.record.acknowledged',
      subject: '7',
      details: { dossierCode: code, version: 2, receiptId: 'r-41', duplicate: false, sha256: SHA256 },
    });
    engine.audit.append({
      actor: 'clerk',
      action: 'dossier.hand-back',
      subject: '1',
      details: { returnedAt: RETURNED_AT, receiverKind: 'applicant', method: 'desk', onTime: true, workingDaysLate: 0 },
    });
    engine.audit.append({ actor: 'archivist', action: 'archive.dossier.create', subject: 'LT-2021-0001', details: { box: 12 } });
    engine.audit.append({
      actor: 'clerk',
      action: 'page.note',
      subject: '1',
      details: { note: 'CCCD 074093513649', origin: 'máy quét 2' },
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(app.server.appUrl);
    await signIn(page, app, 'supervisor');
    await page.getByRole('navigation').getByRole('button', { name: vi['nav.audit'] }).click();
    await rowOf('dossier.create').first().waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows each event’s details in words, never as JSON', async () => {
    const cells = await main().locator('.audit-table tbody td:nth-child(6)').allTextContents();
    expect(cells.length).toBeGreaterThan(5);
    expect(cells.filter((c) => /[{}"]/.test(c))).toEqual([]);
    // Times to the second, day before month, the year in full: never the browser's own short order.
    const times = await main().locator('.audit-table tbody td:nth-child(1)').allTextContents();
    expect(times.filter((at) => !/^\d{2}:\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/.test(at.trim()))).toEqual([]);
    expect(await detail('dossier.create', 'procedure')).toMatchObject({ label: vi['audit.key.procedure'], value: 'MAU-HT-01' });
    expect(await detail('sync.export-bag', 'bytes')).toMatchObject({ label: vi['audit.key.bytes'], value: '1,5 MB' });
    expect(await detail('sync.export-bag', 'records')).toMatchObject({ label: vi['audit.key.records'], value: '3' });
    expect(await detail('sync.record.acknowledged', 'dossierCode')).toMatchObject({ label: vi['audit.key.dossierCode'], value: code });
    expect(await detail('sync.record.acknowledged', 'duplicate')).toMatchObject({ value: vi['audit.value.no'] });
    // A moment in local time, day before month (the browser runs in the machine's zone, as the page does).
    const returned = await detail('dossier.hand-back', 'returnedAt');
    const local = await page.evaluate((iso) => {
      const d = new Date(iso);
      const two = (n: number) => String(n).padStart(2, '0');
      return `${two(d.getHours())}:${two(d.getMinutes())} ${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()}`;
    }, RETURNED_AT);
    expect(returned).toMatchObject({ label: vi['audit.key.returnedAt'], value: local, title: RETURNED_AT });
    expect(await detail('dossier.hand-back', 'method')).toMatchObject({ value: vi['handBack.method.desk'] });
    expect(await detail('dossier.hand-back', 'onTime')).toMatchObject({ label: vi['audit.key.onTime'], value: vi['audit.value.yes'] });
    // A key this version has no label for shows as key: value.
    expect(await detail('page.note', 'origin')).toMatchObject({ label: 'origin', value: 'máy quét 2' });
  });

  it('masks a CCCD that stands alone, and shows a digest whole in its title, its digits untouched', async () => {
    expect((await detail('page.note', 'note')).value).toBe('CCCD ••••••••••••');
    const digest = await detail('sync.record.acknowledged', 'sha256');
    expect(digest.title).toBe(SHA256);
    expect(digest.value).toBe(`${SHA256.slice(0, 8)}…${SHA256.slice(-4)}`);
    await page.screenshot({ path: `${SHOTS}/audit-details.png` });
  });

  it('filters by one action chosen by its Vietnamese label, exactly: "Tạo hồ sơ" is not "Tạo hồ sơ lưu trữ"', async () => {
    const select = main().getByLabel(vi['audit.action'], { exact: true });
    expect(await select.evaluate((s) => s.tagName)).toBe('SELECT');
    await select.selectOption({ label: vi['audit.action.dossier.create'] });
    await page.getByRole('button', { name: vi['audit.apply'], exact: true }).click();
    await expect
      .poll(async () =>
        (
          await rows()
            .locator('td:nth-child(3)')
            .evaluateAll((c) => c.map((e) => e.getAttribute('title')))
        ).join(),
      )
      .toBe('dossier.create');
    expect((await rows().locator('td:nth-child(3)').textContent())?.trim()).toBe(vi['audit.action.dossier.create']);
    await page.screenshot({ path: `${SHOTS}/audit-action-filter.png` });
  });

  it('finds events by text in their subject, separately from the action', async () => {
    await main().getByLabel(vi['audit.action'], { exact: true }).selectOption({ label: vi['audit.actionAll'] });
    await main().getByLabel(vi['audit.text'], { exact: true }).fill('LT-2021');
    await page.getByRole('button', { name: vi['audit.apply'], exact: true }).click();
    await expect.poll(async () => (await rows().locator('td:nth-child(4)').allTextContents()).join()).toBe('LT-2021-0001');
  });

  it('ran without script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
