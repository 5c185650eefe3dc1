import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi } from '../../src/renderer/src/i18n/vi';
import { makeSaneTestConfig, useSaneTestScanner } from '../capture/sane-test-scanner';
import { startAppServer, type AppServer } from '../e2e-support/app-server';
import { recordXmpFields } from '../e2e-support/record-xmp';
import { REPO } from '../e2e-support/renderer-build';
import { createTestPki, type TestPki } from '../record/support/test-pki';
import { tempDir } from '../support/temp-dir';
import { fill } from '../e2e-support/fill';
import { openAppPage } from '../e2e-support/app-page';
import { chooseTestScanner, openDossierAtDesk, unlockFileSigner } from '../e2e-support/desk-steps';

const SHOTS = `${REPO}test-output/e2e`;

describe('arranging, re-scanning and finalizing at the desk, in the browser', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let pki: TestPki;
  let sane: Awaited<ReturnType<typeof makeSaneTestConfig>>;
  const scratch = tempDir('sohoa-desk-arrange-');
  let pageErrors: string[] = [];
  let dossierId = 0;
  let code = '';

  const main = () => page.getByRole('main');
  const shot = (name: string) => page.screenshot({ path: `${SHOTS}/arrange-${name}.png`, fullPage: true });
  const docCard = () => main().locator('.document-card').first();
  const thumbs = () => docCard().locator('.page-thumb');
  const shownOrder = async () => (await thumbs().evaluateAll((els) => els.map((e) => e.getAttribute('data-page-id')))).map(Number);
  const engineOrder = async () => (await app.engine.handlers['dossier.desk']({ id: dossierId })).documents[0]!.pages.map((p) => p.id);
  const deskStatus = () => main().locator('.desk-summary .status');
  const listStatus = () =>
    main()
      .locator('tr', { has: page.getByRole('button', { name: fill(vi['intake.open'], { code }) }) })
      .locator('.status');
  const usePicture = (picture: string) => useSaneTestScanner(app.engine.store.settings, sane.env, picture);
  const allRead = async () =>
    (await app.engine.handlers['dossier.desk']({ id: dossierId })).documents[0]!.pages.every((p) => p.state === 'read');

  async function scanOne(picture: string, expected: number) {
    usePicture(picture);
    await main().getByRole('button', { name: vi['scan.start'] }).click();
    await expect.poll(() => thumbs().count(), { timeout: 20_000 }).toBe(expected);
    await main().getByRole('button', { name: vi['scan.start'] }).and(page.locator(':enabled')).waitFor();
  }

  /** Drags with the mouse, in small steps, from one element's centre to another's. */
  async function drag(from: Locator, to: Locator) {
    const a = (await from.boundingBox())!;
    const b = (await to.boundingBox())!;
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(a.x + a.width / 2 + 8, a.y + a.height / 2, { steps: 4 });
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 20 });
    await page.mouse.up();
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    pki = createTestPki();
    sane = await makeSaneTestConfig();
    app = await startAppServer({ pipeline: true });
    usePicture('Grid');
    ({ browser, page, pageErrors } = await openAppPage(app, { viewport: { width: 1500, height: 1000 } }));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await sane?.cleanup();
    pki?.cleanup();
    scratch.remove();
  });

  it('lists a new dossier as received, and opens it at the desk as received', async () => {
    const procedure = (await app.engine.handlers['procedure.list']({ query: 'khai sinh' }))[0]!;
    const dossier = await app.engine.handlers['dossier.create']({
      procedureCode: procedure.code,
      applicantName: 'Phạm Minh Châu',
      applicantCccd: '074190000123',
      receivedDate: '2026-11-23',
    });
    dossierId = dossier.id;
    code = dossier.code;
    await page.reload();
    await expect.poll(() => listStatus().textContent(), { timeout: 20_000 }).toBe(vi['status.received']);
    await openDossierAtDesk(page, code);
    expect(await deskStatus().textContent()).toBe(vi['status.received']);
  });

  it('scans three pages from the SANE test scanner; the dossier goes on to checking once they are read', { timeout: 240_000 }, async () => {
    await main().getByRole('button', { name: vi['desk.addDocument'] }).click();
    await docCard().waitFor();
    await chooseTestScanner(page);
    await scanOne('Grid', 1);
    await scanOne('Color pattern', 2);
    await scanOne('Solid white', 3);
    await expect.poll(allRead, { timeout: 200_000, interval: 1000 }).toBe(true);
    await expect.poll(() => deskStatus().textContent(), { timeout: 20_000 }).toBe(vi['status.checking']);
    expect((await app.engine.handlers['dossier.get']({ id: dossierId })).status).toBe('checking');
    await shot('scanned');
  });

  it('drags the third page to the front with the mouse, and the order survives a reload', async () => {
    const [p1, p2, p3] = await engineOrder();
    await drag(
      thumbs()
        .nth(2)
        .getByRole('button', { name: fill(vi['page.drag'], { n: 3 }) }),
      thumbs().nth(0),
    );
    await expect.poll(engineOrder, { timeout: 10_000 }).toEqual([p3, p1, p2]);
    await page.reload();
    await main()
      .getByRole('heading', { level: 1, name: fill(vi['desk.title'], { code }) })
      .waitFor();
    await expect.poll(shownOrder, { timeout: 10_000 }).toEqual([p3, p1, p2]);
    await shot('dragged');
  });

  it('moves a page with the keyboard too: Space, arrow, Space on its handle', async () => {
    const [a, b, c] = await engineOrder();
    const handle = thumbs()
      .nth(0)
      .getByRole('button', { name: fill(vi['page.drag'], { n: 1 }) });
    const announced = (text: string) => page.getByText(text, { exact: true }).waitFor({ state: 'attached' });
    const nextFrames = () =>
      page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
    await handle.focus();
    await page.keyboard.press('Space');
    // Picked up: the live region says where the page is (the pick-up message gives way to it at once).
    await announced(fill(vi['page.dragOver'], { n: 1, position: 1 }));
    // dnd-kit measures the drop positions in an effect after the pick-up; on a loaded machine an
    // arrow pressed before that finds nowhere to go. Two frames let the measuring run first.
    await nextFrames();
    await page.keyboard.press('ArrowRight');
    await announced(fill(vi['page.dragOver'], { n: 1, position: 2 }));
    await nextFrames();
    await page.keyboard.press('Space');
    await announced(fill(vi['page.dragEnd'], { n: 1, position: 2 }));
    await expect.poll(engineOrder, { timeout: 10_000 }).toEqual([b, a, c]);
    await expect.poll(shownOrder, { timeout: 10_000 }).toEqual([b, a, c]);
  });

  it('shows the blank page as blank without an OCR confidence, and offers to remove blank pages in one click ("Giữ lại" keeps them)', async () => {
    const blanks = (await app.engine.handlers['dossier.desk']({ id: dossierId })).documents[0]!.pages.filter((p) => p.blank);
    const blankId = blanks[0]!.id;
    const blankThumb = docCard().locator(`.page-thumb[data-page-id="${blankId}"]`);
    expect(await blankThumb.textContent()).toContain(vi['page.flag.blank']);
    expect(await blankThumb.locator('.thumb-confidence').count()).toBe(0);
    await main()
      .getByRole('button', { name: fill(vi['desk.removeBlankPages'], { count: blanks.length }), exact: true })
      .click();
    const confirm = main().getByRole('alertdialog', { name: fill(vi['desk.removeBlankPagesConfirm'], { count: blanks.length }) });
    await confirm.waitFor();
    await page.setViewportSize({ width: 1366, height: 768 });
    await blankThumb.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/arrange-blank-confirm.png` });
    await confirm.getByRole('button', { name: vi['page.deleteNo'], exact: true }).click();
    expect(await engineOrder()).toContain(blankId);
  });

  it(
    're-scans the blank page in one click: the new scan stands in its place and the old page leaves the record',
    { timeout: 200_000 },
    async () => {
      const before = await app.engine.handlers['dossier.desk']({ id: dossierId });
      const blank = before.documents[0]!.pages.find((p) => p.blank)!;
      expect(blank).toBeDefined();
      const position = blank.position;
      const recordBefore = before.documents[0]!.record!;
      usePicture('Color pattern');
      // The same picture as another page of the document: the engine says so and keeps the page.
      await thumbs()
        .nth(position - 1)
        .getByRole('button', { name: fill(vi['page.rescan'], { n: position }) })
        .click();
      await main().getByText(vi['error.page.rescan-duplicate']).waitFor();
      expect(await engineOrder()).toContain(blank.id);

      usePicture('Solid black');
      await thumbs()
        .nth(position - 1)
        .getByRole('button', { name: fill(vi['page.rescan'], { n: position }) })
        .click();
      await expect.poll(async () => (await engineOrder()).includes(blank.id), { timeout: 60_000 }).toBe(false);
      const order = await engineOrder();
      expect(order).toHaveLength(3);
      const replacement = order[position - 1]!;
      expect(before.documents[0]!.pages.map((p) => p.id)).not.toContain(replacement);
      expect(app.engine.store.pages.get(blank.id)).toBeUndefined();
      const audit = app.engine.store.db.prepare(`SELECT details FROM audit_event WHERE action = 'page.rescan'`).all() as {
        details: string;
      }[];
      expect(audit.map((a) => JSON.parse(a.details))).toEqual([
        expect.objectContaining({ oldPageId: blank.id, newPageId: replacement, position }),
      ]);

      await expect.poll(allRead, { timeout: 150_000, interval: 1000 }).toBe(true);
      await expect
        .poll(async () => (await app.engine.handlers['dossier.desk']({ id: dossierId })).documents[0]!.record!.version, { timeout: 60_000 })
        .toBeGreaterThan(recordBefore.version);
      const record = (await app.engine.handlers['dossier.desk']({ id: dossierId })).documents[0]!.record!;
      const file = join(scratch.path, 'after-rescan.pdf');
      writeFileSync(file, app.engine.store.blobs.get(record.pdfSha256));
      expect((await recordXmpFields(file)).pageCount).toBe('3');
      await shot('rescanned');
    },
  );

  it('finalizes; the desk then shows the dossier read-only and the list shows it finalized', { timeout: 120_000 }, async () => {
    await expect
      .poll(async () => (await allRead()) && (({ queued, leased }) => queued + leased)(app.engine.store.jobs.countsByState()) === 0, {
        timeout: 60_000,
      })
      .toBe(true);
    await unlockFileSigner(main(), pki);
    await main().getByRole('button', { name: vi['finalize.submit'] }).click();
    // The procedure's other components have no document: the desk lists them and the clerk signs anyway.
    await main().getByRole('alertdialog').getByRole('button', { name: vi['finalize.confirmMissing'] }).click();
    await main()
      .getByText(fill(vi['finalize.done'], { count: 1 }))
      .waitFor();
    await expect.poll(() => deskStatus().textContent(), { timeout: 20_000 }).toBe(vi['status.finalized']);
    await main().getByText(vi['desk.readOnly']).waitFor();
    expect(
      await main()
        .getByRole('button', { name: fill(vi['page.drag'], { n: 1 }) })
        .count(),
    ).toBe(0);
    expect(
      await main()
        .getByRole('button', { name: fill(vi['page.delete'], { n: 1 }) })
        .count(),
    ).toBe(0);
    expect(await main().getByLabel(vi['import.paths']).count()).toBe(0);
    expect(await main().getByRole('button', { name: vi['scan.start'] }).count()).toBe(0);
    expect(await main().getByRole('button', { name: vi['desk.addDocument'] }).count()).toBe(0);
    expect(await main().locator('.field-row').getByRole('button', { name: vi['fields.edit'], exact: false }).count()).toBe(0);
    expect(await main().getByRole('button', { name: vi['finalize.submit'] }).isDisabled()).toBe(true);
    await shot('read-only');
    await main().getByRole('button', { name: vi['desk.back'], exact: false }).click();
    await expect.poll(() => listStatus().textContent(), { timeout: 20_000 }).toBe(vi['status.finalized']);
  });

  it('reopens on request with a reason (audited); the pages can be arranged again', async () => {
    await main()
      .getByRole('button', { name: fill(vi['intake.open'], { code }) })
      .click();
    const submit = main().getByRole('button', { name: vi['reopen.submit'] });
    expect(await submit.isDisabled()).toBe(true);
    await main().getByLabel(vi['reopen.reason']).fill('Công dân nộp bổ sung một trang');
    await submit.click();
    await expect.poll(() => deskStatus().textContent(), { timeout: 20_000 }).toBe(vi['status.checking']);
    await main()
      .getByRole('button', { name: fill(vi['page.drag'], { n: 1 }) })
      .waitFor();
    const reopened = app.engine.store.db
      .prepare(`SELECT details FROM audit_event WHERE action = 'dossier.reopen' AND subject = ?`)
      .get(String(dossierId)) as { details: string };
    expect(JSON.parse(reopened.details)).toMatchObject({ from: 'finalized', reason: 'Công dân nộp bổ sung một trang' });
  });

  it('removes the blank pages in one click after the confirmation', { timeout: 200_000 }, async () => {
    await scanOne('Solid white', 4);
    await expect.poll(allRead, { timeout: 150_000, interval: 1000 }).toBe(true);
    const pages = (await app.engine.handlers['dossier.desk']({ id: dossierId })).documents[0]!.pages;
    const blankIds = pages.filter((p) => p.blank).map((p) => p.id);
    const kept = pages.filter((p) => !p.blank).map((p) => p.id);
    expect(blankIds.length).toBeGreaterThan(0);
    await main()
      .getByRole('button', { name: fill(vi['desk.removeBlankPages'], { count: blankIds.length }), exact: true })
      .click();
    await main().getByRole('button', { name: vi['desk.removeBlankPagesYes'], exact: true }).click();
    await expect.poll(() => thumbs().count(), { timeout: 20_000 }).toBe(kept.length);
    expect(await engineOrder()).toEqual(kept);
    const deleted = app.engine.store.db.prepare(`SELECT subject FROM audit_event WHERE action = 'page.delete'`).all() as {
      subject: string;
    }[];
    expect(deleted).toHaveLength(blankIds.length);
    expect(await main().locator('.blank-pages').count()).toBe(0);
  });

  it('ran without script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
