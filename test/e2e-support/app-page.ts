import type { Browser, Page } from 'playwright-core';
import type { Role } from '../../src/shared/roles';
import type { AppServer } from './app-server';
import { launchChromium } from './browser';
import { signIn } from './sign-in';

export interface AppPage {
  browser: Browser;
  page: Page;
  /** The script errors the page raised; a test checks it stays empty. */
  pageErrors: string[];
}

export interface AppPageOptions {
  viewport?: { width: number; height: number };
  locale?: string;
  /** Playwright's default timeout for each step, in ms. */
  timeout?: number;
  /** The seeded user to sign in as (the clerk by default), or false to stay on the sign-in screen. */
  role?: Role | false;
}

/** Headless Chromium on the app's page at 1366 × 768 in Vietnamese, signed in as a seeded user. */
export async function openAppPage(app: AppServer, options: AppPageOptions = {}): Promise<AppPage> {
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 1366, height: 768 }, locale: options.locale ?? 'vi-VN' });
  page.setDefaultTimeout(options.timeout ?? 20_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(app.server.appUrl);
  if (options.role !== false) await signIn(page, app, options.role);
  return { browser, page, pageErrors };
}
