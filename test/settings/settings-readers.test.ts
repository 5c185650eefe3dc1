import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { createPipelineStages } from '../../src/core/jobs/real-stages';
import { writeSmallPages } from '../archive/batch-tree';
import { verifyPdf } from '../../src/core/record/verify-pdf';
import { createTestPki, type TestPki } from '../record/support/test-pki';
import { startTestTsa, type TestTsa } from '../record/support/test-tsa';
import { setTestAgency } from '../support/agency';
import { tempDir } from '../support/temp-dir';

const SYSTEM = { kind: 'system', name: 'test' } as const;

/** The settings the Storage, Security and Signing sections add are read where they apply. */
describe('settings of the Storage, Security and Signing sections', () => {
  const dir = tempDir('sohoa-setting-readers-');
  const dataDir = join(dir.path, 'data');
  let engine: Engine;
  let stages: ReturnType<typeof createPipelineStages>;
  let pki: TestPki;
  let tsa: TestTsa;
  const set = (key: string, value: unknown) => engine.settings.set([{ key, value }], SYSTEM, 'test');

  beforeAll(async () => {
    mkdirSync(dataDir, { recursive: true });
    stages = createPipelineStages({ dataDir, ocrWorkers: 1 });
    engine = setTestAgency(Engine.open({ dataDir, pipeline: { stages, concurrency: 1 } }));
    pki = createTestPki();
    tsa = await startTestTsa(pki);
  });
  afterAll(async () => {
    await engine?.close();
    await stages?.close();
    await tsa?.close();
    pki?.cleanup();
    dir.remove();
  });

  it('backs up into a dated folder of backup.destination, with progress, checks it, and shows it as the last backup', async () => {
    const h = engine.handlers;
    await expect(h['backup.run']({})).rejects.toMatchObject({ code: 'backup.destination-missing' });
    expect(() => set('backup.destination', 'sao-luu')).toThrow(
      expect.objectContaining({ code: 'setting.invalid', details: expect.objectContaining({ problem: 'setting.absolute-path' }) }),
    );
    expect(await h['backup.status']({})).toEqual({
      dataDir: engine.store.dataDir,
      destination: '',
      lastBackup: null,
      schedule: 'off',
      nextBackupAt: null,
      running: false,
      lastFailure: null,
    });

    const destination = join(dir.path, 'usb');
    set('backup.destination', destination);
    const progress: { done: number; total: number }[] = [];
    engine.events.subscribe((event, payload) => {
      const p = payload as { task?: string; done: number; total: number };
      if (event === 'progress' && p.task === 'backup') progress.push({ done: p.done, total: p.total });
    });
    const outcome = await h['backup.run']({});
    expect(outcome.folder.startsWith(join(destination, 'sohoa-'))).toBe(true);
    expect(outcome.checked).toBe(true);
    expect(existsSync(join(outcome.folder, 'manifest-sha256.txt'))).toBe(true);
    expect(outcome.files).toBeGreaterThanOrEqual(1);
    expect(progress.at(-1)).toEqual({ done: progress.at(-1)!.total, total: progress.at(-1)!.total });
    expect(await h['backup.status']({})).toEqual({
      dataDir: engine.store.dataDir,
      destination,
      lastBackup: outcome,
      schedule: 'off',
      nextBackupAt: null,
      running: false,
      lastFailure: null,
    });
    const audited = [...engine.store.audit.iterate()].filter((e) => e.action === 'backup.create');
    expect(audited.map((e) => e.subject)).toEqual([outcome.folder]);
  });

  /** A handler that throws at once, as a promise, like a call over the transport. */
  const attempt = <T>(call: () => T) => Promise.resolve().then(call);

  it('refuses a password shorter than auth.password-min-length when an account is made or reset', async () => {
    const h = engine.handlers;
    set('auth.password-min-length', 12);
    const user = { username: 'canbo1', displayName: 'Cán bộ Một', role: 'clerk' as const };
    await expect(attempt(() => h['user.create']({ ...user, password: 'mười ký tự' }))).rejects.toMatchObject({
      code: 'input.invalid',
      details: { issues: [{ field: 'password', problem: 'password.policy' }] },
    });
    expect((await h['user.list']({})).some((u) => u.username === 'canbo1')).toBe(false);
    const made = await h['user.create']({ ...user, password: 'mười hai ký tự' });
    await expect(attempt(() => h['user.resetPassword']({ id: made.id, password: 'ngắn hơn 12' }))).rejects.toMatchObject({
      code: 'input.invalid',
    });
    expect(() => set('auth.password-min-length', 6)).toThrow(expect.objectContaining({ code: 'setting.invalid' }));
  });

  it('timestamps each signature at the authority named by signing.tsa-url', { timeout: 180_000 }, async () => {
    const h = engine.handlers;
    const [page] = await writeSmallPages(join(dir.path, 'pages'), 1);
    const dossier = await h['dossier.create']({
      procedureCode: 'MAU-HT-01',
      applicantName: 'Võ Văn Tú',
      applicantCccd: '074093513649',
      receivedDate: '2026-12-01',
      dueDate: undefined,
    });
    const { id: documentId } = await h['document.create']({ dossierId: dossier.id, component: 'Tờ khai' });
    await h['document.importFiles']({ documentId, paths: [page!] });
    await engine.idle();
    await h['signer.unlock']({ p12Path: pki.signerP12, password: pki.password });
    set('signing.tsa-url', tsa.url);
    await h['dossier.finalize']({ dossierId: dossier.id, confirmMissing: true });
    expect(tsa.requests).toBe(1);
    const signed = engine.store.blobs.get(engine.store.records.latest(documentId)!.pdfSha256);
    const file = join(dir.path, 'record.pdf');
    writeFileSync(file, signed);
    expect(execFileSync('pdfsig', [file], { encoding: 'utf8' })).toContain('Signature is Valid.');
    const report = await verifyPdf(signed, { trustAnchors: pki.trustAnchors, fetchCrl: false });
    expect(report.signatures[0]!.timestamp).toMatchObject({ valid: true, authority: 'SoHoa Test TSA' });
  });
});
