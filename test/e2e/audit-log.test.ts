import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeInBatch } from '../../src/core/archive/batch-intake';
import type { Engine } from '../../src/core/engine';
import { vi } from '../../src/renderer/src/i18n/vi';
import { writeTree } from '../archive/batch-tree';
import { startAppServer, type AppServer } from '../e2e-support/app-server';
import { openAppPage } from '../e2e-support/app-page';
import { launchChromium } from '../e2e-support/browser';
import { corpusPage } from '../e2e-support/desk-fixtures';
import { fill } from '../e2e-support/fill';
import { addReadDocument } from '../e2e-support/read-document';
import { createBirthRegistration } from '../e2e-support/sample-dossier';
import { screenshotDir } from '../e2e-support/screenshots';
import { signIn } from '../e2e-support/sign-in';
import { recordPageFromCorpus } from '../record/support/corpus-pages';
import { createTestPki, type TestPki } from '../record/support/test-pki';
import { tempDir } from '../support/temp-dir';

const SHOTS = screenshotDir('audit-log');
const SHA256 = '9f2c4a1b074093513649e5d0c3b2a1f0123456789012fedcba9876543210abcd';
const RETURNED_AT = '2026-12-03T02:05:00.000Z';

describe('the audit log page in the browser at 1366×768: details in words, the mask, the filters', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let code = '';
  const pageErrors: string[] = [];
  const main = () => page.getByRole('main');
  const rows = () => main().locator('.audit-table tbody tr');
  const rowOf = (action: string) => rows().filter({ has: page.locator(`td[title="${action}"]`) });
  /** A detail of a row, by its key: its label and its value as shown. */
  const detail = async (action: string, key: string) => {
    const item = rowOf(action).first().locator(`.audit-details [data-key="${key}"]`);
    return {
      label: (await item.locator('dt').textContent())?.trim(),
      value: (await item.locator('dd').textContent())?.trim(),
      title: await item.locator('dd').getAttribute('title'),
    };
  };

  beforeAll(async () => {
    app = await startAppServer();
    const { engine } = app;
    code = (
      await engine.handlers['dossier.create']({
        procedureCode: 'MAU-HT-01',
        applicantName: 'Đỗ Thị Mai',
        applicantCccd: '074190000123',
        receivedDate: '2026-11-23',
      })
    ).code;
    // Events of the shapes the engine writes (the sync runner, the bag export, the hand-back, an archive intake).
    engine.audit.append({ actor: 'sync', action: 'sync.export-bag', subject: '/media/usb/goi', details: { records: 3, bytes: 1_572_864 } });
    engine.audit.append({
      actor: 'sync',
      action: 'sync.record.acknowledged',
      subject: '7',
      details: { dossierCode: code, version: 2, receiptId: 'r-41', duplicate: false, sha256: SHA256 },
    });
    engine.audit.append({
      actor: 'clerk',
      action: 'dossier.hand-back',
      subject: '1',
      details: { returnedAt: RETURNED_AT, receiverKind: 'applicant', method: 'desk', onTime: true, workingDaysLate: 0 },
    });
    engine.audit.append({ actor: 'archivist', action: 'archive.dossier.create', subject: 'LT-2021-0001', details: { box: 12 } });
    engine.audit.append({
      actor: 'clerk',
      action: 'page.note',
      subject: '1',
      details: { note: 'CCCD 074093513649', origin: 'máy quét 2' },
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(app.server.appUrl);
    await signIn(page, app, 'supervisor');
    await page.getByRole('navigation').getByRole('button', { name: vi['nav.audit'] }).click();
    await rowOf('dossier.create').first().waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows each event’s details in words, never as JSON', async () => {
    const cells = await main().locator('.audit-table tbody td:nth-child(6)').allTextContents();
    expect(cells.length).toBeGreaterThan(5);
    expect(cells.filter((c) => /[{}"]/.test(c))).toEqual([]);
    // Times to the second, day before month, the year in full: never the browser's own short order.
    const times = await main().locator('.audit-table tbody td:nth-child(1)').allTextContents();
    expect(times.filter((at) => !/^\d{2}:\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/.test(at.trim()))).toEqual([]);
    expect(await detail('dossier.create', 'procedure')).toMatchObject({ label: vi['audit.key.procedure'], value: 'MAU-HT-01' });
    expect(await detail('sync.export-bag', 'bytes')).toMatchObject({ label: vi['audit.key.bytes'], value: '1,5 MB' });
    expect(await detail('sync.export-bag', 'records')).toMatchObject({ label: vi['audit.key.records'], value: '3' });
    expect(await detail('sync.record.acknowledged', 'dossierCode')).toMatchObject({ label: vi['audit.key.dossierCode'], value: code });
    expect(await detail('sync.record.acknowledged', 'duplicate')).toMatchObject({ value: vi['audit.value.no'] });
    // A moment in local time, day before month (the browser runs in the machine's zone, as the page does).
    const returned = await detail('dossier.hand-back', 'returnedAt');
    const local = await page.evaluate((iso) => {
      const d = new Date(iso);
      const two = (n: number) => String(n).padStart(2, '0');
      return `${two(d.getHours())}:${two(d.getMinutes())} ${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()}`;
    }, RETURNED_AT);
    expect(returned).toMatchObject({ label: vi['audit.key.returnedAt'], value: local, title: RETURNED_AT });
    expect(await detail('dossier.hand-back', 'method')).toMatchObject({ value: vi['handBack.method.desk'] });
    expect(await detail('dossier.hand-back', 'onTime')).toMatchObject({ label: vi['audit.key.onTime'], value: vi['audit.value.yes'] });
    // A key this version has no label for shows as key: value.
    expect(await detail('page.note', 'origin')).toMatchObject({ label: 'origin', value: 'máy quét 2' });
  });

  it('masks a CCCD that stands alone, and shows a digest whole in its title, its digits untouched', async () => {
    expect((await detail('page.note', 'note')).value).toBe('CCCD ••••••••••••');
    const digest = await detail('sync.record.acknowledged', 'sha256');
    expect(digest.title).toBe(SHA256);
    expect(digest.value).toBe(`${SHA256.slice(0, 8)}…${SHA256.slice(-4)}`);
    await page.screenshot({ path: `${SHOTS}/audit-details.png` });
  });

  it('filters by one action chosen by its Vietnamese label, exactly: "Tạo hồ sơ" is not "Tạo hồ sơ lưu trữ"', async () => {
    const select = main().getByLabel(vi['audit.action'], { exact: true });
    expect(await select.evaluate((s) => s.tagName)).toBe('SELECT');
    await select.selectOption({ label: vi['audit.action.dossier.create'] });
    await page.getByRole('button', { name: vi['audit.apply'], exact: true }).click();
    await expect
      .poll(async () =>
        (
          await rows()
            .locator('td:nth-child(3)')
            .evaluateAll((c) => c.map((e) => e.getAttribute('title')))
        ).join(),
      )
      .toBe('dossier.create');
    expect((await rows().locator('td:nth-child(3)').textContent())?.trim()).toBe(vi['audit.action.dossier.create']);
    await page.screenshot({ path: `${SHOTS}/audit-action-filter.png` });
  });

  it('finds events by text in their subject, separately from the action', async () => {
    await main().getByLabel(vi['audit.action'], { exact: true }).selectOption({ label: vi['audit.actionAll'] });
    await main().getByLabel(vi['audit.text'], { exact: true }).fill('LT-2021');
    await page.getByRole('button', { name: vi['audit.apply'], exact: true }).click();
    await expect
      .poll(async () => (await rows().locator('td:nth-child(4)').allTextContents()).join())
      .toBe(fill(vi['audit.subject.dossier'], { code: 'LT-2021-0001' }));
  });

  it('ran without script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});

/** Waits (outside a test: in the set-up) until `ready` holds, or fails saying what it waited for. */
async function until(what: string, ready: () => Promise<boolean>, timeoutMs = 240_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Every page of the dossier's documents read by the pipeline, its record rebuilt, no job left. */
const allRead = (engine: Engine, dossierId: number) =>
  until(`the pages of dossier ${dossierId} read`, async () => {
    const desk = await engine.handlers['dossier.desk']({ id: dossierId });
    const queued = engine.store.db.prepare(`SELECT count(*) AS n FROM job WHERE state IN ('queued', 'leased')`).get() as { n: number };
    return (
      queued.n === 0 && desk.documents.every((d) => d.pages.length > 0 && d.pages.every((p) => p.state === 'read') && d.record !== null)
    );
  });

/** A bare id: digits, a `batch:` reference, a UUID. */
const BARE_ID = /^(?:\d+|batch:\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

describe('the audit log’s subjects after a realistic session: words a supervisor understands, never a bare id', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[] = [];
  let pki: TestPki;
  const files = tempDir('sohoa-audit-subjects-');
  const [birth, form, extra, result, archived] = ['viadm-2833', 'viadm-4448', 'viadm-863d', 'viadm-82f0', 'viadm-eb2a'].map(corpusPage);
  const names = { code: '', reopenedCode: '', batch: '' };
  /** The subject cells shown, by the event's sequence number. */
  const shown = new Map<number, string>();

  beforeAll(async () => {
    pki = createTestPki();
    app = await startAppServer({ pipeline: true });
    const { engine } = app;
    const h = engine.handlers;
    await h['signer.unlock']({ p12Path: pki.signerP12, password: pki.password });

    // Desk intake: a component imported from files, its pages turned, moved and one deleted, signed, receipt, result, hand-back.
    const dossier = await createBirthRegistration(h);
    names.code = dossier.code;
    const { id: documentId } = await h['document.create']({ dossierId: dossier.id, component: 'Giấy chứng sinh' });
    await h['document.importFiles']({ documentId, paths: [birth!.path, form!.path, extra!.path] });
    await allRead(engine, dossier.id);
    const pages = (await h['dossier.desk']({ id: dossier.id })).documents[0]!.pages;
    await h['page.delete']({ pageId: pages[2]!.id });
    await h['page.move']({ pageId: pages[1]!.id, documentId, position: 1 });
    await h['page.rotate']({ pageId: pages[0]!.id, rotation: 90 });
    await allRead(engine, dossier.id);
    await h['dossier.finalize']({ dossierId: dossier.id, confirmMissing: true });
    await h['dossier.receipt']({ id: dossier.id });
    const { id: resultId } = await h['result.create']({ dossierId: dossier.id, kind: 'quyet-dinh', number: '88/QĐ-UBND' });
    await h['document.importFiles']({ documentId: resultId, paths: [result!.path] });
    await allRead(engine, dossier.id);
    await h['result.sign']({ documentId: resultId });
    await h['result.handBack']({
      dossierId: dossier.id,
      receiverName: 'Đỗ Thị Mai',
      receiverKind: 'applicant',
      method: 'desk',
      lateReason: 'Chờ ý kiến cấp trên',
    });

    // A second dossier signed, then reopened.
    const second = await h['dossier.create']({
      procedureCode: 'MAU-HT-01',
      applicantName: 'Trần Văn Bình',
      applicantCccd: '074093513649',
      receivedDate: '2026-11-24',
    });
    names.reopenedCode = second.code;
    await addReadDocument(engine.store, second.id, 'Tờ khai', [recordPageFromCorpus('viadm-2833')]);
    await h['dossier.finalize']({ dossierId: second.id, confirmMissing: true });
    await h['dossier.reopen']({ id: second.id, reason: 'Thiếu chữ ký của người nộp' });

    // An archive batch taken in, read, approved at QC and signed in bulk.
    const tree = join(files.path, 'kho-2021');
    writeTree(tree, [{ relPath: 'HS 1', pages: [archived!.file.replace(/^images\//, '')] }]);
    const registerPath = join(files.path, 'so.csv');
    writeFileSync(registerPath, ['Hồ sơ số,Tiêu đề,Năm,Số trang', '1,Khai sinh,2021,1'].join('\n'));
    const intake = await takeInBatch(engine, { folder: tree, registerPath, actor: 'archivist' });
    names.batch = intake.batch.name;
    await until('the batch done', async () => (await h['batch.list']({})).find((b) => b.id === intake.batch.id)?.state === 'done');
    await h['batch.approve']({ batchId: intake.batch.id });
    await h['batch.sign']({ batchId: intake.batch.id });

    // Administration: a user's role, a setting, a backup.
    const clerk = engine.accounts.byUsername('clerk')!;
    await h['user.setRole']({ id: clerk.id, role: 'archivist' });
    await h['user.setRole']({ id: clerk.id, role: 'clerk' });
    await h['settings.set']({ changes: [{ key: 'workstation.name', value: 'Bàn số 3' }] });
    const backups = join(files.path, 'sao-luu');
    await h['settings.set']({ changes: [{ key: 'backup.destination', value: backups }] });
    await h['backup.run']({});

    ({ browser, page, pageErrors } = await openAppPage(app, { role: 'supervisor' }));
    await page.getByRole('navigation').getByRole('button', { name: vi['nav.audit'] }).click();
    const rows = page.getByRole('main').locator('.audit-table tbody tr');
    await rows.first().waitFor();
    for (;;) {
      for (const row of await rows.all())
        shown.set(Number(await row.getAttribute('data-seq')), (await row.locator('td:nth-child(4)').textContent())?.trim() ?? '');
      const next = page.getByRole('main').getByRole('button', { name: vi['audit.next'] });
      if (await next.isDisabled()) break;
      const first = await rows.first().getAttribute('data-seq');
      await next.click();
      await until('the next page of events', async () => (await rows.first().getAttribute('data-seq')) !== first, 20_000);
    }
    await page.screenshot({ path: `${screenshotDir('audit-log')}/audit-subjects.png` });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    pki?.cleanup();
    files.remove();
  });

  const events = () => [...app.engine.store.audit.iterate()];
  const subjectsOf = (action: string) => events().flatMap((e) => (e.action === action ? [shown.get(e.seq)] : []));

  it('wrote each kind of event the session did', () => {
    const written = new Set(events().map((e) => e.action));
    for (const action of [
      'dossier.create',
      'document.create',
      'page.import',
      'page.rotate',
      'page.move',
      'page.delete',
      'record.sign',
      'dossier.finalize',
      'dossier.receipt',
      'result.create',
      'result.sign',
      'dossier.hand-back',
      'dossier.reopen',
      'batch.open',
      'archive.dossier.create',
      'batch.qc.approve',
      'batch.sign',
      'signer.unlock',
      'user.create',
      'user.set-role',
      'setting.change',
      'backup.create',
      'auth.login',
    ])
      expect(written, action).toContain(action);
  });

  it('shows every event’s subject in words: no bare id, number or UUID', () => {
    expect(shown.size).toBe(events().length);
    const bare = events().filter(
      (e) => BARE_ID.test(shown.get(e.seq) ?? '') || (e.subject && /^\d+$/.test(e.subject) && shown.get(e.seq) === e.subject),
    );
    expect(bare.map((e) => `${e.action}: ${shown.get(e.seq)}`)).toEqual([]);
  });

  it('names dossiers by their code, documents by their component, pages by their place, batches and users by name', () => {
    const dossier = fill(vi['audit.subject.dossier'], { code: names.code });
    const birthDoc = fill(vi['audit.subject.docNamed'], { name: 'Giấy chứng sinh', code: names.code });
    for (const action of ['dossier.create', 'dossier.finalize', 'dossier.receipt', 'dossier.hand-back'])
      expect(subjectsOf(action)).toContain(dossier);
    expect(subjectsOf('dossier.reopen')).toEqual([fill(vi['audit.subject.dossier'], { code: names.reopenedCode })]);
    for (const action of ['document.create', 'page.import', 'record.sign'])
      expect(subjectsOf(action)).toContain(fill(vi['audit.subject.document'], { doc: birthDoc }));
    const resultDoc = fill(vi['audit.subject.docNamed'], { name: 'Kết quả giải quyết', code: names.code });
    for (const action of ['result.create', 'result.sign'])
      expect(subjectsOf(action)).toEqual([fill(vi['audit.subject.document'], { doc: resultDoc })]);
    // The page turned is now first (the other was moved before it, then the third deleted).
    expect(subjectsOf('page.rotate')).toEqual([fill(vi['audit.subject.page'], { n: 2, doc: birthDoc })]);
    expect(subjectsOf('page.move')).toEqual([fill(vi['audit.subject.page'], { n: 1, doc: birthDoc })]);
    expect(subjectsOf('page.delete')).toEqual([
      fill(vi['audit.subject.gone'], { text: fill(vi['audit.subject.page'], { n: 3, doc: birthDoc }) }),
    ]);
    const batch = fill(vi['audit.subject.batch'], { name: names.batch });
    for (const action of ['batch.open', 'batch.qc.approve', 'batch.sign']) expect(subjectsOf(action)).toContain(batch);
    expect(subjectsOf('user.set-role')).toContain(fill(vi['audit.subject.user'], { name: 'Thử nghiệm clerk', username: 'clerk' }));
    expect(subjectsOf('setting.change')).toContain(fill(vi['audit.subject.setting'], { label: 'Tên máy trạm' }));
    expect(subjectsOf('signer.unlock')).toEqual([fill(vi['audit.subject.certificate'], { name: pki.signerCommonName })]);
  });

  it('shows supervisors no citizen’s name or CCCD in a subject', () => {
    const cells = [...shown.values()].join('\n');
    for (const personal of ['Đỗ Thị Mai', 'Trần Văn Bình', '074190000123', '074093513649']) expect(cells).not.toContain(personal);
    expect(pageErrors).toEqual([]);
  });
});
