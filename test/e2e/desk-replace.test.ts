import { join } from 'node:path';
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi } from '../../src/renderer/src/i18n/vi';
import { startAppServer, type AppServer } from '../e2e-support/app-server';
import { tempDir } from '../support/temp-dir';
import { fill } from '../e2e-support/fill';
import { openAppPage } from '../e2e-support/app-page';

/** An A4-shaped page at 200 dpi: plain white (a blank sheet), or with dark bars (something on it). */
async function pageImage(path: string, bars: boolean) {
  const width = 1654;
  const height = 2339;
  const overlays = bars
    ? [0, 1, 2, 3].map((i) => ({
        input: { create: { width: 1200, height: 60, channels: 3 as const, background: { r: 20, g: 20, b: 20 } } },
        left: 220,
        top: 300 + i * 200,
      }))
    : [];
  await sharp({ create: { width, height, channels: 3, background: { r: 255, g: 255, b: 255 } } })
    .composite(overlays)
    .withMetadata({ density: 200 })
    .png()
    .toFile(path);
}

describe('re-scanning a page of a dossier captured from files, in the browser', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  const files = tempDir('sohoa-desk-replace-');
  const blankFile = join(files.path, 'trang-trang.png');
  const firstFile = join(files.path, 'trang-1.png');
  const newFile = join(files.path, 'trang-quet-lai.png');
  let dossierId = 0;
  let pageErrors: string[] = [];

  const main = () => page.getByRole('main');
  const thumbs = () => main().locator('.document-card').first().locator('.page-thumb');
  const pagesOf = async () => (await app.engine.handlers['dossier.desk']({ id: dossierId })).documents[0]!.pages;

  beforeAll(async () => {
    await pageImage(firstFile, true);
    await pageImage(blankFile, false);
    await pageImage(newFile, true)
      .then(() => sharp(newFile).rotate(180).toBuffer())
      .then((b) => sharp(b).toFile(newFile));
    app = await startAppServer({ pipeline: true });
    const dossier = await app.engine.handlers['dossier.create']({
      procedureCode: 'MAU-HT-01',
      applicantName: 'Hồ Văn Sơn',
      applicantCccd: '074190000123',
      receivedDate: '2026-11-23',
    });
    dossierId = dossier.id;
    const documentId = (await app.engine.handlers['document.create']({ dossierId })).id;
    await app.engine.handlers['document.importFiles']({ documentId, paths: [firstFile, blankFile] });
    ({ browser, page, pageErrors } = await openAppPage(app, { viewport: { width: 1500, height: 1000 } }));
    await main()
      .getByRole('button', { name: fill(vi['intake.open'], { code: dossier.code }) })
      .click();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    files.remove();
  });

  it('asks for a new file for the blank page, and puts it in the blank page’s place', { timeout: 180_000 }, async () => {
    await expect.poll(async () => (await pagesOf()).find((p) => p.position === 2)?.blank, { timeout: 150_000, interval: 1000 }).toBe(true);
    const before = await pagesOf();
    const blank = before[1]!;
    await thumbs()
      .nth(1)
      .getByRole('button', { name: fill(vi['page.rescan'], { n: 2 }) })
      .click();
    await main()
      .getByText(fill(vi['desk.replacing'], { n: 2 }))
      .waitFor();
    await main().getByLabel(vi['import.paths']).fill(newFile);
    await main().getByRole('button', { name: vi['import.submit'] }).click();
    await expect.poll(async () => (await pagesOf()).map((p) => p.id).includes(blank.id), { timeout: 20_000 }).toBe(false);
    const after = await pagesOf();
    expect(after).toHaveLength(2);
    expect(after[0]!.id).toBe(before[0]!.id);
    expect(after[1]).toMatchObject({ position: 2, source: newFile });
    await expect
      .poll(() =>
        main()
          .getByText(fill(vi['desk.replacing'], { n: 2 }))
          .count(),
      )
      .toBe(0);
    const audit = app.engine.store.db.prepare(`SELECT details FROM audit_event WHERE action = 'page.rescan'`).get() as { details: string };
    expect(JSON.parse(audit.details)).toMatchObject({ oldPageId: blank.id, newPageId: after[1]!.id, source: newFile });
  });

  it('names a file that cannot be read, and keeps the page', async () => {
    const before = await pagesOf();
    const code = await Promise.resolve()
      .then(() => app.engine.handlers['page.replace']({ pageId: before[1]!.id, path: join(files.path, 'khong-co.png') }))
      .then(
        () => 'ok',
        (e: { code?: string }) => e.code ?? 'uncoded',
      );
    // A coded reason the UI can name, not a success and not an internal error.
    expect(code).not.toMatch(/^(ok|uncoded|engine\.internal)$/);
    expect((await pagesOf()).map((p) => p.id)).toEqual(before.map((p) => p.id));
  });

  it('ran without script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
