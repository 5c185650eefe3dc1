import type { Locator, Page } from 'playwright-core';
import { vi } from '../../src/renderer/src/i18n/vi';
import { fill } from './fill';

/** Opens a dossier from the intake list and waits for its desk. */
export async function openDossierAtDesk(page: Page, code: string): Promise<void> {
  const main = page.getByRole('main');
  await main.getByRole('button', { name: fill(vi['intake.open'], { code }) }).click();
  await main.getByRole('heading', { level: 1, name: fill(vi['desk.title'], { code }) }).waitFor();
}

export interface SignerFile {
  signerP12: string;
  password: string;
  signerCommonName: string;
}

/** Unlocks a .p12 signer through the form inside `scope` (the desk's main area, the QC panel) and waits until it says so. */
export async function unlockFileSigner(scope: Locator, signer: SignerFile): Promise<void> {
  await scope.getByLabel(vi['finalize.p12']).setInputFiles(signer.signerP12);
  await scope.getByLabel(vi['finalize.password']).fill(signer.password);
  await scope.getByRole('button', { name: vi['finalize.unlock'] }).click();
  await scope.getByText(fill(vi['finalize.unlocked'], { subject: signer.signerCommonName })).waitFor();
}
