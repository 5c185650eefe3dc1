import type pg from 'pg';

/** What the hub's repositories run their statements on: the pool (each statement its own transaction) or one transaction's client. */
export type HubQueryable = Pick<pg.PoolClient, 'query'>;

/** Runs `fn` in one transaction on one connection: committed when it returns, rolled back when it throws. */
export async function inHubTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}
