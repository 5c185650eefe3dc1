import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { WorkstationSync } from '../../src/core/sync/workstation-sync';
import { freePort, startEngineChild, type EngineChild } from '../e2e-support/engine-child';
import { ensureRendererBuilt } from '../e2e-support/renderer-build';
import { startTestHub, type TestHub } from '../hub/support/hub-harness';
import { startPostgres, type TestPostgres } from '../hub/support/postgres';
import { setTestAgency } from '../support/agency';
import { recordFactory, type RecordFactory } from '../sync/support/signed-records';
import { seedRecords, type SeededRecord } from '../sync/support/workstation';
import { tempDir } from '../support/temp-dir';

/**
 * Browser mode (`npm run dev:web`) runs the engine as the app does: with the sync schedule. A
 * workstation enrolled with a real hub, a signed record waiting and a one-minute interval: the
 * process alone, with no one pressing "sync now", delivers the record to the hub.
 */
describe('browser mode syncs on the schedule, as the app does', () => {
  let postgres: TestPostgres;
  let pool: pg.Pool;
  let hub: TestHub;
  let factory: RecordFactory;
  let child: EngineChild | undefined;
  let record: SeededRecord;
  const dir = tempDir('sohoa-dev-web-sync-');
  const dataDir = join(dir.path, 'data');

  beforeAll(async () => {
    ensureRendererBuilt();
    postgres = await startPostgres();
    const dbUrl = await postgres.createDatabase('hub_dev_web_sync');
    pool = new pg.Pool({ connectionString: dbUrl });
    hub = await startTestHub(dbUrl, join(dir.path, 'hub-blobs'));
    factory = await recordFactory();
    const engine = setTestAgency(Engine.open({ dataDir, actor: 'test' }));
    try {
      await new WorkstationSync(engine).enroll(hub.url, await hub.hub.credentials.issueCode(), 'browser desk');
      record = (await seedRecords(engine, factory, 1, { status: 'finalized' }))[0]!;
      engine.store.settings.set('sync.interval-minutes', '1');
    } finally {
      await engine.close();
    }
  }, 120_000);

  afterAll(async () => {
    await child?.kill();
    await hub?.close();
    await pool?.end();
    postgres?.stop();
    factory?.cleanup();
    dir.remove();
  });

  it('sends the waiting record to the hub one interval after it starts', { timeout: 180_000 }, async () => {
    const held = async () => (await pool.query<{ sha256: string }>('SELECT sha256 FROM record')).rows.map((r) => r.sha256);
    expect(await held()).toEqual([]);
    child = await startEngineChild(dataDir, await freePort());
    await expect.poll(held, { timeout: 150_000, interval: 2_000 }).toEqual([record.sha256]);
  });
});
