import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeInBatch } from '../../src/core/archive/batch-intake';
import { ArchiveRepository } from '../../src/core/store/archive-repository';
import { vi } from '../../src/renderer/src/i18n/vi';
import { writeTree } from '../archive/batch-tree';
import { startAppServer, type AppServer } from '../e2e-support/app-server';
import { tempDir } from '../support/temp-dir';
import { screenshotDir } from '../e2e-support/screenshots';
import { openAppPage } from '../e2e-support/app-page';
import { fillIntakeForm, submitIntake } from '../e2e-support/desk-steps';

const SHOTS = screenshotDir('intake-flow');

describe('intake: the new dossier opens at the desk; the clerk’s list shows the desk’s dossiers, by source', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let archiveCodes: string[] = [];
  let pageErrors: string[] = [];
  const files = tempDir('sohoa-intake-flow-');

  const main = () => page.getByRole('main');
  const field = (label: string) => main().getByLabel(label, { exact: true });
  const shownCodes = async () => (await main().locator('.dossier-table tbody th.code').allTextContents()).map((s) => s.trim());
  const source = () => main().getByLabel(vi['intake.source'], { exact: true });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await startAppServer();
    const tree = join(files.path, 'kho');
    writeTree(tree, [
      { relPath: 'HS 1', pages: ['viadm-eb2a.png'] },
      { relPath: 'HS 2', pages: ['viadm-4448.png'] },
    ]);
    const registerPath = join(files.path, 'so.csv');
    writeFileSync(registerPath, ['Hồ sơ số,Tiêu đề,Năm,Số trang', '1,Khai sinh,2020,1', '2,Kết hôn,2020,1'].join('\n'));
    const archive = new ArchiveRepository(app.engine.store.db);
    await takeInBatch(app.engine, { folder: tree, registerPath, actor: 'e2e', beforeStart: (id) => archive.setStatus(id, 'paused') });
    archiveCodes = (await app.engine.handlers['dossier.list']({ kind: 'archive', limit: 10, offset: 0 })).items.map((d) => d.code);
    expect(archiveCodes).toHaveLength(2);
    ({ browser, page, pageErrors } = await openAppPage(app, { timeout: 15_000 }));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    files.remove();
  });

  it('does not mix archive dossiers into the clerk’s list, and shows them when asked', async () => {
    await main().getByText(vi['intake.listEmpty']).waitFor();
    expect(await shownCodes()).toEqual([]);
    await source().selectOption('archive');
    await expect.poll(shownCodes).toEqual([...archiveCodes].sort().reverse());
    await page.screenshot({ path: `${SHOTS}/intake-source-archive.png` });
    await source().selectOption('intake');
    await main().getByText(vi['intake.listEmpty']).waitFor();
  });

  it('opens the new dossier’s desk after “Tiếp nhận hồ sơ”, and the next intake keeps the procedure', async () => {
    await fillIntakeForm(page, { procedure: 'khai sinh', name: 'Đỗ Văn Hùng', cccd: '074190000123' });
    const procedures = main().getByRole('listbox', { name: vi['form.procedure'] });
    const procedureCode = await procedures.inputValue();
    const code = await submitIntake(page);
    expect((await app.engine.handlers['dossier.list']({ kind: 'intake', limit: 1, offset: 0 })).items.map((d) => d.code)).toEqual([code]);
    await page.screenshot({ path: `${SHOTS}/intake-opened-desk.png` });
    await main().getByRole('button', { name: vi['desk.back'] }).click();
    await expect.poll(shownCodes).toEqual([code]);
    expect(await field(vi['form.applicantName']).inputValue()).toBe('');
    expect(await procedures.inputValue()).toBe(procedureCode);
    await source().selectOption('all');
    await expect.poll(async () => (await shownCodes()).length).toBe(3);
  });

  it('ran without script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
