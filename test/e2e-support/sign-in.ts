import type { Page } from 'playwright-core';
import type { Role } from '../../src/shared/roles';
import { SEEDED_PASSWORD, seededUsername, type AppServer } from './app-server';

/**
 * Signs in through the real sign-in screen as the seeded user of `role`; call it right after
 * `page.goto(app.server.appUrl)`. A reload afterwards resumes the sign-in by itself.
 */
export async function signIn(page: Page, app: AppServer, role: Role = 'clerk'): Promise<void> {
  if (!app.engine.accounts.byUsername(seededUsername(role)))
    throw new Error(`no seeded ${role}: startAppServer was told not to seed users`);
  await signInAs(page, seededUsername(role), SEEDED_PASSWORD);
}

/** Signs in through the real sign-in screen with the given credentials (an engine of the test's own making). */
export async function signInAs(page: Page, username: string, password: string): Promise<void> {
  await page.locator('input[autocomplete="username"]').fill(username);
  await page.locator('input[autocomplete="current-password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
  await page.getByRole('navigation').waitFor();
}
