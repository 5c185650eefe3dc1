import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { saveSyncCredentials } from '../../src/core/sync/sync-credentials';
import { startTestHub, type TestHub } from '../hub/support/hub-harness';
import { enrollAtHub } from '../hub/support/enroll';
import { startPostgres, type TestPostgres } from '../hub/support/postgres';
import { tempDir } from '../support/temp-dir';

describe('province-wide figures from the hub', () => {
  const dir = tempDir();
  const blobs = tempDir('sohoa-hub-blobs-');
  let postgres: TestPostgres;
  let hub: TestHub | undefined;
  let pool: pg.Pool;
  let engine: Engine;

  beforeAll(async () => {
    postgres = await startPostgres();
    const url = await postgres.createDatabase('hub_progress');
    pool = new pg.Pool({ connectionString: url });
    hub = await startTestHub(url, blobs.path);
    const credentials = await enrollAtHub(hub.url, await hub.hub.credentials.issueCode('workstation'), 'bàn 1');
    engine = Engine.open({ dataDir: dir.path });
    saveSyncCredentials(engine.store.settings, { hubUrl: hub.url, ...credentials });
  }, 60_000);

  afterAll(async () => {
    await engine?.close();
    await hub?.close();
    await pool?.end();
    await postgres?.stop();
    dir.remove();
    blobs.remove();
  });

  it('are fetched from the hub, kept with the time of the fetch, and shown as of that time once the hub is gone', async () => {
    const before = Date.now();
    const fresh = await engine.handlers['stats.province']({ refresh: true });
    expect(fresh.configured).toBe(true);
    expect(fresh.fresh).toBe(true);
    const records = Number((await pool.query('SELECT count(*) AS n FROM record')).rows[0].n);
    expect(fresh.report?.total.records).toBe(records);
    expect(Date.parse(fresh.fetchedAt!)).toBeGreaterThanOrEqual(before - 1000);

    await hub!.close();
    hub = undefined;
    const offline = await engine.handlers['stats.province']({ refresh: true });
    expect(offline).toMatchObject({ configured: true, fresh: false, fetchedAt: fresh.fetchedAt, report: fresh.report });
    expect(offline.error).toBeTruthy();

    // Kept in the store: a reopened engine still has them.
    await engine.close();
    engine = Engine.open({ dataDir: dir.path });
    const reopened = await engine.handlers['stats.province']({ refresh: false });
    expect(reopened).toMatchObject({ configured: true, fresh: false, fetchedAt: fresh.fetchedAt, report: fresh.report });
  });
});
