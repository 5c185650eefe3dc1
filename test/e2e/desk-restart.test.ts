import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { vi } from '../../src/renderer/src/i18n/vi';
import { SEEDED_PASSWORD } from '../e2e-support/app-server';
import { launchChromium } from '../e2e-support/browser';
import { setTestAgency } from '../support/agency';
import { freePort, startEngineChild, type EngineChild } from '../e2e-support/engine-child';
import { ensureRendererBuilt } from '../e2e-support/renderer-build';
import { signInAs } from '../e2e-support/sign-in';
import { recordPageFromCorpus } from '../record/support/corpus-pages';
import { addReadDocument } from '../e2e-support/read-document';
import { pdfsig } from '../record/support/pdf-tools';
import { createTestPki, type TestPki } from '../record/support/test-pki';
import { openRawDatabase } from '../support/data-key';
import { tempDir } from '../support/temp-dir';

const DOCUMENTS = 8;
const CORPUS_IDS = ['viadm-2833', 'viadm-18d1', 'viadm-c0af'];
const fill = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));

/** How many records the engine has signed so far, as another process sees the store. */
function signedSoFar(dataDir: string): number {
  const db = openRawDatabase(dataDir, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM audit_event WHERE action = 'record.sign'`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('the engine killed in the middle of a finalization, and started again', () => {
  const dir = tempDir('sohoa-desk-restart-');
  const dataDir = join(dir.path, 'data');
  let pki: TestPki;
  let browser: Browser;
  let page: Page;
  let engine: EngineChild | undefined;
  let port = 0;
  let dossierId = 0;
  let code = '';
  const pageErrors: string[] = [];

  const main = () => page.getByRole('main');
  const unlock = async () => {
    await main().getByLabel(vi['finalize.p12']).setInputFiles(pki.signerP12);
    await main().getByLabel(vi['finalize.password']).fill(pki.password);
    await main().getByRole('button', { name: vi['finalize.unlock'] }).click();
    await main()
      .getByText(fill(vi['finalize.unlocked'], { subject: pki.signerCommonName }))
      .waitFor();
  };

  beforeAll(async () => {
    ensureRendererBuilt();
    pki = createTestPki();
    // A dossier whose documents are all read and built, waiting to be signed.
    const setup = setTestAgency(Engine.open({ dataDir }));
    await setup.handlers['user.create']({ username: 'clerk', displayName: 'Cán bộ một cửa', role: 'clerk', password: SEEDED_PASSWORD });
    const dossier = await setup.handlers['dossier.create']({
      procedureCode: 'MAU-HT-01',
      applicantName: 'Vũ Thị Hạnh',
      applicantCccd: '074190000123',
      receivedDate: '2026-11-23',
    });
    dossierId = dossier.id;
    code = dossier.code;
    for (let i = 0; i < DOCUMENTS; i++) {
      await addReadDocument(setup.store, dossierId, `Văn bản ${i + 1}`, [recordPageFromCorpus(CORPUS_IDS[i % CORPUS_IDS.length]!)]);
    }
    await setup.close();

    port = await freePort();
    engine = await startEngineChild(dataDir, port);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1500, height: 1000 }, locale: 'vi-VN' });
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(engine.appUrl);
    await signInAs(page, 'clerk', SEEDED_PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await engine?.kill();
    pki?.cleanup();
    dir.remove();
  });

  it('keeps what was signed when the engine dies mid-way', { timeout: 120_000 }, async () => {
    await main()
      .getByRole('button', { name: fill(vi['intake.open'], { code }) })
      .click();
    await main()
      .getByRole('heading', { level: 1, name: fill(vi['desk.title'], { code }) })
      .waitFor();
    await unlock();
    await main().getByRole('button', { name: vi['finalize.submit'] }).click();
    // The procedure's other components have no document: the desk lists them and the clerk signs anyway.
    await main().getByRole('alertdialog').getByRole('button', { name: vi['finalize.confirmMissing'] }).click();
    while (signedSoFar(dataDir) === 0) await new Promise((r) => setTimeout(r, 10));
    await engine!.kill();
    const signed = signedSoFar(dataDir);
    expect(signed, 'the engine was to be killed after its first signature, not after the last').toBeLessThan(DOCUMENTS);
    expect(signed).toBeGreaterThan(0);
  });

  it(
    'brings the clerk back to the same dossier with every page, and finalizes the rest without signing anything twice',
    { timeout: 180_000 },
    async () => {
      engine = await startEngineChild(dataDir, port);
      await page.goto('about:blank');
      await page.goto(engine.appUrl);
      // Sign-ins live in the engine's memory: after the restart the clerk signs in again.
      await signInAs(page, 'clerk', SEEDED_PASSWORD);
      await main()
        .getByRole('heading', { level: 1, name: fill(vi['desk.title'], { code }) })
        .waitFor();
      await expect.poll(() => main().locator('.page-thumb').count()).toBe(DOCUMENTS);
      // The key was in the killed engine's memory only: the clerk unlocks again.
      await unlock();
      await main().getByRole('button', { name: vi['finalize.submit'] }).click();
      // The procedure's other components have no document: the desk lists them and the clerk signs anyway.
      await main().getByRole('alertdialog').getByRole('button', { name: vi['finalize.confirmMissing'] }).click();
      await main()
        .getByText(fill(vi['finalize.done'], { count: DOCUMENTS }))
        .waitFor();
      await main().locator('.desk-summary').getByText(vi['status.finalized']).waitFor();
      await engine.kill();
      engine = undefined;

      const check = Engine.open({ dataDir });
      try {
        const docs = await check.handlers['document.list']({ dossierId });
        expect(docs).toHaveLength(DOCUMENTS);
        for (const doc of docs) {
          const signedVersions = check.store.db.prepare('SELECT id FROM record WHERE document_id = ? AND signed = 1').all(doc.id) as {
            id: number;
          }[];
          expect(signedVersions.map((r) => r.id)).toEqual([doc.record!.id]);
          expect(doc.pages).toHaveLength(1);
          expect(pdfsig(check.store.blobs.get(doc.record!.pdfSha256)).validity).toEqual(['Signature is Valid.']);
        }
        const queued = check.store.db.prepare('SELECT record_id AS recordId, count(*) AS n FROM outbox_item GROUP BY record_id').all() as {
          recordId: number;
          n: number;
        }[];
        expect(queued.map((q) => q.n)).toEqual(Array(DOCUMENTS).fill(1));
        expect(signedSoFar(dataDir)).toBe(DOCUMENTS);
        expect((await check.handlers['dossier.get']({ id: dossierId })).status).toBe('finalized');
      } finally {
        await check.close();
      }
    },
  );

  it('ran without script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
