import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { saveSyncCredentials } from '../../src/core/sync/sync-credentials';
import { ROLES } from '../../src/shared/roles';
import { signedInPerRole, type Connection } from '../auth/connection';
import { setTestAgency } from '../support/agency';
import { codeOf } from '../support/coded-error';
import { openRawDatabase } from '../support/data-key';
import { tempDir } from '../support/temp-dir';
import { recordFactory } from '../sync/support/signed-records';
import { seedRecords } from '../sync/support/workstation';

/**
 * The methods the command line's operator tasks call (`sohoa catalog`, `audit`, `status --verify`, `backup`,
 * `sync`), as a window's connection calls them: each refused to the roles the app would not give it,
 * and doing for the others what the command did.
 */
describe('the operator tasks through the contract', () => {
  const dir = tempDir('sohoa-operator-');
  let engine: Engine;
  let as: Record<(typeof ROLES)[number], Connection>;
  const events = (action: string) => [...engine.store.audit.iterate()].filter((e) => e.action === action);

  beforeAll(async () => {
    engine = setTestAgency(Engine.open({ dataDir: join(dir.path, 'data') }));
    as = await signedInPerRole(engine, ROLES);
  });
  afterAll(async () => {
    await engine?.close();
    dir.remove();
  });

  it('catalog.import: the administrator’s CSV is stored, its bad rows told by line, audited once as the administrator', async () => {
    const csv = [
      'code,name,field,level,processing_days,components',
      '1.009001,Đăng ký khai tử,Hộ tịch,Cấp xã,3,Tờ khai|Giấy báo tử',
      '1.009002,,Hộ tịch,Cấp xã,3,',
    ].join('\n');
    for (const role of ['clerk', 'archivist', 'supervisor'] as const)
      expect(await codeOf(as[role].call('catalog.import', { csv, source: 'danh-muc.csv' })), role).toBe('auth.forbidden');
    expect(engine.store.procedures.get('1.009001')).toBeUndefined();
    expect(events('catalog.import')).toEqual([]);

    const result = await as.administrator.call('catalog.import', { csv, source: 'danh-muc.csv' });
    expect(result).toEqual({ imported: 1, problems: [{ line: 3, message: 'code and name are required' }] });
    expect(engine.store.procedures.get('1.009001')?.components).toEqual(['Tờ khai', 'Giấy báo tử']);
    expect(events('catalog.import').map((e) => [e.actor, e.subject, JSON.parse(e.details)])).toEqual([
      ['administrator1', 'danh-muc.csv', { imported: 1, rejected: 1 }],
    ]);
  });
  it('audit.verify for oversight, audit.reAnchor for the administrator alone, recorded as the administrator', async () => {
    expect(await codeOf(as.clerk.call('audit.verify', {}))).toBe('auth.forbidden');
    expect(await codeOf(as.archivist.call('audit.verify', {}))).toBe('auth.forbidden');
    expect(await as.supervisor.call('audit.verify', {})).toEqual({ ok: true, events: engine.store.audit.last()!.seq });
    for (const role of ['clerk', 'archivist', 'supervisor'] as const)
      expect(await codeOf(as[role].call('audit.reAnchor', {})), role).toBe('auth.forbidden');
    expect(events('audit.re-anchor')).toEqual([]);
    const verdict = await as.administrator.call('audit.reAnchor', {});
    expect(verdict).toMatchObject({ ok: true });
    expect(events('audit.re-anchor').map((e) => e.actor)).toEqual(['administrator1']);
  });

  it('audit.verify against the hub: a signed-in caller may not send the credential to an address of its choosing', async () => {
    const elsewhere = 'http://127.0.0.1:9/collect';
    expect(await codeOf(as.supervisor.call('audit.verify', { hub: true, hubUrl: elsewhere }))).toBe('sync.hub-refused');
    expect(await codeOf(as.supervisor.call('audit.verify', { hub: true }))).toBe('sync.not-enrolled');
  });
  it('stats.verifySummaries: the administrator’s recount tells a drifted summary, and with rebuild repairs it, audited as the administrator', async () => {
    const dossier = await engine.handlers['dossier.create']({
      procedureCode: 'MAU-HT-01',
      applicantName: 'Trần Thị Bình',
      applicantCccd: '074093513649',
      receivedDate: '2026-11-20',
    });
    for (const role of ['clerk', 'archivist', 'supervisor'] as const)
      expect(await codeOf(as[role].call('stats.verifySummaries', {})), role).toBe('auth.forbidden');
    expect(await as.administrator.call('stats.verifySummaries', {})).toEqual({ differences: [], rebuilt: false });
    const raw = openRawDatabase(engine.store.dataDir);
    raw.prepare('DELETE FROM dossier_summary WHERE dossier_id = ?').run(dossier.id);
    raw.close();
    const found = await as.administrator.call('stats.verifySummaries', {});
    expect(found.rebuilt).toBe(false);
    // The dossier's row is missing, and its received day's row, kept by triggers from the dossier rows, lost it too.
    expect(found.differences.map((d) => d.description)).toEqual([
      expect.stringMatching(new RegExp(`^dossier_summary dossier_id=${dossier.id}: missing`)),
      expect.stringMatching(/^dossier_day_summary .*received_date=2026-11-20/),
    ]);
    expect(events('summary.rebuilt')).toEqual([]);
    expect((await as.administrator.call('stats.verifySummaries', { rebuild: true })).rebuilt).toBe(true);
    expect(events('summary.rebuilt').map((e) => e.actor)).toEqual(['administrator1']);
    expect(await as.administrator.call('stats.verifySummaries', {})).toEqual({ differences: [], rebuilt: false });
  });
  it('sync.send, sync.retryRejected and sync.exportBag are the administrator’s; a send names no hub of a signed-in caller’s choosing', async () => {
    const bag = join(dir.path, 'usb', 'goi-1');
    for (const role of ['clerk', 'archivist', 'supervisor'] as const) {
      expect(await codeOf(as[role].call('sync.send', {})), role).toBe('auth.forbidden');
      expect(await codeOf(as[role].call('sync.retryRejected', {})), role).toBe('auth.forbidden');
      expect(await codeOf(as[role].call('sync.exportBag', { target: bag })), role).toBe('auth.forbidden');
    }
    expect(await codeOf(as.administrator.call('sync.send', {}))).toBe('sync.not-enrolled');
    expect(await codeOf(as.administrator.call('sync.send', { hubUrl: 'http://127.0.0.1:9' }))).toBe('sync.hub-refused');
    expect(await codeOf(as.administrator.call('sync.send', { batchSize: 0 }))).toBe('input.invalid');
    expect(await as.administrator.call('sync.retryRejected', {})).toEqual({ requeued: 0 });
    expect(existsSync(bag)).toBe(false);
  });

  it('sync.exportBag writes nowhere in the data folder, and the bag it makes is audited as the administrator', async () => {
    saveSyncCredentials(engine.store.settings, { hubUrl: 'http://127.0.0.1:9', token: 'test-token', workstationId: 'ws-test' });
    const factory = await recordFactory();
    const [seeded] = await seedRecords(engine, factory, 1).finally(() => factory.cleanup());
    const dataDir = engine.store.dataDir;
    for (const target of [join(dataDir, 'goi'), join(dataDir, 'blobs', 'goi.zip'), 'relative/goi'])
      expect(await codeOf(as.administrator.call('sync.exportBag', { target })), target).toBe('path.write-refused');
    expect(existsSync(join(dataDir, 'goi')) || existsSync(join(dataDir, 'blobs', 'goi.zip'))).toBe(false);
    expect(events('sync.export-bag')).toEqual([]);
    const bag = join(dir.path, 'usb', 'goi-2');
    expect(await as.administrator.call('sync.exportBag', { target: bag, recordIds: [seeded!.recordId] })).toMatchObject({
      dir: bag,
      records: 1,
    });
    expect(existsSync(join(bag, 'bagit.txt'))).toBe(true);
    expect(events('sync.export-bag').map((e) => [e.actor, e.subject])).toEqual([['administrator1', bag]]);
  });
});
