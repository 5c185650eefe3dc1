import { readFileSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeskRepository } from '../../src/core/store/desk-repository';
import { vi } from '../../src/renderer/src/i18n/vi';
import { startAppServer, type AppServer } from '../e2e-support/app-server';
import { createBirthRegistration } from '../e2e-support/sample-dossier';
import { corpusPage } from '../e2e-support/desk-fixtures';
import { fill } from '../e2e-support/fill';
import { openAppPage } from '../e2e-support/app-page';

/** Issue: after a drag, a click on ↓ bumped the version but left the thumbnails where they were; the stored order was the other one. */
describe('the page order on screen is the stored order, in the browser', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let dossierId = 0;
  let documentId = 0;
  let code = '';
  let pageErrors: string[] = [];

  const main = () => page.getByRole('main');
  const thumbs = () => main().locator(`.document-card[data-document-id="${documentId}"] .page-thumb`);
  const shownOrder = async () => (await thumbs().evaluateAll((els) => els.map((e) => e.getAttribute('data-page-id')))).map(Number);
  const storedOrder = () => app.engine.store.pages.ofDocument(documentId).map((p) => p.id);
  const moveDown = (n: number) =>
    thumbs()
      .nth(n - 1)
      .getByRole('button', { name: fill(vi['page.moveDown'], { n }) });
  const nextFrames = () =>
    page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));

  async function drag(from: Locator, to: Locator) {
    await to.scrollIntoViewIfNeeded();
    const a = (await from.boundingBox())!;
    const b = (await to.boundingBox())!;
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(a.x + a.width / 2 - 8, a.y + a.height / 2, { steps: 4 });
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 20 });
    await page.mouse.up();
  }

  async function reloadAndCompare() {
    await page.reload();
    await main()
      .getByRole('heading', { level: 1, name: fill(vi['desk.title'], { code }) })
      .waitFor();
    await expect.poll(shownOrder, { timeout: 10_000 }).toEqual(storedOrder());
  }

  beforeAll(async () => {
    app = await startAppServer();
    const { store, handlers } = app.engine;
    const dossier = await createBirthRegistration(handlers);
    dossierId = dossier.id;
    code = dossier.code;
    documentId = store.documents.create(dossierId, 'Tờ khai', null);
    for (const id of ['viadm-2833', 'viadm-eb2a'])
      store.pages.addPage(documentId, store.blobs.put(readFileSync(corpusPage(id).path)), `${id}.png`);
    ({ browser, page, pageErrors } = await openAppPage(app));
    await main()
      .getByRole('button', { name: fill(vi['intake.open'], { code }) })
      .click();
    await main()
      .getByRole('heading', { level: 1, name: fill(vi['desk.title'], { code }) })
      .waitFor();
    await thumbs().nth(1).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('drags page 2 before page 1 with the mouse, clicks ↓ on page 1: the screen shows the stored order, before and after a reload', async () => {
    const [p1, p2] = storedOrder();
    await drag(
      thumbs()
        .nth(1)
        .getByRole('button', { name: fill(vi['page.drag'], { n: 2 }) }),
      thumbs().nth(0),
    );
    await expect.poll(storedOrder, { timeout: 10_000 }).toEqual([p2, p1]);
    await expect.poll(shownOrder, { timeout: 10_000 }).toEqual([p2, p1]);
    await moveDown(1).click();
    await expect.poll(storedOrder, { timeout: 10_000 }).toEqual([p1, p2]);
    await expect.poll(shownOrder, { timeout: 10_000 }).toEqual([p1, p2]);
    await reloadAndCompare();
  });

  it('the same with the keyboard: Space, ←, Space on page 2’s handle, then ↓ on page 1', async () => {
    const [p1, p2] = storedOrder();
    await thumbs()
      .nth(1)
      .getByRole('button', { name: fill(vi['page.drag'], { n: 2 }) })
      .focus();
    await page.keyboard.press('Space');
    await page.getByText(fill(vi['page.dragOver'], { n: 2, position: 2 }), { exact: true }).waitFor({ state: 'attached' });
    await nextFrames();
    await page.keyboard.press('ArrowLeft');
    await page.getByText(fill(vi['page.dragOver'], { n: 2, position: 1 }), { exact: true }).waitFor({ state: 'attached' });
    await nextFrames();
    await page.keyboard.press('Space');
    await expect.poll(storedOrder, { timeout: 10_000 }).toEqual([p2, p1]);
    await expect.poll(shownOrder, { timeout: 10_000 }).toEqual([p2, p1]);
    await moveDown(1).click();
    await expect.poll(storedOrder, { timeout: 10_000 }).toEqual([p1, p2]);
    await expect.poll(shownOrder, { timeout: 10_000 }).toEqual([p1, p2]);
    await reloadAndCompare();
  });

  it('refuses a move made against an order the store no longer has, says so, and shows the stored order', async () => {
    const [p1, p2] = storedOrder() as [number, number];
    // Another window moved the pages; this screen has not heard of it (no event reaches it).
    new DeskRepository(app.engine.store.db).movePage(p2, documentId, 1);
    expect(await shownOrder()).toEqual([p1, p2]);
    await moveDown(1).click();
    await main().getByText(vi['error.page.order-stale']).waitFor();
    expect(storedOrder()).toEqual([p2, p1]);
    await expect.poll(shownOrder, { timeout: 10_000 }).toEqual([p2, p1]);
    const refused = await (async () =>
      app.engine.handlers['page.move']({ pageId: p1, documentId, position: 1, expectedOrder: [p1, p2] }))().catch(
      (e: { code: string }) => e.code,
    );
    expect(refused).toBe('page.order-stale');
  });

  it('gives every icon button of a page a tooltip and a name, in glyphs the fonts have; ✕ asks before it deletes', async () => {
    // A third page the clean-up flagged, so its thumbnail offers a re-scan too.
    const { store } = app.engine;
    const flagged = store.pages.addPage(documentId, store.blobs.put(readFileSync(corpusPage('viadm-4448').path)), 'viadm-4448.png').id;
    store.db.prepare(`UPDATE page SET flags = '["blurred"]' WHERE id = ?`).run(flagged);
    await page.reload();
    await thumbs().nth(2).waitFor();
    const icons = await main()
      .locator('.document-card button')
      .evaluateAll((els) =>
        els
          .filter((e) => (e.textContent ?? '').trim().length <= 2)
          .map((e) => ({ text: (e.textContent ?? '').trim(), name: e.getAttribute('aria-label'), title: e.getAttribute('title') })),
      );
    expect(icons.length).toBeGreaterThanOrEqual(3 * 5);
    for (const icon of icons) {
      expect(icon.name, icon.text).toBeTruthy();
      expect(icon.title, icon.text).toBeTruthy();
    }
    // U+2398 (⎘) is in none of the fonts the app uses: it showed as an empty box.
    expect(icons.map((i) => i.text)).not.toContain('⎘');
    expect(icons.map((i) => i.text)).toContain('↺');

    const before = storedOrder();
    const last = before.length;
    await thumbs()
      .nth(last - 1)
      .getByRole('button', { name: fill(vi['page.delete'], { n: last }) })
      .click();
    const ask = thumbs()
      .nth(last - 1)
      .getByRole('alertdialog');
    await ask.getByText(fill(vi['page.deleteConfirm'], { n: last })).waitFor();
    expect(storedOrder()).toEqual(before);
    await ask.getByRole('button', { name: vi['page.deleteNo'] }).click();
    await ask.waitFor({ state: 'detached' });
    expect(storedOrder()).toEqual(before);
    await thumbs()
      .nth(last - 1)
      .getByRole('button', { name: fill(vi['page.delete'], { n: last }) })
      .click();
    await ask.getByRole('button', { name: vi['page.deleteYes'] }).click();
    await expect.poll(storedOrder).toEqual(before.slice(0, -1));
    await expect.poll(shownOrder).toEqual(before.slice(0, -1));
  });

  it('ran without script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
