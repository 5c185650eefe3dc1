import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi } from '../../src/renderer/src/i18n/vi';
import { startAppServer, type AppServer } from '../e2e-support/app-server';
import { openAppPage } from '../e2e-support/app-page';
import { corpusPage } from '../e2e-support/desk-fixtures';
import { fill } from '../e2e-support/fill';
import { screenshotDir } from '../e2e-support/screenshots';

const SHOTS = screenshotDir('desk-viewer');

describe('the page viewer at 1366 × 768: fit width and fit page, the page never cut off', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[] = [];

  const main = () => page.getByRole('main');
  const viewer = () => main().locator('.page-viewer');
  /** How the shown image sits in the viewer's scroll box. */
  const fit = () =>
    viewer().evaluate((v) => {
      const box = v.querySelector('.viewer-scroll')!;
      const img = v.querySelector('img')!.getBoundingClientRect();
      return {
        overflowX: box.scrollWidth - box.clientWidth,
        overflowY: box.scrollHeight - box.clientHeight,
        widthShare: img.width / box.clientWidth,
      };
    });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await startAppServer();
    const h = app.engine.handlers;
    const procedure = (await h['procedure.list']({ query: 'khai sinh' }))[0]!;
    const dossier = await h['dossier.create']({
      procedureCode: procedure.code,
      applicantName: 'Phạm Minh Châu',
      applicantCccd: '074190000123',
      receivedDate: '2026-11-23',
    });
    const documentId = (await h['document.create']({ dossierId: dossier.id, component: procedure.components[0] })).id;
    await h['document.importFiles']({ documentId, paths: [corpusPage('viadm-1bec').path] });
    ({ browser, page, pageErrors } = await openAppPage(app, { timeout: 15_000 }));
    await main()
      .getByRole('button', { name: fill(vi['intake.open'], { code: dossier.code }) })
      .click();
    await main()
      .getByRole('button', { name: fill(vi['page.view'], { n: 1 }) })
      .click();
    await main()
      .getByRole('img', { name: fill(vi['viewer.image'], { n: 1 }) })
      .waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('opens fitted to the width: the whole width of the page is in view, nothing to scroll sideways', async () => {
    expect(await viewer().getByRole('button', { name: vi['viewer.fitWidth'] }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(async () => (await fit()).overflowX).toBeLessThanOrEqual(0);
    expect((await fit()).widthShare).toBeGreaterThan(0.9);
    await page.screenshot({ path: `${SHOTS}/desk-viewer-fit-width.png` });
  });

  it('fits the whole page on request, and zooms from there in steps', async () => {
    await viewer().getByRole('button', { name: vi['viewer.fitPage'] }).click();
    await expect
      .poll(async () => {
        const f = await fit();
        return [f.overflowX <= 0, f.overflowY <= 0];
      })
      .toEqual([true, true]);
    await page.screenshot({ path: `${SHOTS}/desk-viewer-fit-page.png` });
    await viewer().getByRole('button', { name: vi['viewer.zoomIn'] }).click();
    expect(await viewer().getByRole('button', { name: vi['viewer.fitPage'] }).getAttribute('aria-pressed')).toBe('false');
    await viewer().getByRole('button', { name: vi['viewer.fitWidth'] }).click();
    await expect.poll(async () => (await fit()).overflowX).toBeLessThanOrEqual(0);
  });

  it('ran without script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
