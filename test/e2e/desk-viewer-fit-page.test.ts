import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi } from '../../src/renderer/src/i18n/vi';
import { startAppServer, type AppServer } from '../e2e-support/app-server';
import { corpusPage } from '../e2e-support/desk-fixtures';
import { screenshotDir } from '../e2e-support/screenshots';
import { fill } from '../e2e-support/fill';
import { openAppPage } from '../e2e-support/app-page';

const SHOTS = screenshotDir('desk-viewer-fit-page');

/** Issue #21 item 10: "fit page" at 1366 × 768 shows the whole of a portrait A4 page, in its box and in the window, with nothing to scroll. */
describe('the page viewer’s fit-page view at 1366 × 768', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  const main = () => page.getByRole('main');
  const viewer = () => main().locator('.page-viewer');
  const where = () =>
    viewer().evaluate((v) => {
      const box = v.querySelector('.viewer-scroll')!;
      const img = v.querySelector('img')!.getBoundingClientRect();
      return {
        overflowX: box.scrollWidth - box.clientWidth,
        overflowY: box.scrollHeight - box.clientHeight,
        top: Math.round(img.top),
        bottom: Math.round(img.bottom),
        windowHeight: window.innerHeight,
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
    // A portrait A4 scan at 300 dpi: fitted to the width it is far taller than the viewer.
    await h['document.importFiles']({ documentId, paths: [corpusPage('viadm-18d1').path] });
    ({ browser, page } = await openAppPage(app, { timeout: 15_000 }));
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

  it('fits the whole page in the viewer’s box and brings the box into the window: nothing cut off, nothing to scroll', async () => {
    await viewer().getByRole('button', { name: vi['viewer.fitPage'] }).click();
    await expect
      .poll(async () => {
        const w = await where();
        return { noScrollInBox: w.overflowX <= 0 && w.overflowY <= 0, inWindow: w.top >= 0 && w.bottom <= w.windowHeight };
      })
      .toEqual({ noScrollInBox: true, inWindow: true });
    await page.screenshot({ path: `${SHOTS}/viewer-fit-page.png` });
  });
});
