import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { takeInBatch } from '../../src/core/archive/batch-intake';
import { vi } from '../../src/renderer/src/i18n/vi';
import { writeTree, type TreeDossier } from '../archive/batch-tree';
import type { AppServer } from './app-server';
import { fill } from './fill';

/** A folder `kho` of these dossiers and its register `so.csv` (CSV lines) written under `dir`, taken in as a batch; its id. */
export async function takeInArchiveBatch(app: AppServer, dir: string, tree: TreeDossier[], register: string[]): Promise<number> {
  const folder = join(dir, 'kho');
  writeTree(folder, tree);
  writeFileSync(join(dir, 'so.csv'), register.join('\n'));
  return (await takeInBatch(app.engine, { folder, registerPath: join(dir, 'so.csv'), actor: 'e2e' })).batch.id;
}

/** From the archive screen's menu entry, the batch taken in from `kho` opened at QC, then the dossier with this archive number looked at. */
export async function openQcDossier(page: Page, app: AppServer, batchId: number, archiveNumber: string) {
  const main = page.getByRole('main');
  await page.getByRole('navigation').getByRole('button', { name: vi['nav.archive'] }).click();
  await main
    .getByRole('button', { name: `${vi['archive.open']} — ${fill(vi['archive.batchName'], { id: batchId, name: 'kho' })}` })
    .click();
  const dossier = (await app.engine.handlers['batch.qc']({ batchId })).dossiers.find((d) => d.archiveNumber === archiveNumber)!;
  await main.getByRole('button', { name: `${vi['archive.look']} — ${dossier.code}` }).click();
  return dossier;
}
