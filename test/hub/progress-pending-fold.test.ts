import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createPool, migrateHub } from '../../src/hub/hub-database';
import { aggregateDifferences, describeAggregateDifference, rebuildAggregates } from '../../src/hub/progress-aggregate-check';
import { PROGRESS_AGGREGATE_RECOUNT, PROGRESS_RESULT_DOSSIER_RECOUNT } from '../../src/hub/progress-aggregate-schema';
import { foldPendingFigures } from '../../src/hub/progress-figure-fold';
import { ProgressFolder } from '../../src/hub/progress-folder';
import { RecordCommitter } from '../../src/hub/record-committer';
import type { RecordDescriptor } from '../../src/shared/sync-protocol';
import { seeded } from '../stats/summary-writes';
import { handedBack, progressFromRecords, randomRecord, served } from './support/progress-records';
import { startPostgres, type TestPostgres } from './support/postgres';

const pendingCommits = async (pool: pg.Pool) =>
  (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM progress_pending')).rows[0]!.n;

/** The kept rows alone (no pending ones), as a recount gives them once everything is folded. */
const keptRows = async (pool: pg.Pool) =>
  (
    await pool.query(
      'SELECT workstation_id, dimension, key, records::bigint, bytes::bigint FROM progress_aggregate ORDER BY 1, 2, 3 NULLS FIRST',
    )
  ).rows;
const recountedRows = async (pool: pg.Pool) =>
  (await pool.query(`SELECT * FROM (${PROGRESS_AGGREGATE_RECOUNT}) AS r ORDER BY 1, 2, 3 NULLS FIRST`)).rows;
const keptDossiers = async (pool: pg.Pool) =>
  (await pool.query('SELECT workstation_id, dossier_code, records FROM progress_result_dossier ORDER BY 1, 2')).rows;
const recountedDossiers = async (pool: pg.Pool) =>
  (await pool.query(`SELECT * FROM (${PROGRESS_RESULT_DOSSIER_RECOUNT}) AS r ORDER BY 1, 2`)).rows;

/** /progress and a recount from the records read in one snapshot: what a supervisor would see against the truth at that instant. */
async function servedAndRecountedAtOnce(pool: pg.Pool) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const result = { served: await served(client), recounted: await progressFromRecords(client) };
    await client.query('COMMIT');
    return result;
  } finally {
    client.release();
  }
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  Plans?: PlanNode[];
}
const planNodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(planNodes)];

/** How `sql` reads `table`, run: each scan of it and the rows it returned in all. */
async function scansOf(pool: pg.Pool, sql: string, table: string) {
  const { rows } = await pool.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`);
  const scans = planNodes(rows[0]!['QUERY PLAN'][0].Plan).filter((n) => n['Relation Name'] === table);
  return {
    types: [...new Set(scans.map((n) => n['Node Type']))],
    rows: scans.reduce((sum, n) => sum + n['Actual Rows'] * n['Actual Loops'], 0),
  };
}

describe('the province figures as kept rows plus the commits not yet folded (schema 8)', () => {
  let postgres: TestPostgres;
  beforeAll(async () => {
    postgres = await startPostgres();
  });
  afterAll(() => postgres?.stop());

  it('the folder takes the pending table statistics again once enough commits are folded, so /progress keeps its plan after a large ingest', async () => {
    const pool = createPool(await postgres.createDatabase('folder_analyze'));
    const lastAnalyzed = async () =>
      (
        await pool.query<{ relname: string; analyzed: boolean }>(
          `SELECT relname, last_analyze IS NOT NULL AS analyzed FROM pg_stat_user_tables
            WHERE relname = 'progress_pending'`,
        )
      ).rows;
    try {
      await migrateHub(pool);
      const commits = new RecordCommitter(pool);
      const folder = new ProgressFolder(pool, { analyzeAfterCommits: 6 });
      const r = seeded(82);
      let n = 0;
      const commitSome = async (count: number) => {
        for (let i = 0; i < count; i++) await commits.commitMany('ws-1', [randomRecord(r, n++)], 'upload');
      };
      await commitSome(3);
      await folder.fold();
      expect(await lastAnalyzed()).toEqual([{ relname: 'progress_pending', analyzed: false }]);
      await commitSome(3);
      await folder.fold();
      expect(await lastAnalyzed()).toEqual([{ relname: 'progress_pending', analyzed: true }]);
      expect(await served(pool)).toEqual(await progressFromRecords(pool));
      await folder.stop();
    } finally {
      await pool.end();
    }
  });

  it('the folder vacuums the pending table after each fold, so commits write into the pages it freed and the table stays the size of what is pending', async () => {
    const pool = createPool(await postgres.createDatabase('folder_vacuum'));
    const pendingBytes = async () => (await pool.query<{ n: string }>(`SELECT pg_relation_size('progress_pending') AS n`)).rows[0]!.n;
    try {
      await migrateHub(pool);
      // Autovacuum comes once a minute at best, while commits arrive by the hundred per second: it is left out here.
      await pool.query('ALTER TABLE progress_pending SET (autovacuum_enabled = false)');
      const commits = new RecordCommitter(pool);
      const folder = new ProgressFolder(pool);
      const r = seeded(84);
      let n = 0;
      const sizes: number[] = [];
      for (let round = 0; round < 8; round++) {
        for (let i = 0; i < 60; i++) await commits.commitMany(`ws-${i % 3}`, [randomRecord(r, n++)], 'upload');
        await folder.fold();
        sizes.push(Number(await pendingBytes()));
      }
      // Each round appends as much as the first did: into the pages the last fold emptied, not new ones.
      expect(sizes.at(-1), sizes.join(' ')).toBeLessThanOrEqual(sizes[0]! + 8192);
      expect(await pendingCommits(pool)).toBe(0);
      expect(await served(pool)).toEqual(await progressFromRecords(pool));
      await folder.stop();
    } finally {
      await pool.end();
    }
  }, 120_000);

  it('read equal to a recount between commits, before a fold and after it; the fold leaves nothing pending and the kept rows equal to a recount', async () => {
    const pool = createPool(await postgres.createDatabase('between_commits'));
    try {
      await migrateHub(pool);
      const commits = new RecordCommitter(pool);
      const r = seeded(81);
      let n = 0;
      for (let round = 0; round < 4; round++) {
        for (let i = 0; i < 12; i++) {
          const ws = `ws-${r.int(3)}`;
          const batch: RecordDescriptor[] = Array.from({ length: 1 + r.int(5) }, () =>
            r.next() < 0.3 ? handedBack(r, n++) : randomRecord(r, n++),
          );
          await commits.commitMany(ws, batch, 'upload');
          // Between two commits, unfolded: /progress says what a recount says.
          expect(await served(pool), `round ${round} commit ${i}`).toEqual(await progressFromRecords(pool));
        }
        // Each commit that stored something left one pending row; the kept rows alone are behind the records.
        expect(await pendingCommits(pool)).toBeGreaterThan(0);
        expect(await keptRows(pool)).not.toEqual(await recountedRows(pool));
        const before = await served(pool);

        expect(await foldPendingFigures(pool)).toBeGreaterThan(0);
        expect(await pendingCommits(pool)).toBe(0);
        expect(await served(pool)).toEqual(before);
        expect(await keptRows(pool)).toEqual(await recountedRows(pool));
        expect(await keptDossiers(pool)).toEqual(await recountedDossiers(pool));
        expect((await aggregateDifferences(pool)).map(describeAggregateDifference)).toEqual([]);
        // Nothing left to fold: a second fold changes nothing.
        expect(await foldPendingFigures(pool)).toBe(0);
        expect(await served(pool)).toEqual(before);
      }
      // A hand-back replaced by one that counts elsewhere: its old cell goes down to nothing, and the fold leaves no empty row.
      const late = { ...handedBack(r, n++), dossierCode: 'HS-replaced' };
      const lateBack = { ...late.handBack!, dueDate: '2026-11-30', onTime: false, workingDaysLate: 1, lateReason: 'Chờ bổ sung' };
      await commits.commitMany('ws-9', [{ ...late, handBack: lateBack }], 'upload');
      await commits.commitMany('ws-9', [], 'upload', [
        { ...late, handBack: { ...lateBack, onTime: true, workingDaysLate: 0, lateReason: null } },
      ]);
      expect(await served(pool)).toEqual(await progressFromRecords(pool));
      await foldPendingFigures(pool);
      expect(
        (
          await pool.query(
            `SELECT key, records FROM progress_aggregate WHERE workstation_id = 'ws-9' AND dimension = 'hand-backs' ORDER BY key`,
          )
        ).rows,
      ).toEqual([
        { key: 'on-time', records: '1' },
        { key: 'total', records: '1' },
      ]);
      expect((await aggregateDifferences(pool)).map(describeAggregateDifference)).toEqual([]);
    } finally {
      await pool.end();
    }
  }, 120_000);

  it('stay exact at every instant while workstations commit concurrently and folds run at once', async () => {
    const pool = createPool(await postgres.createDatabase('concurrent_folds'));
    try {
      await migrateHub(pool);
      const commits = new RecordCommitter(pool);
      const r = seeded(82);
      let n = 0;
      let committing = true;
      const folds: number[] = [];
      const readings: Awaited<ReturnType<typeof servedAndRecountedAtOnce>>[] = [];
      const workstations = Array.from({ length: 6 }, async (_, w) => {
        for (let i = 0; i < 40; i++) {
          const batch = Array.from({ length: 1 + r.int(6) }, () => (r.next() < 0.3 ? handedBack(r, n++) : randomRecord(r, n++)));
          // Repeats of records already sent bring hand-backs again (replaced, counted once).
          await commits.commitMany(`ws-${w % 4}`, batch, 'upload', i % 5 === 4 ? [handedBack(r, n++)] : []);
        }
      });
      const folding = (async () => {
        while (committing) {
          const folded = await foldPendingFigures(pool);
          if (folded !== null) folds.push(folded);
        }
      })();
      const reading = (async () => {
        while (committing) readings.push(await servedAndRecountedAtOnce(pool));
      })();
      // Two folds at once: one takes the lock, the other leaves the pending rows to it.
      const racing = (async () => {
        while (committing) await foldPendingFigures(pool);
      })();
      await Promise.all(workstations);
      committing = false;
      await Promise.all([folding, reading, racing]);

      expect(folds.filter((f) => f > 0).length).toBeGreaterThan(3);
      expect(readings.length).toBeGreaterThan(3);
      for (const [i, reading] of readings.entries()) expect(reading.served, `reading ${i}`).toEqual(reading.recounted);
      expect(readings.at(-1)!.recounted.total.records).toBeGreaterThan(300);
      expect((await aggregateDifferences(pool)).map(describeAggregateDifference)).toEqual([]);
      await foldPendingFigures(pool);
      expect(await pendingCommits(pool)).toBe(0);
      expect(await keptRows(pool)).toEqual(await recountedRows(pool));
      expect(await keptDossiers(pool)).toEqual(await recountedDossiers(pool));
    } finally {
      await pool.end();
    }
  }, 180_000);

  it('are read with commits pending by looking up only the kept result dossiers those commits name, not every kept one (schema 9)', async () => {
    const pool = createPool(await postgres.createDatabase('pending_read_cost'));
    try {
      await migrateHub(pool);
      // 50,000 dossiers with a result, kept: what a province holds, in small.
      await pool.query(`INSERT INTO record (receipt_id, workstation_id, document_key, version, sha256, size, dossier_code, source, is_result)
        SELECT 'r-' || i, 'ws-' || (i % 10), 'doc-' || i, 1, md5(i::text) || md5(i::text), 1000, 'HS-' || i, 'bag', true FROM generate_series(1, 50000) AS i`);
      await rebuildAggregates(pool);
      await pool.query('VACUUM ANALYZE');
      const commits = new RecordCommitter(pool);
      const r = seeded(83);
      let n = 0;
      for (let i = 0; i < 40; i++) {
        const ws = `ws-${i % 10}`;
        // New dossiers' results, and further results of dossiers already kept (those do not count as new).
        const batch = Array.from({ length: 4 }, (_, j) => ({
          ...randomRecord(r, n++),
          documentKey: `new-${n}`,
          isResult: true,
          dossierCode: j % 2 === 0 ? `HS-new-${n}` : `HS-${(i % 10) + 10 * (1 + r.int(4000))}`,
        }));
        await commits.commitMany(ws, batch, 'upload');
      }
      const pendingDossiers = (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM progress_pending_result_dossier')).rows[0]!
        .n;
      expect(pendingDossiers).toBe(160);
      expect(await served(pool)).toEqual(await progressFromRecords(pool));

      for (const view of ['progress_figure_part', 'progress_figure']) {
        const scans = await scansOf(pool, `SELECT * FROM ${view}`, 'progress_result_dossier');
        expect(scans.types, view).toEqual(['Index Scan']);
        // At most one kept row per pending dossier, where a scan of the table returns all 50,000.
        expect(scans.rows, view).toBeLessThanOrEqual(pendingDossiers);
      }
      expect((await aggregateDifferences(pool)).map(describeAggregateDifference)).toEqual([]);
    } finally {
      await pool.end();
    }
  }, 120_000);
});
