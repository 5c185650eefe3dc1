import pg from 'pg';
import type { HubOptions } from '../../../src/hub/hub-server';
import { startTestHub, type TestHub } from './hub-harness';
import { startPostgres } from './postgres';

export interface HubOnPostgres {
  hub: TestHub;
  /** A pool of its own on the hub's database, for the test to look at the rows. */
  pool: pg.Pool;
  databaseUrl: string;
  /** Stops the hub, the pool and the PostgreSQL server. */
  close(): Promise<void>;
}

/** A fresh PostgreSQL with one database, `name`, and the hub in this process on it (startTestHub). */
export async function startHubOnPostgres(name: string, blobsDir: string, options: Partial<HubOptions> = {}): Promise<HubOnPostgres> {
  const postgres = await startPostgres();
  const databaseUrl = await postgres.createDatabase(name);
  const pool = new pg.Pool({ connectionString: databaseUrl });
  const hub = await startTestHub(databaseUrl, blobsDir, options);
  return {
    hub,
    pool,
    databaseUrl,
    async close() {
      await hub.close();
      await pool.end();
      postgres.stop();
    },
  };
}
