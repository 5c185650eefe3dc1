import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi } from '../../src/renderer/src/i18n/vi';
import { startAppServer, type AppServer } from '../e2e-support/app-server';
import { launchChromium } from '../e2e-support/browser';
import { REPO } from '../e2e-support/renderer-build';

const SHOTS = `${REPO}test-output/e2e`;
const ADMIN = { name: 'Trần Quản Trị', username: 'quantri', password: 'mật khẩu quản trị' };
const CLERK = { name: 'Nguyễn Thị Lan', username: 'lan.nguyen', password: 'mật khẩu của Lan' };
const CLERK_NAV = [vi['nav.intake'], vi['nav.search'], vi['nav.progress'], vi['nav.settings']];

describe('accounts in the browser: first start, sign-in, idle lock, menus per role', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  const main = () => page.getByRole('main');
  const nav = () => page.getByRole('navigation');
  const navLabels = async () => (await nav().getByRole('button').allTextContents()).map((s) => s.trim());
  const field = (label: string) => main().getByLabel(label, { exact: true });
  const button = (name: string) => page.getByRole('button', { name, exact: true });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    // First start: no users (the agency already set: its screen has a test of its own); the screen locks after 5 idle minutes.
    app = await startAppServer({
      seedUsers: false,
      settings: { 'auth.idle_minutes': '5', 'agency.name': 'UBND phường Phú Cường', 'agency.code': '000.31.25.H12' },
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1360, height: 900 }, locale: 'vi-VN' });
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().includes('401')) pageErrors.push(m.text());
    });
    // A controllable clock: idle time passes when the test says so, not while the machine is busy.
    await page.clock.install();
    await page.goto(app.server.appUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('asks for an administrator on first start and signs them in', async () => {
    await page.getByRole('heading', { level: 1, name: vi['auth.setup.title'] }).waitFor();
    expect(await nav().count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/accounts-first-start.png`, fullPage: true });
    await field(vi['auth.displayName']).fill(ADMIN.name);
    await field(vi['auth.username']).fill(ADMIN.username);
    await field(vi['auth.password']).fill(ADMIN.password);
    await field(vi['auth.passwordRepeat']).fill(`${ADMIN.password}!`);
    await button(vi['auth.setup.submit']).click();
    await main().getByText(vi['auth.passwordMismatch']).waitFor();
    expect(app.engine.store.users.count()).toBe(0);
    await field(vi['auth.passwordRepeat']).fill(ADMIN.password);
    await button(vi['auth.setup.submit']).click();
    await nav().waitFor();
    expect(await navLabels()).toEqual([vi['nav.search'], vi['nav.progress'], vi['nav.audit'], vi['nav.users'], vi['nav.settings']]);
    expect(app.engine.accounts.byUsername(ADMIN.username)).toMatchObject({ role: 'administrator', displayName: ADMIN.name });
  });

  it('lets the administrator add a clerk on the users page', async () => {
    await nav().getByRole('button', { name: vi['nav.users'] }).click();
    await field(vi['auth.displayName']).fill(CLERK.name);
    await field(vi['auth.username']).fill(CLERK.username);
    await field(vi['users.role']).selectOption('clerk');
    await field(vi['auth.password']).fill(CLERK.password);
    await button(vi['users.create']).click();
    // The result shows in the form's own card, beside its button, not at the top of the page.
    const newUserCard = main()
      .locator('section.card')
      .filter({ has: page.getByRole('heading', { name: vi['users.new'] }) });
    await newUserCard.getByText(vi['users.created'].replace('{name}', CLERK.name)).waitFor();
    await main().locator('.users-table tbody tr').filter({ hasText: CLERK.username }).waitFor();
    const gap = await page.evaluate((label) => {
      const notice = document.querySelector('.form-outcome .notice')!.getBoundingClientRect();
      const submit = [...document.querySelectorAll('button[type=submit]')]
        .find((b) => b.textContent?.trim() === label)!
        .getBoundingClientRect();
      return notice.top - submit.bottom;
    }, vi['users.create']);
    expect(gap).toBeGreaterThanOrEqual(0);
    expect(gap).toBeLessThan(60);
    expect(app.engine.accounts.byUsername(CLERK.username)?.role).toBe('clerk');
    await page.screenshot({ path: `${SHOTS}/accounts-users.png`, fullPage: true });
  });

  it('shows the audit log in words, with the sign-in and the new user, filtered by action', async () => {
    await nav().getByRole('button', { name: vi['nav.audit'] }).click();
    const rows = main().locator('.audit-table tbody tr');
    const actions = rows.locator('td:nth-child(3)');
    const created = rows.filter({ has: page.locator('td[title="user.create"]') });
    await created.first().waitFor();
    expect(await created.filter({ hasText: CLERK.username }).count()).toBe(1);
    expect((await created.locator('td:nth-child(3)').first().textContent())?.trim()).toBe(vi['audit.action.user.create']);
    // Words, never the code: no action cell reads like "dossier.create".
    expect((await actions.allTextContents()).filter((a) => /^[a-z]+(\.[a-z-]+)+$/.test(a.trim()))).toEqual([]);
    await field(vi['audit.action']).selectOption({ label: vi['audit.action.auth.login'] });
    await button(vi['audit.apply']).click();
    await expect
      .poll(async () =>
        (await actions.evaluateAll((cells) => cells.map((c) => c.getAttribute('title') ?? ''))).every((a) => a === 'auth.login'),
      )
      .toBe(true);
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await actions.allTextContents()).toContain(vi['audit.action.auth.login']);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.screenshot({ path: `${SHOTS}/accounts-audit.png` });
    await page.setViewportSize({ width: 1360, height: 900 });
  });

  it('signs out, and refuses a wrong password with one message', async () => {
    await button(vi['auth.signOut']).click();
    await page.getByRole('heading', { level: 1, name: vi['auth.login.title'] }).waitFor();
    expect(await nav().count()).toBe(0);
    await field(vi['auth.username']).fill(CLERK.username);
    await field(vi['auth.password']).fill('không đúng');
    await button(vi['auth.login.submit']).click();
    await main().getByRole('alert').getByText(vi['error.auth.invalid-credentials']).waitFor();
    await page.screenshot({ path: `${SHOTS}/accounts-wrong-password.png`, fullPage: true });
    expect(await nav().count()).toBe(0);
  });

  it('gives a clerk the desk pages but not the administrator’s', async () => {
    await field(vi['auth.password']).fill(CLERK.password);
    await button(vi['auth.login.submit']).click();
    await nav().waitFor();
    expect(await navLabels()).toEqual(CLERK_NAV);
    expect(await page.locator('.user-box').textContent()).toContain(CLERK.name);
    // Even asked directly, the engine refuses the clerk the administrator's methods.
    const refused = await page.evaluate(async () => {
      const ws = new WebSocket(`ws://${location.host}/rpc?secret=${new URLSearchParams(location.hash.slice(1)).get('secret')}`);
      await new Promise((r) => ws.addEventListener('open', r));
      const reply = new Promise<string>((r) => ws.addEventListener('message', (e) => r(String(e.data))));
      ws.send(
        JSON.stringify({ kind: 'call', id: 1, method: 'auth.resume', params: { token: sessionStorage.getItem('sohoa.resumeToken') } }),
      );
      await reply;
      const second = new Promise<string>((r) => ws.addEventListener('message', (e) => r(String(e.data))));
      ws.send(JSON.stringify({ kind: 'call', id: 2, method: 'user.list', params: {} }));
      return JSON.parse(await second) as { ok: boolean; error?: { code: string } };
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
  });

  it('locks the screen after the idle time from the settings, and the password unlocks it', async () => {
    await nav().getByRole('button', { name: vi['nav.search'] }).click();
    await page.clock.fastForward('04:00');
    expect(await page.getByRole('heading', { level: 1, name: vi['auth.lock.title'] }).count()).toBe(0);
    await page.clock.fastForward('01:30');
    await page.getByRole('heading', { level: 1, name: vi['auth.lock.title'] }).waitFor();
    expect(await nav().count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/accounts-locked.png`, fullPage: true });
    expect(app.engine.store.audit.last()).toMatchObject({ action: 'auth.lock', actor: CLERK.username });

    // Only the password is asked here, so only the password is said to be wrong.
    await field(vi['auth.password']).fill('sai rồi');
    await button(vi['auth.lock.submit']).click();
    await main().getByRole('alert').getByText(vi['auth.lock.wrongPassword']).waitFor();
    expect(await main().getByRole('alert').textContent()).not.toContain(vi['auth.username']);
    expect(await main().textContent()).not.toContain('không thao tác');
    await field(vi['auth.password']).fill(CLERK.password);
    await button(vi['auth.lock.submit']).click();
    await nav().waitFor();
    // Back where the clerk was.
    expect(await nav().getByRole('button', { name: vi['nav.search'] }).getAttribute('aria-current')).toBe('page');
  });

  it('keeps the sign-in over a reload of the window', async () => {
    await page.reload();
    await nav().waitFor();
    expect(await navLabels()).toEqual(CLERK_NAV);
  });

  it('ran without script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
