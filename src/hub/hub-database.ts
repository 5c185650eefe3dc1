import pg from 'pg';
import { hubMigrations, type HubMigration } from './hub-schema';

/** Any number over 2^31 keeps the migration lock apart from the upload locks. */
const MIGRATION_LOCK = 7_302_011;

export function createPool(connectionString: string): pg.Pool {
  return new pg.Pool({ connectionString, max: 20 });
}

/** Brings the schema up to date; several instances starting at once apply each migration once. */
export async function migrateHub(pool: pg.Pool, migrations: HubMigration[] = hubMigrations): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS hub_migration (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM hub_migration');
    const current = rows[0]?.v ?? 0;
    for (const m of migrations.filter((m) => m.version > current).sort((a, b) => a.version - b.version)) {
      await client.query(m.sql);
      await client.query('INSERT INTO hub_migration (version) VALUES ($1)', [m.version]);
    }
    await client.query('COMMIT');
    return Math.max(current, ...migrations.map((m) => m.version));
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  } finally {
    client.release();
  }
}
