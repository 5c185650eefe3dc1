import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { startPostgres, type TestPostgres } from '../hub/support/postgres';
import { startTestHub, type TestHub } from '../hub/support/hub-harness';
import { runSohoaHere } from '../support/cli-here';
import { tempDir } from '../support/temp-dir';
import { recordFactory } from '../sync/support/signed-records';
import { seedRecords, type SeededRecord } from '../sync/support/workstation';

/** `sohoa sync` over the contract (sync.enroll, sync.send and its events, sync.exportBag): the lines it has always printed, against a real hub. */
describe('sohoa sync through the contract', () => {
  const ws = tempDir('sohoa-sync-cli-');
  const hubBlobs = tempDir('sohoa-sync-cli-hub-');
  const usb = tempDir('sohoa-sync-cli-usb-');
  let postgres: TestPostgres;
  let hub: TestHub;
  let seeded: SeededRecord[];

  beforeAll(async () => {
    postgres = await startPostgres();
    hub = await startTestHub(await postgres.createDatabase('hub_sync_cli'), hubBlobs.path);
    const factory = await recordFactory();
    const engine = Engine.open({ dataDir: ws.path });
    seeded = await seedRecords(engine, factory, 2).finally(() => factory.cleanup());
    await engine.close();
  }, 60_000);
  afterAll(async () => {
    await hub?.close();
    postgres?.stop();
    for (const d of [ws, hubBlobs, usb]) d.remove();
  });

  it('enrolls, sends, and prints each record acknowledged and the summary', async () => {
    const code = await hub.hub.credentials.issueCode();
    const r = await runSohoaHere(['sync', '--data-dir', ws.path, '--hub', hub.url, '--enroll', code, '--name', 'Bàn một cửa 1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`^enrolled with ${hub.url} as workstation \\S+$`, 'm'));
    for (const s of seeded) expect(r.stderr).toMatch(new RegExp(`^\\[\\d\\] record ${s.recordId} acknowledged \\S+$`, 'm'));
    expect(r.stderr).toMatch(/^\[1\] record/m);
    expect(r.stderr).toMatch(/^\[2\] record/m);
    expect(r.stdout).toContain('Đã gửi / acknowledged: 2 (0 already on the hub)');
    expect(r.stdout).toContain('Bị từ chối / rejected: 0');
    expect(r.stdout).toMatch(/Nhật ký \/ audit log head sent: event \d+/);
  });

  it('exports a bag outside the data folder, audited as the shell’s user, and refuses one inside it', async () => {
    const bag = join(usb.path, 'goi');
    const r = await runSohoaHere(['sync', '--data-dir', ws.path, '--export-bag', bag, '--records', String(seeded[0]!.recordId)], {
      USER: 'van.thu',
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^bag ${bag}: 1 record\\(s\\), \\d+ bytes$`, 'm'));
    expect(existsSync(join(bag, 'bagit.txt'))).toBe(true);
    const inside = await runSohoaHere(['sync', '--data-dir', ws.path, '--export-bag', join(ws.path, 'goi')]);
    expect(inside.code).not.toBe(0);
    expect(inside.stderr).toContain('path.write-refused');
    expect(existsSync(join(ws.path, 'goi'))).toBe(false);
    const engine = Engine.open({ dataDir: ws.path });
    try {
      expect([...engine.store.audit.iterate()].filter((e) => e.action === 'sync.export-bag').map((e) => [e.actor, e.subject])).toEqual([
        ['cli:van.thu', bag],
      ]);
    } finally {
      await engine.close();
    }
  });
});
