import type pg from 'pg';
import type { RecordDescriptor } from '../../src/shared/sync-protocol';

export const WORKSTATIONS = 100;

/**
 * Generated records, `$1` to `$2` (ids), spread over 100 workstations (each of one of 10 agencies, as a
 * workstation belongs to one), 40 procedures, 7 years, 3 statuses, a year of days.
 */
export const FILL = `INSERT INTO record (receipt_id, workstation_id, document_key, version, sha256, size, dossier_code, procedure_code, agency_code, year, status, signed_at, source, received_at, is_result)
  SELECT 'r-' || i, 'ws-' || (i % ${WORKSTATIONS}), 'doc-' || i, 1, md5(i::text) || md5((i + 1)::text), 50000 + (i * 7919) % 900000,
         'HS-' || (i / 3), '1.' || lpad(((i / 700) % 40)::text, 3, '0'), '000.' || ((i % ${WORKSTATIONS}) % 10) || '.25.H12', 2020 + (i / 13) % 7,
         (ARRAY['finalized', 'returned', 'received'])[1 + (i / 17) % 3], NULL, 'bag', now() - ((i * 104729) % 365) * interval '1 day', i % 5 = 0
  FROM generate_series($1::bigint, $2::bigint) AS i`;

/** The hand-back of each result dossier among ids `$1` to `$2` (one in three on time, one in three late, a reason on half the late). */
export const HAND_BACK_FILL = `INSERT INTO hand_back (workstation_id, dossier_code, agency_code, procedure_code, returned_at, due_date, on_time, working_days_late, late_reason)
  SELECT 'ws-' || (i % ${WORKSTATIONS}), 'HS-' || (i / 3), '000.' || ((i % ${WORKSTATIONS}) % 10) || '.25.H12', '1.' || lpad(((i / 700) % 40)::text, 3, '0'),
         now() - ((i * 104729) % 365) * interval '1 day', CASE WHEN i % 45 <> 0 THEN current_date END,
         CASE i % 45 WHEN 0 THEN NULL ELSE i % 30 = 0 END, CASE WHEN i % 30 = 15 THEN 2 ELSE 0 END, CASE WHEN i % 60 = 15 THEN 'Chờ bổ sung' END
  FROM generate_series($1::bigint, $2::bigint) AS i WHERE i % 15 = 0`;

/**
 * Runs `fill` with the table's indexes and unique constraints dropped, then builds them again (a sorted build of each
 * instead of millions of random index insertions): the same table and indexes as ingest leaves, in a fraction of the time.
 */
export async function withIndexesRebuilt(pool: pg.Pool, table: string, fill: () => Promise<void>): Promise<void> {
  const { rows: constraints } = await pool.query<{ name: string; def: string }>(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass AND contype IN ('p', 'u')`,
    [table],
  );
  const { rows: indexes } = await pool.query<{ name: string; def: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
      WHERE x.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`,
    [table],
  );
  for (const c of constraints) await pool.query(`ALTER TABLE ${table} DROP CONSTRAINT ${c.name}`);
  for (const i of indexes) await pool.query(`DROP INDEX ${i.name}`);
  await fill();
  const client = await pool.connect();
  try {
    await client.query(`SET maintenance_work_mem = '1GB'`);
    for (const c of constraints) await client.query(`ALTER TABLE ${table} ADD CONSTRAINT ${c.name} ${c.def}`);
    for (const i of indexes) await client.query(i.def);
  } finally {
    client.release();
  }
}

/**
 * Records as a workstation's sync sends them, numbered from 0 for each generator: runs of dossiers of one procedure (three
 * records a dossier), all of the workstation's agency, one record in five a result. `name` keeps each bench's keys apart.
 */
export function recordGenerator(name: { key: string; dossier: string; shaFill: string }): (workstation: number) => RecordDescriptor {
  let sequence = 0;
  return (workstation) => {
    const n = sequence++;
    return {
      documentKey: `${name.key}-${n}`,
      version: 1,
      sha256: `${n.toString(16).padStart(16, '0')}${name.shaFill.repeat(48)}`,
      size: 100_000 + (n % 1000),
      dossierCode: `${name.dossier}-${Math.floor(n / 3)}`,
      procedureCode: `1.${String(Math.floor(n / 5) % 40).padStart(3, '0')}`,
      agencyCode: `000.${workstation % 10}.25.H12`,
      year: 2026,
      status: 'finalized',
      signedAt: null,
      isResult: n % 5 === 0,
    };
  };
}
