import type { Page } from 'playwright-core';
import type { Role } from '../../src/shared/roles';
import { SEEDED_PASSWORD, seededUsername, type AppServer } from './app-server';

/**
 * Signs in through the real sign-in screen as the seeded user of `role`; call it right after
 * `page.goto(app.server.appUrl)`. A reload afterwards resumes the sign-in by itself.
 */
export async function signIn(page: Page, app: AppServer, role: Role = 'clerk'): Promise<void> {
  if (!app.engine.accounts.byUsername(seededUsername(role))) throw new Error(`no seeded ${role}: startAppServer was told not to seed users`);
  const username = page.locator('input[autocomplete="username"]');
  await username.fill(seededUsername(role));
  await page.locator('input[autocomplete="current-password"]').fill(SEEDED_PASSWORD);
  await page.locator('form button[type="submit"]').click();
  await page.getByRole('navigation').waitFor();
}
