import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi } from '../../src/renderer/src/i18n/vi';
import { startAppServer, type AppServer } from '../e2e-support/app-server';
import { launchChromium } from '../e2e-support/browser';
import { REPO } from '../e2e-support/renderer-build';
import { tempDir } from '../support/temp-dir';
import { corpusPage } from '../e2e-support/desk-fixtures';
import { createTestPki, type TestPki } from '../record/support/test-pki';
import { fill } from '../e2e-support/fill';
import { importIntoComponent, openDossierAtDesk, switchUser, takeInDossier, unlockFileSigner } from '../e2e-support/desk-steps';

const SHOTS = process.env.SOHOA_SHOTS ?? `${REPO}test-output/e2e`;
const ADMIN = { name: 'Trần Quản Trị', username: 'quantri', password: 'mật khẩu quản trị' };
const AGENCY = { name: 'UBND phường Thủ Dầu Một', code: '000.31.25.H12' };
const MERGED = { name: 'UBND phường Phú Lợi, TP. Hồ Chí Minh', code: '000.31.79.H29' };
const CLERK = { username: 'canbo', displayName: 'Lê Cán Bộ', password: 'mật khẩu cán bộ' };
const APPLICANT = { procedure: 'Đăng ký khai sinh', name: 'Võ Văn Tú', cccd: '074093513649' };

describe('first start: the administrator, then the agency, before any intake', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let pki: TestPki;
  let dossiers: { before: number; after: number };
  const scratch = tempDir('sohoa-agency-');
  const main = () => page.getByRole('main');
  const field = (label: string) => main().getByLabel(label, { exact: true });
  const button = (name: string) => page.getByRole('button', { name, exact: true });
  const section = (key: string) =>
    main().locator('section.settings-section', {
      has: page.getByRole('heading', { level: 2, name: vi[`settings.section.${key}` as keyof typeof vi] }),
    });
  const openSettings = async () => {
    await page.getByRole('navigation').getByRole('button', { name: vi['nav.settings'] }).click();
    await main().getByRole('heading', { level: 2, name: vi['settings.section.agency'] }).waitFor();
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await startAppServer({ seedUsers: false, pipeline: true });
    pki = createTestPki();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
    page.setDefaultTimeout(20_000);
    await page.goto(app.server.appUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    pki?.cleanup();
    scratch.remove();
  });

  it('asks for the agency right after the administrator, checks the code as it is typed, and saves nothing half-valid', async () => {
    await page.getByRole('heading', { level: 1, name: vi['auth.setup.title'] }).waitFor();
    await field(vi['auth.displayName']).fill(ADMIN.name);
    await field(vi['auth.username']).fill(ADMIN.username);
    await field(vi['auth.password']).fill(ADMIN.password);
    await field(vi['auth.passwordRepeat']).fill(ADMIN.password);
    await button(vi['auth.setup.submit']).click();

    await page.getByRole('heading', { level: 1, name: vi['agencySetup.title'] }).waitFor();
    expect(await page.getByRole('navigation').isVisible()).toBe(false);
    await field('Tên cơ quan').fill(AGENCY.name);
    await field('Mã định danh điện tử của cơ quan').fill('H12.000');
    await main().getByText(vi['problem.setting.agency-code']).waitFor();
    expect(await button(vi['agencySetup.submit']).isDisabled()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'agency-setup-invalid.png') });
    expect(app.engine.agency()).toBeNull();

    await field('Mã định danh điện tử của cơ quan').fill(AGENCY.code);
    await field('Quầy').fill('Quầy 3');
    await button(vi['agencySetup.submit']).click();
    await page.getByRole('navigation').waitFor();
    expect(app.engine.agency()).toMatchObject({ name: AGENCY.name, code: AGENCY.code, desk: 'Quầy 3' });
    const changes = [...app.engine.store.audit.iterate()].filter((e) => e.action === 'setting.change').map((e) => [e.subject, e.actor]);
    expect(changes).toEqual(
      expect.arrayContaining([
        ['agency.name', ADMIN.username],
        ['agency.code', ADMIN.username],
        ['workstation.desk', ADMIN.username],
      ]),
    );
  });

  it('shows the Settings page by section, with the agency as saved', async () => {
    await page.getByRole('navigation').getByRole('button', { name: vi['nav.settings'] }).click();
    await main().getByRole('heading', { level: 2, name: vi['settings.section.agency'] }).waitFor();
    expect(await field('Tên cơ quan').inputValue()).toBe(AGENCY.name);
    for (const section of ['sync', 'security', 'ocr', 'scanners', 'signing'] as const) {
      await main()
        .getByRole('heading', { level: 2, name: vi[`settings.section.${section}`] })
        .waitFor();
    }
    await page.screenshot({ path: join(SHOTS, 'settings-page.png') });
    await page.screenshot({ path: join(SHOTS, 'settings-page-full.png'), fullPage: true });
    await field('Khung giờ đồng bộ').fill('25:00-06:00');
    await main().getByText(vi['problem.setting.window']).waitFor();
    for (const key of ['agency', 'scanners', 'ocr', 'signing', 'sync', 'security', 'desk', 'storage']) {
      await section(key).scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, `settings-${key}.png`) });
    }
  });

  it('offers the schema’s choices as lists, numbers as number fields with their range, and refuses an out-of-range number with its message', async () => {
    const model = field('Mô hình nhận dạng');
    expect(await model.evaluate((e) => e.tagName)).toBe('SELECT');
    expect(await model.locator('option').allTextContents()).toEqual(['Nhanh (fast)', 'Chính xác nhất (best)']);
    expect(await field('Nguồn chứng thư ký số').evaluate((e) => [...(e as HTMLSelectElement).options].map((o) => o.value))).toEqual([
      'file',
      'pkcs11',
    ]);
    const interval = field('Chu kỳ đồng bộ (phút)');
    expect(
      await interval.evaluate((e) => [(e as HTMLInputElement).type, (e as HTMLInputElement).min, (e as HTMLInputElement).max]),
    ).toEqual(['number', '1', '1440']);
    await interval.fill('5000');
    await section('sync').getByText(vi['problem.setting.range']).waitFor();
    expect(await section('sync').getByRole('button', { name: vi['settings.save'], exact: true }).isDisabled()).toBe(true);
    await field('Khung giờ đồng bộ').fill('');
    await interval.fill('30');

    await model.selectOption('best');
    await section('ocr').getByRole('button', { name: vi['settings.save'], exact: true }).click();
    await section('ocr').getByText(vi['settings.saved']).waitFor();
    expect(app.engine.settings.value('ocr.model')).toBe('best');
    await model.selectOption('fast');
    await section('ocr').getByRole('button', { name: vi['settings.save'], exact: true }).click();
    await expect.poll(() => app.engine.settings.value('ocr.model')).toBe('fast');
  });

  it('backs up now into the backup folder with its progress, and shows the last backup checked', async () => {
    const storage = section('storage');
    await storage.getByText(app.engine.store.dataDir, { exact: true }).waitFor();
    expect(await storage.getByRole('button', { name: vi['settings.storage.backupNow'] }).isDisabled()).toBe(true);
    await field('Thư mục sao lưu').fill('sao-luu');
    await storage.getByText(vi['problem.setting.absolute-path']).waitFor();
    const destination = join(scratch.path, 'usb');
    await field('Thư mục sao lưu').fill(destination);
    await storage.getByRole('button', { name: vi['settings.save'], exact: true }).click();
    await storage.getByText(vi['settings.saved']).waitFor();
    await storage.getByRole('button', { name: vi['settings.storage.backupNow'] }).click();
    const last = storage.locator('dd', { hasText: 'đã kiểm tra, nguyên vẹn' });
    await last.waitFor();
    const text = (await last.textContent()) ?? '';
    expect(text).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2} — \d+ tệp trong /);
    expect(text).toContain(join(destination, 'sohoa-'));
    expect([...app.engine.store.audit.iterate()].filter((e) => e.action === 'backup.create').map((e) => e.actor)).toEqual([ADMIN.username]);
    await storage.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'settings-storage-backed-up.png') });
  });

  it('puts the agency on the receipt, and a change applies to new dossiers only', { timeout: 120_000 }, async () => {
    // The administrator adds the desk's clerk; the clerk takes dossiers in at the intake form and imports their pages.
    await app.engine.handlers['user.create']({ ...CLERK, role: 'clerk' });
    const image = corpusPage('viadm-23e2').path;
    const takeIn = async () => {
      await switchUser(page, CLERK.username, CLERK.password);
      const code = await takeInDossier(page, APPLICANT);
      await importIntoComponent(page, 'Tờ khai đăng ký khai sinh', [image]);
      const { items } = await app.engine.handlers['dossier.list']({ kind: 'intake', limit: 10, offset: 0 });
      return items.find((d) => d.code === code)!;
    };
    const receipt = async (id: number) => {
      const { pdfBase64 } = await app.engine.handlers['dossier.receipt']({ id });
      const file = join(scratch.path, `receipt-${id}.pdf`);
      writeFileSync(file, Buffer.from(pdfBase64, 'base64'));
      return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    };
    const before = await takeIn();
    expect(before.code.startsWith(`${AGENCY.code}-`)).toBe(true);
    expect(await receipt(before.id)).toContain(AGENCY.name.toUpperCase());

    await switchUser(page, ADMIN.username, ADMIN.password);
    await openSettings();
    await field('Tên cơ quan').fill(MERGED.name);
    await field('Mã định danh điện tử của cơ quan').fill(MERGED.code);
    await section('agency').getByRole('button', { name: vi['settings.save'], exact: true }).click();
    await section('agency').getByText(vi['settings.saved']).waitFor();
    const after = await takeIn();
    expect(after.code.startsWith(`${MERGED.code}-`)).toBe(true);
    const newer = await receipt(after.id);
    expect(newer).toContain(MERGED.name.toUpperCase());
    expect(newer).toContain(MERGED.code);
    const older = await receipt(before.id);
    expect(older).toContain(AGENCY.name.toUpperCase());
    expect(older).not.toContain(MERGED.code);
    dossiers = { before: before.id, after: after.id };
  });

  it('signs records whose XMP and copy stamp carry the agency each dossier was taken in under', { timeout: 300_000 }, async () => {
    const h = app.engine.handlers;
    await app.engine.idle();
    let unlocked = false;
    const record = async (which: 'before' | 'after') => {
      // The clerk opens the dossier from the intake list and signs it with the desk's own buttons.
      await page.getByRole('navigation').getByRole('button', { name: vi['nav.intake'] }).click();
      const { code } = await h['dossier.get']({ id: dossiers[which] });
      await openDossierAtDesk(page, code);
      if (!unlocked) {
        await unlockFileSigner(main(), pki);
        unlocked = true;
      }
      await main().getByRole('button', { name: vi['finalize.submit'] }).click();
      await main().getByRole('alertdialog').getByRole('button', { name: vi['finalize.confirmMissing'] }).click();
      await main()
        .getByText(fill(vi['finalize.done'], { count: 1 }))
        .waitFor();
      await page.screenshot({ path: join(SHOTS, `agency-finalized-${which}.png`) });
      expect((await h['dossier.get']({ id: dossiers[which] })).status).toBe('finalized');
      const [document] = (await h['dossier.desk']({ id: dossiers[which] })).documents;
      const latest = app.engine.store.records.latest(document!.id)!;
      const file = join(scratch.path, `${which}.pdf`);
      writeFileSync(file, app.engine.store.blobs.get(latest.pdfSha256));
      return {
        meta: execFileSync('pdfinfo', ['-meta', file], { encoding: 'utf8' }),
        stamp: execFileSync('pdftotext', ['-l', '1', file, '-'], { encoding: 'utf8' }),
      };
    };
    const older = await record('before');
    expect(older.meta).toContain(`<sohoa:digitizingAgency>${AGENCY.name}</sohoa:digitizingAgency>`);
    expect(older.meta).toContain(`<sohoa:digitizingAgencyCode>${AGENCY.code}</sohoa:digitizingAgencyCode>`);
    expect(older.meta).toContain('<sohoa:desk>Quầy 3</sohoa:desk>');
    expect(older.stamp).toContain(AGENCY.name);
    expect(older.stamp).not.toContain(MERGED.name);
    const newer = await record('after');
    expect(newer.meta).toContain(`<sohoa:digitizingAgencyCode>${MERGED.code}</sohoa:digitizingAgencyCode>`);
    expect(newer.stamp).toContain(MERGED.name);
  });
});
