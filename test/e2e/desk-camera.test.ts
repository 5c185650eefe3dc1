import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi } from '../../src/renderer/src/i18n/vi';
import { startAppServer, type AppServer } from '../e2e-support/app-server';
import { signIn } from '../e2e-support/sign-in';
import { launchChromium } from '../e2e-support/browser';
import { corpusPage } from '../e2e-support/desk-fixtures';
import { REPO } from '../e2e-support/renderer-build';
import { tempDir } from '../support/temp-dir';

const SHOTS = `${REPO}test-output/e2e`;
const FRAME = { width: 960, height: 1280 };
const fill = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));

/** An MJPEG "camera": the same corpus page, as a few concatenated JPEG frames. */
async function makeFakeCamera(dir: string): Promise<string> {
  const frame = await sharp(corpusPage('viadm-4448').path)
    .resize(FRAME.width, FRAME.height, { fit: 'fill' })
    .jpeg({ quality: 85 })
    .toBuffer();
  const file = join(dir, 'camera.mjpeg');
  writeFileSync(file, Buffer.concat([frame, frame, frame]));
  return file;
}

describe('camera capture at the desk', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  const dir = tempDir('sohoa-camera-');
  let documentId = 0;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const camera = await makeFakeCamera(dir.path);
    app = await startAppServer();
    const procedure = (await app.engine.handlers['procedure.list']({}))[0]!;
    const dossier = await app.engine.handlers['dossier.create']({
      procedureCode: procedure.code,
      applicantName: 'Trần Thị Bình',
      applicantCccd: '074190012345',
      receivedDate: '2026-11-23',
    });
    documentId = (await app.engine.handlers['document.create']({ dossierId: dossier.id, component: procedure.components[0] })).id;
    browser = await launchChromium([
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${camera}`,
    ]);
    page = await browser.newPage({ viewport: { width: 1500, height: 1000 }, locale: 'vi-VN' });
    page.setDefaultTimeout(15_000);
    await page.goto(app.server.appUrl);
    await signIn(page, app);
    await page.getByRole('button', { name: fill(vi['intake.open'], { code: dossier.code }) }).click();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    dir.remove();
  });

  it('takes a frame from the camera as a page of the selected document', async () => {
    const main = page.getByRole('main');
    await main.getByRole('button', { name: vi['camera.start'] }).click();
    const video = main.getByLabel(vi['camera.video']);
    await expect.poll(() => video.evaluate((v) => (v as HTMLVideoElement).videoWidth)).toBe(FRAME.width);
    await main.getByRole('button', { name: vi['camera.capture'] }).click();
    await main.getByText(vi['camera.captured']).waitFor();
    await expect.poll(() => main.locator('.page-thumb').count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/desk-camera.png`, fullPage: true });

    const [doc] = await app.engine.handlers['document.list']({
      dossierId: (await app.engine.handlers['dossier.list']({ limit: 1, offset: 0 })).items[0]!.id,
    });
    expect(doc!.id).toBe(documentId);
    expect(doc!.pages.map((p) => p.source)).toEqual(['camera']);
    const stored = app.engine.store.blobs.get(app.engine.store.pages.get(doc!.pages[0]!.id)!.imageSha256);
    const meta = await sharp(stored).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', FRAME.width, FRAME.height]);
  });
});
