import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createPool, migrateHub } from '../../src/hub/hub-database';
import { hubMigrations } from '../../src/hub/hub-schema';
import { aggregateDifferences, describeAggregateDifference, rebuildAggregates } from '../../src/hub/progress-aggregate-check';
import { PROGRESS_AGGREGATE_RECOUNT, PROGRESS_RESULT_DOSSIER_RECOUNT } from '../../src/hub/progress-aggregate-schema';
import { foldPendingFigures } from '../../src/hub/progress-figure-fold';
import { RecordCommitter } from '../../src/hub/record-committer';
import type { RecordDescriptor } from '../../src/shared/sync-protocol';
import { seeded } from '../stats/summary-writes';
import { handedBack, progressFromRecords, randomRecord, served } from './support/progress-records';
import { startPostgres, type TestPostgres } from './support/postgres';

const pendingCommits = async (pool: pg.Pool) =>
  (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM progress_pending')).rows[0]!.n;

/** Records stored by SQL, as a commit would store them: `prefix` names their receipts. */
async function insertRecords(db: pg.PoolClient | pg.Pool, prefix: string, workstationId: string, records: RecordDescriptor[]) {
  for (const [i, r] of records.entries())
    await db.query(
      `INSERT INTO record (receipt_id, workstation_id, document_key, version, sha256, size, dossier_code, procedure_code, agency_code, year, status, source, is_result)
       VALUES ($1, $2, $3, 1, $4, $5, $6, $7, $8, $9, $10, 'upload', $11)`,
      [
        `${prefix}-${i}`,
        workstationId,
        `${prefix}-doc-${i}`,
        r.sha256,
        r.size,
        r.dossierCode,
        r.procedureCode,
        r.agencyCode,
        r.year,
        r.status,
        r.isResult,
      ],
    );
}

/**
 * The pending row schema 9's commit appended for the records whose receipts start with `prefix`, in schema 9's shape (its
 * cells, the day's among them, as text dimensions, and the result records per dossier), counted by the recounts.
 */
const onlyThose = (recount: string) =>
  recount.replace(
    /FROM record( r)?\b/g,
    (_, alias?: string) => `FROM (SELECT * FROM record WHERE receipt_id LIKE $1 || '-%') AS ${alias ? 'r' : 'record'}`,
  );
const SCHEMA_9_PENDING_ROW = `
  INSERT INTO progress_pending (workstation_id, dimension, key, records, bytes, result_dossier, result_records)
  SELECT c.workstation_id, c.dimension, c.key, c.records, c.bytes, coalesce(d.dossier_code, '{}'), coalesce(d.records, '{}')
  FROM (SELECT workstation_id, array_agg(dimension ORDER BY dimension, key) AS dimension, array_agg(key ORDER BY dimension, key) AS key,
          array_agg(records ORDER BY dimension, key) AS records, array_agg(bytes ORDER BY dimension, key) AS bytes
        FROM (${onlyThose(PROGRESS_AGGREGATE_RECOUNT)}) AS r
        WHERE dimension <> 'result-dossiers' GROUP BY 1) AS c
  LEFT JOIN (SELECT workstation_id, array_agg(dossier_code ORDER BY dossier_code) AS dossier_code, array_agg(records ORDER BY dossier_code) AS records
        FROM (${onlyThose(PROGRESS_RESULT_DOSSIER_RECOUNT)}) AS d
        GROUP BY 1) AS d USING (workstation_id)`;

describe('the pending figures in schema 10’s shape', () => {
  let postgres: TestPostgres;
  beforeAll(async () => {
    postgres = await startPostgres();
  });
  afterAll(() => postgres?.stop());

  it('a hub upgraded with commits pending in schema 9’s shape folds them first: the figures stay exact, and the commits after it are counted in the new shape', async () => {
    const pool = createPool(await postgres.createDatabase('pending_v9_to_v10'));
    try {
      await migrateHub(
        pool,
        hubMigrations.filter((m) => m.version <= 9),
      );
      const r = seeded(2301);
      let n = 0;
      const some = (count: number) => Array.from({ length: count }, () => ({ ...randomRecord(r, n++), dossierCode: `HS-${r.int(8)}` }));
      await insertRecords(pool, 'kept', 'ws-1', some(30));
      await rebuildAggregates(pool);
      // Two commits pending, of two workstations, one of them adding result records to dossiers kept already.
      for (const [prefix, workstationId] of [
        ['a', 'ws-1'],
        ['b', 'ws-2'],
      ] as const) {
        await insertRecords(pool, prefix, workstationId, some(25));
        await pool.query(SCHEMA_9_PENDING_ROW, [prefix]);
      }
      expect(await pendingCommits(pool)).toBe(2);
      expect((await aggregateDifferences(pool)).map(describeAggregateDifference)).toEqual([]);
      const before = await served(pool);
      expect(before).toEqual(await progressFromRecords(pool));

      expect(await migrateHub(pool)).toBe(10);
      expect(await pendingCommits(pool)).toBe(0);
      expect(await served(pool)).toEqual(before);
      expect((await aggregateDifferences(pool)).map(describeAggregateDifference)).toEqual([]);

      const commits = new RecordCommitter(pool);
      await commits.commitMany('ws-1', some(20), 'upload');
      await commits.commitMany('ws-3', [handedBack(r, n++), handedBack(r, n++)], 'upload');
      // A row for each commit's records, and one for the hand-backs the second one noted.
      expect(await pendingCommits(pool)).toBe(3);
      expect(await served(pool)).toEqual(await progressFromRecords(pool));
      expect((await aggregateDifferences(pool)).map(describeAggregateDifference)).toEqual([]);
      await foldPendingFigures(pool);
      expect(await pendingCommits(pool)).toBe(0);
      expect(await served(pool)).toEqual(await progressFromRecords(pool));
      expect((await aggregateDifferences(pool)).map(describeAggregateDifference)).toEqual([]);
    } finally {
      await pool.end();
    }
  }, 60_000);

  it('a commit of 16 records appends a row less than two thirds the size of schema 9’s for the same records', async () => {
    const pool = createPool(await postgres.createDatabase('pending_row_size'));
    try {
      await migrateHub(pool);
      // The bench's commit (bench/hub-indicators.bench.ts): one agency, runs of procedures, one year and status, a result in five.
      const records: RecordDescriptor[] = Array.from({ length: 16 }, (_, n) => ({
        documentKey: `doc-${n}`,
        version: 1,
        sha256: `${n.toString(16).padStart(16, '0')}${'b'.repeat(48)}`,
        size: 100_000 + n,
        dossierCode: `ING-${Math.floor(n / 3)}`,
        procedureCode: `1.${String(Math.floor(n / 5)).padStart(3, '0')}`,
        agencyCode: '000.7.25.H12',
        year: 2026,
        status: 'finalized',
        signedAt: null,
        isResult: n % 5 === 0,
      }));
      await new RecordCommitter(pool).commitMany('ws-7', records, 'upload');
      const { rows } = await pool.query<{ n: number }>('SELECT pg_column_size(p.*) AS n FROM progress_pending p');
      expect(rows).toHaveLength(1);
      // Schema 9's row for the same records, built as its commit built it, in a table of its columns.
      await pool.query(
        `CREATE TABLE schema_9_pending (workstation_id TEXT NOT NULL, dimension TEXT[] NOT NULL, key TEXT[] NOT NULL, records BIGINT[] NOT NULL,
           bytes BIGINT[] NOT NULL, result_dossier TEXT[] NOT NULL DEFAULT '{}', result_records BIGINT[] NOT NULL DEFAULT '{}')`,
      );
      await pool.query(SCHEMA_9_PENDING_ROW.replace('INSERT INTO progress_pending', 'INSERT INTO schema_9_pending'), ['%']);
      const { rows: old } = await pool.query<{ n: number }>('SELECT pg_column_size(p.*) AS n FROM schema_9_pending p');
      expect(old).toHaveLength(1);
      expect(rows[0]!.n).toBeLessThan((old[0]!.n * 2) / 3);
    } finally {
      await pool.end();
    }
  }, 60_000);
});
