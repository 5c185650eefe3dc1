import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
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

export interface Applicant {
  /** Typed in the procedure search; the first procedure it finds is taken. */
  procedure: string;
  name: string;
  cccd: string;
}

/** Fills the intake form (“Tiếp nhận hồ sơ”) for `applicant` without submitting it: the procedure is chosen once the search answers. */
export async function fillIntakeForm(page: Page, applicant: Applicant): Promise<void> {
  const main = page.getByRole('main');
  await page.getByRole('navigation').getByRole('button', { name: vi['nav.intake'] }).click();
  await main.getByLabel(vi['form.procedureFilter'], { exact: true }).fill(applicant.procedure);
  const procedures = main.getByRole('listbox', { name: vi['form.procedure'] });
  // The search answers after a moment: submit only once a procedure is chosen, or the form refuses it.
  await expect.poll(() => procedures.inputValue()).not.toBe('');
  await main.getByLabel(vi['form.applicantName'], { exact: true }).fill(applicant.name);
  await main.getByLabel(vi['form.applicantCccd'], { exact: true }).fill(applicant.cccd);
}

/** Submits the filled intake form and waits for the new dossier's desk; answers the code the desk shows. */
export async function submitIntake(page: Page): Promise<string> {
  const main = page.getByRole('main');
  await main.getByRole('button', { name: vi['form.submit'], exact: true }).click();
  const [before, after] = vi['desk.title'].split('{code}') as [string, string];
  const heading = main.getByRole('heading', { level: 1, name: new RegExp(`^${before}.+${after}$`) });
  await heading.waitFor();
  return ((await heading.textContent()) ?? '').slice(before.length, -after.length || undefined);
}

/** Takes a dossier in with the intake form (“Tiếp nhận hồ sơ”) and waits for its desk; answers the code the desk shows. */
export async function takeInDossier(page: Page, applicant: Applicant): Promise<string> {
  await fillIntakeForm(page, applicant);
  return submitIntake(page);
}

/**
 * Chooses the first scanner the open desk lists (the SANE test scanner in these tests) at 150 dpi in
 * grey: small pages that scan and read fast.
 */
export async function chooseTestScanner(page: Page): Promise<void> {
  const main = page.getByRole('main');
  const device = main.getByRole('combobox', { name: vi['scan.device'], exact: true });
  await expect.poll(() => device.locator('option').count(), { timeout: 20_000 }).toBeGreaterThan(0);
  await device.selectOption({ index: 0 });
  await main.getByRole('combobox', { name: vi['scan.dpi'], exact: true }).selectOption('150');
  await main.getByRole('combobox', { name: vi['scan.colorMode'], exact: true }).selectOption('gray');
}

/** Starts a scan at the open desk with its button and waits until the desk says `count` pages came in. */
export async function scanPages(page: Page, count: number): Promise<void> {
  const main = page.getByRole('main');
  await main.getByRole('button', { name: vi['scan.start'] }).click();
  await main.getByText(fill(vi['scan.done'], { count })).waitFor();
}

/** Adds a document for the checklist's `component` at the open desk and imports `files` into it with the file dialog. */
export async function importIntoComponent(page: Page, component: string, files: string[]): Promise<void> {
  const main = page.getByRole('main');
  await main.getByRole('button', { name: fill(vi['desk.checklistAdd'], { component }) }).click();
  const importPanel = main.getByRole('region', { name: vi['import.title'] });
  const chooser = page.waitForEvent('filechooser');
  await importPanel.getByRole('button', { name: vi['import.pick'] }).click();
  await (await chooser).setFiles(files);
  await importPanel
    .locator('.notice--success')
    .filter({ hasText: fill(vi['import.done'], { added: files.length }) })
    .waitFor();
}

/** Signs out, then in as `username`, through the app's own buttons and sign-in screen. */
export async function switchUser(page: Page, username: string, password: string): Promise<void> {
  await page.getByRole('button', { name: vi['auth.signOut'] }).click();
  await page.locator('input[autocomplete="username"]').fill(username);
  await page.locator('input[autocomplete="current-password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
  await page.getByRole('navigation').waitFor();
}
