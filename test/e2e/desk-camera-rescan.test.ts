import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi } from '../../src/renderer/src/i18n/vi';
import type { PageSummary } from '../../src/shared/types';
import { startAppServer, type AppServer } from '../e2e-support/app-server';
import { launchChromium } from '../e2e-support/browser';
import { corpusPage } from '../e2e-support/desk-fixtures';
import { signIn } from '../e2e-support/sign-in';
import { tempDir } from '../support/temp-dir';
import { fill } from '../e2e-support/fill';

const FRAME = { width: 960, height: 1280 };
const SHEET = { width: 1654, height: 2339 };

/** An A4-shaped photo at 200 dpi: a blank sheet, or dark bars at a height that tells the pages apart. */
async function sheetJpeg(bars: number | null): Promise<Buffer> {
  const overlays =
    bars === null
      ? []
      : [0, 1, 2].map((i) => ({
          input: { create: { width: 1200, height: 60, channels: 3 as const, background: { r: 20, g: 20, b: 20 } } },
          left: 220,
          top: bars + i * 200,
        }));
  return sharp({ create: { ...SHEET, channels: 3, background: { r: 255, g: 255, b: 255 } } })
    .composite(overlays)
    .withMetadata({ density: 200 })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/**
 * The (width × height) of each page's full-resolution image in a PDF, in page order, from `pdfimages -list`:
 * the scan itself, or on a page stored as mixed raster content its text mask (256-row bands, heights summed).
 */
function pdfImageSizes(pdf: Buffer, dir: string): string[] {
  const file = join(dir, 'record.pdf');
  writeFileSync(file, pdf);
  const rows = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((line) => line.trim().split(/\s+/));
  const pages = [...new Set(rows.map((cols) => cols[0]!))];
  return pages.map((n) => {
    const own = rows.filter((cols) => cols[0] === n);
    const width = Math.max(...own.map((cols) => Number(cols[3])));
    const bands = own.filter((cols) => cols[2] === 'stencil');
    const height = bands.length
      ? bands.reduce((h, cols) => h + Number(cols[4]), 0)
      : Math.max(...own.filter((cols) => Number(cols[3]) === width).map((cols) => Number(cols[4])));
    return `${width}x${height}`;
  });
}

describe('re-scanning a page of a dossier taken by camera, in the browser', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  const dir = tempDir('sohoa-camera-rescan-');
  let dossierId = 0;
  let documentId = 0;
  const pageErrors: string[] = [];

  const main = () => page.getByRole('main');
  const documentOf = async () => (await app.engine.handlers['dossier.desk']({ id: dossierId })).documents.find((d) => d.id === documentId)!;
  const pagesOf = async (): Promise<PageSummary[]> => (await documentOf()).pages;

  beforeAll(async () => {
    // The fake camera shows a corpus page: the new photo of the sheet.
    const frame = await sharp(corpusPage('viadm-4448').path)
      .resize(FRAME.width, FRAME.height, { fit: 'fill' })
      .jpeg({ quality: 85 })
      .toBuffer();
    const camera = join(dir.path, 'camera.mjpeg');
    writeFileSync(camera, Buffer.concat([frame, frame, frame]));

    app = await startAppServer({ pipeline: true });
    const dossier = await app.engine.handlers['dossier.create']({
      procedureCode: 'MAU-HT-01',
      applicantName: 'Lê Thị Thu',
      applicantCccd: '074190000123',
      receivedDate: '2026-11-23',
    });
    dossierId = dossier.id;
    documentId = (await app.engine.handlers['document.create']({ dossierId })).id;
    // Three photos taken earlier by camera; the second came out blank.
    for (const bars of [300, null, 900]) {
      await app.engine.handlers['page.addImage']({ documentId, imageBase64: (await sheetJpeg(bars)).toString('base64'), source: 'camera' });
    }
    browser = await launchChromium([
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${camera}`,
    ]);
    page = await browser.newPage({ viewport: { width: 1500, height: 1000 }, locale: 'vi-VN' });
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(app.server.appUrl);
    await signIn(page, app);
    await main()
      .getByRole('button', { name: fill(vi['intake.open'], { code: dossier.code }) })
      .click();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    dir.remove();
  });

  it('takes a new photo of the blank page and puts it in the blank page’s place, in the record too', { timeout: 300_000 }, async () => {
    await expect.poll(async () => (await documentOf()).record?.version ?? 0, { timeout: 200_000, interval: 1000 }).toBeGreaterThan(0);
    const before = await pagesOf();
    const firstRecord = (await documentOf()).record!;
    const blank = before[1]!;
    expect(blank.blank).toBe(true);
    const blankRow = app.engine.store.pages.get(blank.id)!;

    // No scanner ever scanned this dossier: the desk asks for a file or a photo instead.
    await main()
      .locator('.document-card')
      .first()
      .locator('.page-thumb')
      .nth(1)
      .getByRole('button', { name: fill(vi['page.rescan'], { n: 2 }) })
      .click();
    await main()
      .getByText(fill(vi['desk.replacing'], { n: 2 }))
      .waitFor();
    await main().getByRole('button', { name: vi['camera.start'] }).click();
    await expect
      .poll(() =>
        main()
          .getByLabel(vi['camera.video'])
          .evaluate((v) => (v as HTMLVideoElement).videoWidth),
      )
      .toBe(FRAME.width);
    await main().getByRole('button', { name: vi['camera.capture'] }).click();
    await expect.poll(async () => (await pagesOf()).map((p) => p.id).includes(blank.id)).toBe(false);
    // The store changes before the desk hears back from the engine; the banner goes when it does.
    await expect
      .poll(() =>
        main()
          .getByText(fill(vi['desk.replacing'], { n: 2 }))
          .count(),
      )
      .toBe(0);
    // The photo replaced the page; it was not added as a fourth one.
    expect(await main().getByText(vi['camera.captured']).count()).toBe(0);

    const after = await pagesOf();
    expect(after.map((p) => p.position)).toEqual([1, 2, 3]);
    expect([after[0]!.id, after[2]!.id]).toEqual([before[0]!.id, before[2]!.id]);
    const replaced = app.engine.store.pages.get(after[1]!.id)!;
    expect(replaced).toMatchObject({ documentId, position: 2, source: 'camera' });
    expect(app.engine.store.pages.get(blank.id)).toBeUndefined();
    expect(replaced.imageSha256).not.toBe(blankRow.imageSha256);
    const photo = app.engine.store.blobs.get(replaced.imageSha256);
    const meta = await sharp(photo).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', FRAME.width, FRAME.height]);
    const audit = app.engine.store.db.prepare(`SELECT details FROM audit_event WHERE action = 'page.rescan'`).all() as {
      details: string;
    }[];
    expect(audit.map((a) => JSON.parse(a.details) as unknown)).toEqual([
      expect.objectContaining({
        oldPageId: blank.id,
        oldImageSha256: blankRow.imageSha256,
        newPageId: replaced.id,
        newImageSha256: replaced.imageSha256,
        position: 2,
        source: 'camera',
      }),
    ]);

    // The record is built again once the photo is read: three pages, the photo second, the blank sheet gone.
    await expect
      .poll(async () => (await documentOf()).record?.version ?? 0, { timeout: 200_000, interval: 1000 })
      .toBeGreaterThan(firstRecord.version);
    const read = await pagesOf();
    const sizes = (p: PageSummary) => `${p.width}x${p.height}`;
    const record = (await documentOf()).record!;
    expect(pdfImageSizes(app.engine.store.blobs.get(record.pdfSha256), dir.path)).toEqual(read.map(sizes));
    expect(pdfImageSizes(app.engine.store.blobs.get(firstRecord.pdfSha256), dir.path)).toEqual(before.map(sizes));
    expect(sizes(read[1]!)).not.toBe(sizes(blank));
  });

  it('ran without script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
