import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type { Browser, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi } from '../../src/renderer/src/i18n/vi';
import { startAppServer, type AppServer } from '../e2e-support/app-server';
import { corpusPage } from '../e2e-support/desk-fixtures';
import { tempDir } from '../support/temp-dir';
import { screenshotDir } from '../e2e-support/screenshots';
import { fill } from '../e2e-support/fill';
import { openAppPage } from '../e2e-support/app-page';
import { openDossierAtDesk } from '../e2e-support/desk-steps';

const SHOTS = screenshotDir('desk-import');

/** A scanner PDF (one JPEG page) with one broken object, which pdf-lib skips to read the rest (see pdf-repair-quiet.test.ts). */
async function repairablePdf(): Promise<Buffer> {
  const image = await sharp({ create: { width: 200, height: 280, channels: 3, background: '#f4f1e8' } })
    .jpeg()
    .toBuffer();
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawImage(await doc.embedJpg(image), { x: 0, y: 0, width: 595, height: 842 });
  const good = Buffer.from(await doc.save({ useObjectStreams: false }));
  const xref = good.lastIndexOf('\nxref\n') + 1;
  return Buffer.concat([good.subarray(0, xref), Buffer.from('40 0 obj\n<< /Broken ] >>\nendobj\n'), good.subarray(xref)]);
}
const pageA = corpusPage('viadm-18d1');
const pageB = corpusPage('viadm-c0af');
const pageC = corpusPage('viadm-1bec');

/** Drops files on an element as the system's file manager would: a drop event carrying a DataTransfer with the files. */
async function dropFiles(target: Locator, files: { name: string; bytes: Buffer; type: string }[]) {
  const transfer = await target.page().evaluateHandle(
    (list) => {
      const dt = new DataTransfer();
      for (const f of list) dt.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
      return dt;
    },
    files.map((f) => ({ name: f.name, type: f.type, base64: f.bytes.toString('base64') })),
  );
  await target.dispatchEvent('dragenter', { dataTransfer: transfer });
  await target.dispatchEvent('dragover', { dataTransfer: transfer });
  await target.dispatchEvent('drop', { dataTransfer: transfer });
}

describe('importing pages at the desk from files: picker, drop, quoted paths, a reason per failed file', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let dossierId = 0;
  let pageErrors: string[] = [];
  const scratch = tempDir('sohoa-desk-import-');

  const main = () => page.getByRole('main');
  const docCard = (n: number) =>
    main()
      .locator('.document-card')
      .nth(n - 1);
  const thumbs = (n: number) => docCard(n).locator('.page-thumb');
  const importPanel = () => main().getByRole('region', { name: vi['import.title'] });
  const sources = async (n: number) =>
    (await app.engine.handlers['dossier.desk']({ id: dossierId })).documents[n - 1]!.pages.map((p) => p.source);

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await startAppServer();
    const procedure = (await app.engine.handlers['procedure.list']({ query: 'khai sinh' }))[0]!;
    const dossier = await app.engine.handlers['dossier.create']({
      procedureCode: procedure.code,
      applicantName: 'Phạm Minh Châu',
      applicantCccd: '074190000123',
      receivedDate: '2026-11-23',
    });
    dossierId = dossier.id;
    await app.engine.handlers['document.create']({ dossierId, component: procedure.components[0] });
    await app.engine.handlers['document.create']({ dossierId, component: procedure.components[1] });
    ({ browser, page, pageErrors } = await openAppPage(app, { timeout: 15_000 }));
    await openDossierAtDesk(page, dossier.code);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    scratch.remove();
  });

  it('imports files picked in the file dialog, and names each file that failed with its reason', async () => {
    const garbage = join(scratch.path, 'ghi-chu.jpg');
    writeFileSync(garbage, 'đây không phải là ảnh');
    const chooser = page.waitForEvent('filechooser');
    await importPanel().getByRole('button', { name: vi['import.pick'] }).click();
    await (await chooser).setFiles([pageA.path, garbage]);
    await importPanel()
      .locator('.notice--success')
      .filter({ hasText: fill(vi['import.done'], { added: 1 }) })
      .waitFor();
    const failure = importPanel().locator('.import-failures li');
    await expect.poll(() => failure.allTextContents()).toEqual([`ghi-chu.jpg: ${vi['error.import.unsupported-format']}`]);
    await expect.poll(() => thumbs(1).count()).toBe(1);
    expect(await sources(1)).toEqual([basename(pageA.path)]);
    await page.screenshot({ path: `${SHOTS}/desk-import-picked.png` });
  });

  it('imports files dropped on a document into that document, not the selected one', async () => {
    await dropFiles(docCard(2), [{ name: basename(pageB.path), bytes: readFileSync(pageB.path), type: 'image/jpeg' }]);
    await expect.poll(() => thumbs(2).count()).toBe(1);
    expect(await thumbs(1).count()).toBe(1);
    expect(await sources(2)).toEqual([basename(pageB.path)]);
    await importPanel()
      .locator('.notice--success')
      .filter({ hasText: fill(vi['import.done'], { added: 1 }) })
      .waitFor();
  });

  it('accepts a path in quotes, as Windows "Copy as path" gives it', async () => {
    await importPanel().getByLabel(vi['import.paths']).fill(`"${pageC.path}"`);
    await importPanel().getByRole('button', { name: vi['import.submit'] }).click();
    await expect.poll(() => thumbs(1).count()).toBe(2);
    expect((await sources(1))[1]).toBe(pageC.path);
    await importPanel()
      .locator('.notice--success')
      .filter({ hasText: fill(vi['import.done'], { added: 1 }) })
      .waitFor();
  });

  it('does not show "0 pages imported" in green, and says why the file failed', async () => {
    const missing = join(scratch.path, 'khong-co.jpg');
    await importPanel().getByLabel(vi['import.paths']).fill(missing);
    await importPanel().getByRole('button', { name: vi['import.submit'] }).click();
    await importPanel().getByText(vi['import.none']).waitFor();
    expect(await importPanel().locator('.notice--success').count()).toBe(0);
    expect(await importPanel().locator('.notice--error').filter({ hasText: vi['import.none'] }).count()).toBe(1);
    await expect
      .poll(() => importPanel().locator('.import-failures li').allTextContents())
      .toEqual([`${missing}: ${vi['error.import.unreadable']}`]);
    await page.screenshot({ path: `${SHOTS}/desk-import-failed.png` });
  });

  it('imports a PDF that had to be repaired, and says so in a yellow line naming the file', async () => {
    const repaired = join(scratch.path, 'ho-so-hong.pdf');
    writeFileSync(repaired, await repairablePdf());
    const chooser = page.waitForEvent('filechooser');
    await importPanel().getByRole('button', { name: vi['import.pick'] }).click();
    await (await chooser).setFiles([repaired]);
    await importPanel()
      .locator('.notice--success')
      .filter({ hasText: fill(vi['import.done'], { added: 1 }) })
      .waitFor();
    const warning = importPanel().locator('.notice--warning');
    await warning.waitFor();
    expect(await warning.locator('li').allTextContents()).toEqual([`ho-so-hong.pdf: ${vi['error.import.pdf-repaired']}`]);
    expect(await warning.textContent()).toContain(fill(vi['import.warnings'], { count: 1 }));
    expect(await warning.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 246, 214)');
    expect(await importPanel().locator('.notice--error').count()).toBe(0);
    await warning.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/desk-import-repaired.png` });
  });

  it('ran without script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
