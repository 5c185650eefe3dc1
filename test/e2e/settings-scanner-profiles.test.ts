import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi } from '../../src/renderer/src/i18n/vi';
import { makeSaneTestConfig, useSaneTestScanner } from '../capture/sane-test-scanner';
import { startAppServer, type AppServer } from '../e2e-support/app-server';
import { openAppPage } from '../e2e-support/app-page';
import { screenshotDir } from '../e2e-support/screenshots';

const fill = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));

/** The Settings page's scanner profiles: a form per profile, checked as typed, and a test scan through SANE's `test` device. */
describe('scanner profiles in the Settings page', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let sane: Awaited<ReturnType<typeof makeSaneTestConfig>>;
  const shots = screenshotDir('settings-scanner-profiles');
  const main = () => page.getByRole('main');
  const profile = (n: number) => main().getByRole('region', { name: fill(vi['settings.scanners.profile'], { n }) });
  const button = (name: string) => main().getByRole('button', { name, exact: true });

  beforeAll(async () => {
    sane = await makeSaneTestConfig();
    app = await startAppServer();
    useSaneTestScanner(app.engine.store.settings, sane.env);
    ({ browser, page } = await openAppPage(app, { timeout: 30_000, role: 'administrator' }));
    await page.getByRole('navigation').getByRole('button', { name: vi['nav.settings'] }).click();
    await main().getByRole('heading', { level: 2, name: vi['settings.section.scanners'] }).waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await sane?.cleanup();
  });

  it(
    'adds a profile by its form, refuses what the schema refuses as it is typed, test-scans it and saves it',
    { timeout: 120_000 },
    async () => {
      await button(vi['settings.scanners.add']).click();
      const form = profile(1);
      await form.getByLabel(vi['settings.scanners.name'], { exact: true }).fill('A4 xám mặt kính');
      const device = form.getByLabel(vi['settings.scanners.device'], { exact: true });
      await expect
        .poll(async () => (await device.locator('option').allTextContents()).some((o) => o.includes('test:0')), { timeout: 30_000 })
        .toBe(true);
      await device.selectOption({ value: 'sane|test:0' });

      // Below Decree 30's 200 dpi, and two-sided from the flatbed: both refused beside their field, nothing savable.
      await form.getByLabel(vi['settings.scanners.dpi'], { exact: true }).fill('150');
      await form.getByText(vi['problem.setting.range']).waitFor();
      await form.getByLabel(vi['settings.scanners.duplex']).check();
      await form.getByText(vi['problem.setting.duplex-needs-feeder']).waitFor();
      const save = main()
        .locator('section.settings-section', { has: page.getByRole('heading', { level: 2, name: vi['settings.section.scanners'] }) })
        .getByRole('button', { name: vi['settings.save'], exact: true });
      expect(await save.isDisabled()).toBe(true);
      expect(await form.getByRole('button', { name: vi['settings.scanners.testScan'] }).isDisabled()).toBe(true);
      await form.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(shots, 'profile-invalid.png') });

      await form.getByLabel(vi['settings.scanners.dpi'], { exact: true }).fill('200');
      await form.getByLabel(vi['settings.scanners.duplex']).uncheck();
      await form.getByLabel(vi['settings.scanners.colorMode'], { exact: true }).selectOption('gray');
      await form.getByRole('button', { name: vi['settings.scanners.testScan'] }).click();
      const preview = form.locator('figure.scan-preview img');
      await preview.waitFor();
      // A4 at 200 dpi from the test device's Grid picture: 1654 × 2339 pixels (210 × 297 mm).
      const caption = await form.locator('figure.scan-preview figcaption').textContent();
      expect(caption).toMatch(/A4 xám mặt kính: 165\d×23\d\d điểm ảnh, 200 dpi/);
      expect(await preview.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(500);
      await preview.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(shots, 'profile-test-scan.png') });

      await save.click();
      await main().getByText(vi['settings.saved']).first().waitFor();
      expect(app.engine.settings.value('scanner.profiles')).toEqual([
        {
          name: 'A4 xám mặt kính',
          driver: 'sane',
          deviceId: 'test:0',
          dpi: 200,
          colorMode: 'gray',
          source: 'flatbed',
          duplex: false,
          paper: 'A4',
        },
      ]);
      const change = [...app.engine.store.audit.iterate()].filter((e) => e.action === 'setting.change' && e.subject === 'scanner.profiles');
      expect(change.map((e) => e.actor)).toEqual(['administrator']);
    },
  );

  it(
    'takes the paper size into the profile: A3 refused by the test device’s 300 mm bed, a custom size checked as typed and scanned at that size',
    { timeout: 120_000 },
    async () => {
      const form = profile(1);
      const paper = form.getByLabel(vi['settings.scanners.paper'], { exact: true });
      expect(await paper.inputValue()).toBe('A4');
      await paper.selectOption('A3');
      await form.getByRole('button', { name: vi['settings.scanners.testScan'] }).click();
      await form.getByText(vi['error.scanner.paper-too-large']).waitFor();
      await form.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(shots, 'profile-a3-too-large.png') });

      await paper.selectOption('custom');
      const width = form.getByLabel(vi['settings.scanners.widthMm'], { exact: true });
      const height = form.getByLabel(vi['settings.scanners.heightMm'], { exact: true });
      // Nothing typed yet, then a width beyond any scan bed: refused beside the field, nothing to test-scan or save.
      await form.getByText(vi['problem.required']).first().waitFor();
      await width.fill('1500');
      await form.getByText(vi['problem.setting.range']).waitFor();
      expect(await form.getByRole('button', { name: vi['settings.scanners.testScan'] }).isDisabled()).toBe(true);
      await width.fill('100');
      await height.fill('150');
      await form.getByRole('button', { name: vi['settings.scanners.testScan'] }).click();
      // 100 × 150 mm at 200 dpi: 787 × 1181 pixels, the size scanimage was asked for (-x/-y), not A4.
      await expect
        .poll(() => form.locator('figure.scan-preview figcaption').textContent())
        .toMatch(/A4 xám mặt kính: 78\d×11[78]\d điểm ảnh, 200 dpi/);
      await form.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(shots, 'profile-custom-size.png') });

      await main()
        .locator('section.settings-section', { has: page.getByRole('heading', { level: 2, name: vi['settings.section.scanners'] }) })
        .getByRole('button', { name: vi['settings.save'], exact: true })
        .click();
      await expect
        .poll(() => app.engine.settings.value('scanner.profiles'))
        .toMatchObject([{ paper: 'custom', widthMm: 100, heightMm: 150 }]);

      // The desk's default profile: ticked here, saved with the profile.
      await form.getByLabel(vi['settings.scanners.default']).check();
      await main()
        .locator('section.settings-section', { has: page.getByRole('heading', { level: 2, name: vi['settings.section.scanners'] }) })
        .getByRole('button', { name: vi['settings.save'], exact: true })
        .click();
      await expect.poll(() => app.engine.settings.value('scanner.profiles')).toMatchObject([{ name: 'A4 xám mặt kính', default: true }]);
      await form.getByLabel(vi['settings.scanners.default']).scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(shots, 'profile-default.png') });
    },
  );

  it('shows the scanner drivers as a form, not JSON, and keeps what it does not show', { timeout: 60_000 }, async () => {
    const scanners = main().locator('section.settings-section', {
      has: page.getByRole('heading', { level: 2, name: vi['settings.section.scanners'] }),
    });
    expect(await scanners.getByLabel(vi['settings.drivers.sane']).isChecked()).toBe(true);
    expect(await scanners.getByLabel(vi['settings.drivers.saneConfigDir'], { exact: true }).inputValue()).toBe(sane.env.SANE_CONFIG_DIR);
    expect(await scanners.getByLabel(vi['settings.drivers.extraArgs'], { exact: true }).inputValue()).toBe('--test-picture\nGrid');
    // Nothing on the Settings page is a box of raw JSON.
    const boxes = await main()
      .locator('input:not([type=checkbox]), textarea')
      .evaluateAll((elements) => elements.map((e) => (e as HTMLInputElement).value.trim()));
    const json = (v: string) => {
      try {
        return typeof JSON.parse(v) === 'object';
      } catch {
        return false;
      }
    };
    expect(boxes.filter(json)).toEqual([]);

    await scanners.getByLabel(vi['settings.drivers.escl'], { exact: true }).fill('192.168.1.20\n\nscanner.local:8080');
    await scanners.getByLabel(vi['settings.drivers.wia']).uncheck();
    await scanners.scrollIntoViewIfNeeded();
    await scanners.getByLabel(vi['settings.drivers.escl'], { exact: true }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, 'drivers-form.png') });
    await scanners.getByRole('button', { name: vi['settings.save'], exact: true }).click();
    await expect
      .poll(() => app.engine.settings.value('scanner.drivers'))
      .toEqual({
        sane: { env: sane.env, extraScanArgs: ['--test-picture', 'Grid'] },
        wia: false,
        escl: { addresses: ['192.168.1.20', 'scanner.local:8080'] },
      });
    const change = [...app.engine.store.audit.iterate()].filter((e) => e.action === 'setting.change' && e.subject === 'scanner.drivers');
    expect(change.map((e) => e.actor)).toEqual(['administrator']);

    // Opened again, the page reads back what was saved: the profile as its form, the drivers as theirs.
    await page.reload();
    await page.getByRole('navigation').getByRole('button', { name: vi['nav.settings'] }).click();
    await main().getByRole('heading', { level: 2, name: vi['settings.section.scanners'] }).waitFor();
    expect(await profile(1).getByLabel(vi['settings.scanners.name'], { exact: true }).inputValue()).toBe('A4 xám mặt kính');
    expect(await scanners.getByLabel(vi['settings.drivers.escl'], { exact: true }).inputValue()).toBe('192.168.1.20\nscanner.local:8080');
  });
});
