import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeInBatch } from '../../src/core/archive/batch-intake';
import { Engine } from '../../src/core/engine';
import { PIPELINE_JOBS } from '../../src/core/jobs/pipeline';
import { pageJobPlacement } from '../../src/core/jobs/job-placement';
import { ArchiveRepository } from '../../src/core/store/archive-repository';
import { createPipelineStages } from '../../src/core/jobs/real-stages';
import type { EngineEvents } from '../../src/shared/contract';
import { ROLES, type Role } from '../../src/shared/roles';
import { connect, signedInPerRole, type Connection } from '../auth/connection';
import { runSohoa } from '../support/cli';
import { codeOf } from '../support/coded-error';
import { openRawDatabase, readStoredBlob } from '../support/data-key';
import { tempDir } from '../support/temp-dir';
import { pdfsig } from '../record/support/pdf-tools';
import { createTestPki, type TestPki } from '../record/support/test-pki';
import { CORPUS_IMAGES, writeTree, type TreeDossier } from './batch-tree';
import { setTestAgency, TEST_AGENCY } from '../support/agency';

/** Three dossiers of one page each; the register says dossier 2 has 2 pages: a count mismatch. */
const TREE: TreeDossier[] = [
  { relPath: 'HS 1', pages: ['viadm-eb2a.png'] },
  { relPath: 'HS 2', pages: ['viadm-4448.png'] },
  { relPath: 'HS 3', pages: ['viadm-863d.png'] },
];
const REGISTER = [
  'Hồ sơ số,Tiêu đề,Năm,Số trang',
  '1,Khai sinh,2020,1',
  '2,Kết hôn,2020,2',
  '3,Chứng thực,2021,1',
  '4,Không có thư mục,2021,1',
];

describe('the archive QC station through the engine: pause / resume / cancel, QC, approval, bulk signing', () => {
  const dir = tempDir('sohoa-qc-');
  const tree = join(dir.path, 'kho');
  const registerPath = join(dir.path, 'so-theo-doi.csv');
  const dataDir = join(dir.path, 'data');
  const stages = createPipelineStages({ dataDir, ocrWorkers: 1 });
  let engine: Engine;
  let closed = false;
  let as: Record<Role, Connection>;
  let pki: TestPki;
  let batchId = 0;
  const events: { event: string; payload: unknown }[] = [];

  const codeOfDossier = (n: number) => `${TEST_AGENCY.code}-LT${batchId}-${String(n).padStart(5, '0')}`;
  const dossierId = (n: number) => engine.store.dossiers.byCode(codeOfDossier(n))!.id;
  /** What a worker of any process would take now: the queue's own answer, not a wait. */
  const leasable = () => {
    const job = engine.store.jobs.lease('probe-0', Object.values(PIPELINE_JOBS), 60_000);
    if (job) engine.store.jobs.release(job.id, 'probe-0');
    return job;
  };
  const heldJobs = () =>
    (engine.store.db.prepare(`SELECT count(*) AS n FROM job WHERE state = 'queued' AND held = 1`).get() as { n: number }).n;
  const storedStatus = () => new ArchiveRepository(engine.store.db).batch(batchId)!.status;
  const doneEvents = () =>
    (
      engine.store.db
        .prepare(`SELECT count(*) AS n FROM audit_event WHERE action = 'batch.done' AND subject = ?`)
        .get(`batch:${batchId}`) as { n: number }
    ).n;
  const queuedJobs = () => (engine.store.db.prepare(`SELECT count(*) AS n FROM job WHERE state = 'queued'`).get() as { n: number }).n;

  beforeAll(async () => {
    writeTree(tree, TREE);
    writeFileSync(registerPath, REGISTER.join('\n'));
    pki = createTestPki();
    // The app's engine: its pipeline runs in the background once started.
    engine = setTestAgency(Engine.open({ dataDir, actor: 'test', pipeline: { stages, concurrency: 2, autoStart: false } }));
    engine.events.subscribe((event, payload) => events.push({ event, payload }));
    as = await signedInPerRole(engine, ROLES);
    const intake = await takeInBatch(engine, { folder: tree, registerPath, actor: 'test' });
    batchId = intake.batch.id;
  }, 120_000);

  afterAll(async () => {
    if (!closed) await engine?.close();
    await stages.close();
    pki?.cleanup();
    dir.remove();
  });

  it('refuses the QC station to a clerk, and its actions to a supervisor, before anything runs', async () => {
    for (const method of ['batch.list', 'batch.qc', 'batch.approve', 'batch.control', 'batch.sign', 'batch.signCancel'] as const) {
      const params = method === 'batch.list' ? {} : method === 'batch.control' ? { batchId, action: 'pause' as const } : { batchId };
      expect(await codeOf(as.clerk.call(method, params as never)), method).toBe('auth.forbidden');
    }
    expect((await as.supervisor.call('batch.list', {})).map((b) => b.id)).toEqual([batchId]);
    expect(await codeOf(as.supervisor.call('batch.control', { batchId, action: 'pause' }))).toBe('auth.forbidden');
    expect(await codeOf(as.supervisor.call('batch.sign', { batchId }))).toBe('auth.forbidden');
    expect(await codeOf(connect(engine).call('batch.list', {}))).toBe('auth.required');
    expect(await codeOf(as.archivist.call('batch.qc', { batchId: 999 }))).toBe('batch.not-found');
    expect(
      engine.store.db
        .prepare(
          `SELECT count(*) AS n FROM audit_event WHERE action IN ('batch.pause', 'batch.resume', 'batch.cancel', 'batch.qc.approve', 'batch.sign')`,
        )
        .get(),
    ).toEqual({ n: 0 });
  });

  it('pauses and cancels a batch so that no worker takes its jobs, and resumes it for the app’s own pipeline', async () => {
    expect(leasable()).toBeDefined();
    const paused = await as.archivist.call('batch.control', { batchId, action: 'pause' });
    expect(paused).toMatchObject({ changed: true, batch: { state: 'paused' } });
    expect(queuedJobs()).toBe(TREE.length);
    expect(leasable()).toBeUndefined();
    expect(engine.store.jobs.pendingNotHeld()).toBe(0);
    expect(heldJobs()).toBe(TREE.length);
    // A job added to the stopped batch afterwards (a page in hand finishing, a page replaced) is held too.
    const anyPage = engine.store.db
      .prepare('SELECT p.id FROM page p JOIN archive_folder f ON f.document_id = p.document_id WHERE f.batch_id = ? LIMIT 1')
      .get(batchId) as { id: number };
    const placement = pageJobPlacement(engine.store, engine.store.pages.get(anyPage.id)!);
    engine.store.jobs.enqueue(PIPELINE_JOBS.clean, 'added-while-paused', { pageId: anyPage.id }, placement);
    expect(leasable()).toBeUndefined();
    engine.store.db.prepare(`DELETE FROM job WHERE key = 'added-while-paused'`).run();
    // Asking again changes nothing and records nothing more.
    expect((await as.archivist.call('batch.control', { batchId, action: 'pause' })).changed).toBe(false);

    const cancelled = await as.administrator.call('batch.control', { batchId, action: 'cancel' });
    expect(cancelled.batch.state).toBe('cancelled');
    expect(leasable()).toBeUndefined();
    // A cancelled batch keeps its pages; a plain `sohoa batch` run of the folder is refused.
    expect(cancelled.batch.progress.total).toBe(TREE.length);

    const resumed = await as.archivist.call('batch.control', { batchId, action: 'resume' });
    expect(resumed.batch.state).toBe('running');
    expect(heldJobs()).toBe(0);
    expect(leasable()).toBeDefined();
    const actions = engine.store.db
      .prepare(`SELECT action, actor FROM audit_event WHERE subject = ? AND action <> 'batch.open' ORDER BY seq`)
      .all(`batch:${batchId}`);
    expect(actions).toEqual([
      { action: 'batch.pause', actor: 'archivist1' },
      { action: 'batch.cancel', actor: 'administrator1' },
      { action: 'batch.resume', actor: 'archivist1' },
    ]);

    engine.startPipeline();
    await expect.poll(async () => (await as.archivist.call('batch.list', {}))[0]!.state, { timeout: 240_000, interval: 500 }).toBe('done');
    const [batch] = await as.supervisor.call('batch.list', {});
    expect(batch!.progress).toMatchObject({ done: TREE.length, total: TREE.length, failed: 0 });
    expect(batch!.reconciliation).toEqual({ registered: 4, found: 3, matched: 3, missing: 1, extra: 0, countMismatches: 1 });
    // Finished: no rate or time left is shown; the rate counts each page read once, whichever process read it.
    expect(batch!.progress).toMatchObject({ perMinute: null, secondsLeft: null });
    expect(new ArchiveRepository(engine.store.db).pagesReadSince(batchId, new Date(0).toISOString()).n).toBe(TREE.length);
    // Finished by the app's pipeline, not by a `sohoa batch` run: done in the store too, once.
    expect(storedStatus()).toBe('done');
    expect(doneEvents()).toBe(1);
  }, 300_000);

  it('lists the count mismatch in the QC queue with its reason; approving all clean leaves it for a person', async () => {
    const qc = await as.archivist.call('batch.qc', { batchId });
    const two = qc.dossiers.find((d) => d.archiveNumber === '2')!;
    expect(two).toMatchObject({
      code: codeOfDossier(2),
      reasons: ['count-mismatch'],
      pages: 1,
      expectedPages: 2,
      approved: false,
      signed: false,
    });
    expect(qc.missing).toEqual([{ box: '', archiveNumber: '4', title: 'Không có thư mục', line: 5 }]);

    const clean = qc.dossiers.filter((d) => d.reasons.length === 0 && d.flaggedPages.length === 0).map((d) => d.dossierId);
    const { approved } = await as.archivist.call('batch.approve', { batchId });
    expect(approved.sort()).toEqual(clean.sort());
    expect(approved).not.toContain(two.dossierId);
    // Twice: nothing more to approve.
    expect((await as.archivist.call('batch.approve', { batchId })).approved).toEqual([]);
    const audited = engine.store.db.prepare(`SELECT actor, details FROM audit_event WHERE action = 'batch.qc.approve'`).all() as {
      actor: string;
      details: string;
    }[];
    expect(audited).toHaveLength(1);
    expect(audited[0]!.actor).toBe('archivist1');
    expect(JSON.parse(audited[0]!.details)).toMatchObject({ clean: true, dossierIds: approved });
    expect((await as.archivist.call('batch.list', {}))[0]!.dossiers).toMatchObject({
      total: 3,
      approved: approved.length,
      toSign: approved.length,
      signed: 0,
    });
  });

  it('bulk signs the approved dossiers with the signer unlocked once, with progress and cancel, signing nothing twice', async () => {
    expect(await codeOf(as.archivist.call('batch.sign', { batchId }))).toBe('signer.locked');
    await as.archivist.call('signer.unlock', { p12Path: pki.signerP12, password: pki.password });
    const toSign = (await as.archivist.call('batch.list', {}))[0]!.dossiers.toSign;
    expect(toSign).toBeGreaterThanOrEqual(2);

    // Cancelled once the first dossier is signed: the rest stay for the next run.
    const stopAfterFirst = (event: string, payload: unknown) => {
      const p = payload as EngineEvents['progress'];
      if (event === 'progress' && p.task === `batch-sign:${batchId}` && p.done === 1)
        void as.archivist.call('batch.signCancel', { batchId });
    };
    const unsubscribe = engine.events.subscribe(stopAfterFirst);
    const first = await as.archivist.call('batch.sign', { batchId });
    unsubscribe();
    expect(first).toMatchObject({ total: toSign, cancelled: true, skipped: [] });
    expect(first.signed).toHaveLength(1);

    const second = await as.archivist.call('batch.sign', { batchId });
    expect(second).toMatchObject({ total: toSign - 1, cancelled: false, skipped: [] });
    expect(second.signed).toHaveLength(toSign - 1);
    const progress = events
      .filter((e) => e.event === 'progress' && (e.payload as EngineEvents['progress']).task === `batch-sign:${batchId}`)
      .map((e) => e.payload as EngineEvents['progress']);
    expect(progress.some((p) => p.done === toSign - 1 && p.total === toSign - 1)).toBe(true);

    // A third run has nothing left: nothing is signed twice.
    expect(await as.archivist.call('batch.sign', { batchId })).toMatchObject({ total: 0, signed: [], documentsSigned: 0 });
    const signedVersions = engine.store.db
      .prepare('SELECT document_id AS d, count(*) AS n FROM record WHERE signed = 1 GROUP BY document_id')
      .all() as { d: number; n: number }[];
    expect(signedVersions).toHaveLength(toSign);
    expect(signedVersions.every((r) => r.n === 1)).toBe(true);
    for (const id of [...first.signed, ...second.signed]) {
      const doc = engine.store.documents.ofDossier(id)[0]!;
      const record = engine.store.records.latest(doc.id)!;
      expect(record.signed).toBe(true);
      expect(pdfsig(engine.store.blobs.get(record.pdfSha256), pki.caCert).validity).toEqual(['Signature is Valid.']);
    }
    const [batch] = await as.archivist.call('batch.list', {});
    expect(batch!.dossiers).toMatchObject({ approved: toSign, signed: toSign, toSign: 0 });
    expect(batch!.signing).toBeNull();
  }, 120_000);

  it('approves the flagged dossier after a look, then `sohoa batch --sign` signs it alone, and a second run nothing', async () => {
    const two = dossierId(2);
    const approvedNow = async () => (await as.archivist.call('batch.qc', { batchId })).dossiers.find((d) => d.dossierId === two)!.approved;
    expect((await as.archivist.call('batch.approve', { batchId, dossierIds: [two] })).approved).toEqual([two]);
    expect(await approvedNow()).toBe(true);
    // A page replaced after approval withdraws it: what was approved is no longer what would be signed.
    const page = engine.store.db
      .prepare('SELECT p.id FROM page p JOIN document d ON d.id = p.document_id WHERE d.dossier_id = ?')
      .get(two) as { id: number };
    await as.archivist.call('page.replace', { pageId: page.id, path: join(CORPUS_IMAGES, 'viadm-80c2.png') });
    expect(await approvedNow()).toBe(false);
    // The new page is work to do: the batch runs again until it is read, then is done again.
    expect(storedStatus()).toBe('running');
    const replaced = engine.store.db
      .prepare(`SELECT details FROM audit_event WHERE action = 'page.rescan' ORDER BY seq DESC LIMIT 1`)
      .get() as { details: string };
    expect(JSON.parse(replaced.details)).toMatchObject({ oldPageId: page.id, approvalWithdrawn: true });
    await expect.poll(async () => (await as.archivist.call('batch.list', {}))[0]!.state, { timeout: 120_000, interval: 500 }).toBe('done');
    expect(storedStatus()).toBe('done');
    expect(doneEvents()).toBe(2);
    expect((await as.archivist.call('batch.approve', { batchId, dossierIds: [two] })).approved).toEqual([two]);
    await engine.close();
    closed = true;
    const env = { SIGN_PASS: pki.password };
    const run = runSohoa(
      ['batch', '--sign', String(batchId), '--p12', pki.signerP12, '--pass-env', 'SIGN_PASS', '--data-dir', dataDir, '--json'],
      env,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ batchId, total: 1, signed: [two], documentsSigned: 1, skipped: [], cancelled: false });
    expect(run.stderr).toContain('dossiers 1/1');
    const again = runSohoa(['batch', '--sign', tree, '--p12', pki.signerP12, '--pass-env', 'SIGN_PASS', '--data-dir', dataDir], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('0 of 0 dossier(s), 0 record(s)');
    const wrong = runSohoa(['batch', '--sign', String(batchId), '--p12', pki.signerP12, '--pass-env', 'SIGN_PASS', '--data-dir', dataDir], {
      SIGN_PASS: 'sai mật khẩu',
    });
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
    const missingVar = runSohoa([
      'batch',
      '--sign',
      String(batchId),
      '--p12',
      pki.signerP12,
      '--pass-env',
      'NO_SUCH_VAR',
      '--data-dir',
      dataDir,
    ]);
    expect(missingVar.code).toBe(2);
    expect(missingVar.stderr).toContain('NO_SUCH_VAR is not set');

    const db = openRawDatabase(dataDir, { readonly: true });
    try {
      const row = db
        .prepare(
          `SELECT r.pdf_sha256 AS sha, r.signed FROM record r JOIN document d ON d.id = r.document_id WHERE d.dossier_id = ? ORDER BY r.version DESC LIMIT 1`,
        )
        .get(two) as { sha: string; signed: number };
      expect(row.signed).toBe(1);
      expect(pdfsig(readStoredBlob(dataDir, row.sha), pki.caCert).validity).toEqual(['Signature is Valid.']);
      expect(db.prepare(`SELECT count(*) AS n FROM audit_event WHERE action = 'batch.sign' AND actor LIKE 'cli:%'`).get()).toEqual({
        n: 2,
      });
    } finally {
      db.close();
    }
  }, 120_000);
});
