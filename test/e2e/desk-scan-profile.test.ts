import { join } from 'node:path';
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi } from '../../src/renderer/src/i18n/vi';
import { makeSaneTestConfig, useSaneTestScanner } from '../capture/sane-test-scanner';
import { openAppPage } from '../e2e-support/app-page';
import { startAppServer, type AppServer } from '../e2e-support/app-server';
import { openDossierAtDesk } from '../e2e-support/desk-steps';
import { fill } from '../e2e-support/fill';
import { createBirthRegistration } from '../e2e-support/sample-dossier';
import { screenshotDir } from '../e2e-support/screenshots';

const A4_COLOUR = {
  name: 'A4 màu 300 dpi',
  driver: 'sane',
  deviceId: 'test:0',
  dpi: 300,
  colorMode: 'color',
  source: 'flatbed',
  duplex: false,
  paper: 'A4',
};
const CARD_GREY = {
  name: 'Thẻ xám 200 dpi',
  driver: 'sane',
  deviceId: 'test:0',
  dpi: 200,
  colorMode: 'gray',
  source: 'flatbed',
  duplex: false,
  paper: 'custom',
  widthMm: 100,
  heightMm: 150,
  default: true,
};

/** An image of the profile's paper at its dpi, give or take the device's rounding of the scan area (±2 px), with the colour mode's channels. */
function expectSize(image: { width?: number; height?: number; channels?: number }, [width, height]: [number, number], channels: number) {
  expect(Math.abs(image.width! - width)).toBeLessThanOrEqual(2);
  expect(Math.abs(image.height! - height)).toBeLessThanOrEqual(2);
  expect(image.channels).toBe(channels);
}

/** The desk's scan control offers the profiles saved in Settings, the default first, and scans with the chosen one through SANE's `test` device. */
describe('scanning at the desk with a saved scanner profile', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  let sane: Awaited<ReturnType<typeof makeSaneTestConfig>>;
  let dossierId: number;
  const shots = screenshotDir('desk-scan-profile');
  const main = () => page.getByRole('main');
  const profileChoice = () => main().getByRole('combobox', { name: vi['scan.profile'], exact: true });
  /** The image of the document's newest page, as the engine stored it. */
  const newestImage = async () => {
    const [document] = (await app.engine.handlers['dossier.desk']({ id: dossierId })).documents;
    const newest = document!.pages.at(-1)!;
    return sharp(app.engine.store.blobs.get(app.engine.store.pages.get(newest.id)!.imageSha256)).metadata();
  };
  const scanWithChosenProfile = async (pages: number) => {
    await main().getByRole('button', { name: vi['scan.start'] }).click();
    await main()
      .getByText(fill(vi['scan.done'], { count: 1 }))
      .waitFor();
    await expect.poll(async () => (await app.engine.handlers['dossier.desk']({ id: dossierId })).documents[0]!.pages.length).toBe(pages);
  };

  beforeAll(async () => {
    sane = await makeSaneTestConfig();
    app = await startAppServer();
    useSaneTestScanner(app.engine.store.settings, sane.env);
    // Saved in this order; the second is the default.
    app.engine.store.settings.set('scanner.profiles', JSON.stringify([A4_COLOUR, CARD_GREY]));
    const dossier = await createBirthRegistration(app.engine.handlers);
    dossierId = dossier.id;
    await app.engine.handlers['document.create']({ dossierId, component: 'Tờ khai đăng ký khai sinh' });
    ({ browser, page, pageErrors } = await openAppPage(app, { timeout: 30_000 }));
    await openDossierAtDesk(page, dossier.code);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await sane?.cleanup();
  });

  it(
    'offers the profiles by name, the default first, and scans with its device, resolution, colour and paper size',
    { timeout: 120_000 },
    async () => {
      await expect
        .poll(() => profileChoice().locator('option').allTextContents())
        .toEqual([CARD_GREY.name, A4_COLOUR.name, vi['scan.profileManual']]);
      expect(await profileChoice().inputValue()).toBe(CARD_GREY.name);
      // With a profile chosen, nothing is picked by hand.
      expect(await main().getByRole('combobox', { name: vi['scan.device'], exact: true }).count()).toBe(0);
      await main().getByText('test:0 · 200 dpi · Xám · Mặt kính · khổ 100×150 mm').waitFor();
      await main().locator('.scan-profile-choice').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(shots, 'profile-default.png') });

      await scanWithChosenProfile(1);
      // 100 × 150 mm at 200 dpi, grey: what scanimage was asked for (-x/-y, --resolution, --mode Gray).
      const card = await newestImage();
      expectSize(card, [787, 1181], 1);
      expect(app.engine.store.dossiers.scanProfile(dossierId)).toMatchObject({
        driver: 'sane',
        deviceId: 'test:0',
        dpi: 200,
        colorMode: 'gray',
      });

      await profileChoice().selectOption(A4_COLOUR.name);
      await main().getByText('test:0 · 300 dpi · Màu · Mặt kính · khổ A4').waitFor();
      await scanWithChosenProfile(2);
      const a4 = await newestImage();
      expectSize(a4, [2480, 3508], 3);
      await page.screenshot({ path: join(shots, 'profile-a4-scanned.png') });
    },
  );

  it('still lets the clerk pick the scanner and its settings by hand', async () => {
    await profileChoice().selectOption({ label: vi['scan.profileManual'] });
    const device = main().getByRole('combobox', { name: vi['scan.device'], exact: true });
    await expect.poll(() => device.locator('option').count()).toBeGreaterThan(0);
    await main().getByRole('combobox', { name: vi['scan.dpi'], exact: true }).waitFor();
    await page.screenshot({ path: join(shots, 'profile-manual.png') });
    expect(pageErrors).toEqual([]);
  });
});
