import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createPool, migrateHub } from '../../src/hub/hub-database';
import { HubRecordRepository } from '../../src/hub/hub-record-repository';
import { inHubTransaction } from '../../src/hub/hub-transaction';
import { aggregateDifferences, describeAggregateDifference } from '../../src/hub/progress-aggregate-check';
import { PROGRESS_AGGREGATE_RECOUNT, PROGRESS_RESULT_DOSSIER_RECOUNT } from '../../src/hub/progress-aggregate-schema';
import { PENDING_DIMENSIONS } from '../../src/hub/progress-pending-schema';
import { recordFigureDeltas } from '../../src/hub/record-figure-deltas';
import { RecordCommitter } from '../../src/hub/record-committer';
import { VersionConflictError } from '../../src/hub/sync-errors';
import type { RecordDescriptor } from '../../src/shared/sync-protocol';
import { seeded } from '../stats/summary-writes';
import { progressFromRecords, randomRecord, served } from './support/progress-records';
import { startPostgres, type TestPostgres } from './support/postgres';

type Cell = { dimension: string; key: string | null; records: number; bytes: number };
const byCell = (a: Cell, b: Cell) => `${a.dimension}/${a.key ?? ''}`.localeCompare(`${b.dimension}/${b.key ?? ''}`);

/** One workstation's cells as the SQL recount gives them (the definition `sohoa hub --verify` checks against). */
async function recountedCells(pool: pg.Pool, workstationId: string): Promise<Cell[]> {
  const { rows } = await pool.query<{ dimension: string; key: string | null; records: string; bytes: string }>(
    `SELECT dimension, key, records, bytes FROM (${PROGRESS_AGGREGATE_RECOUNT}) AS r WHERE workstation_id = $1`,
    [workstationId],
  );
  return rows.map((r) => ({ dimension: r.dimension, key: r.key, records: Number(r.records), bytes: Number(r.bytes) })).sort(byCell);
}

const pendingRows = async (pool: pg.Pool) =>
  (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM progress_pending')).rows[0]!.n;

describe('the figures a record commit appends, computed by the committer from the descriptors it sends', () => {
  let postgres: TestPostgres;
  beforeAll(async () => {
    postgres = await startPostgres();
  });
  afterAll(() => postgres?.stop());

  it('equal, cell by cell and dossier by dossier, what the SQL recount gives for the same records (keys missing, results, several results of one dossier)', async () => {
    const pool = createPool(await postgres.createDatabase('deltas_vs_recount'));
    try {
      await migrateHub(pool);
      const r = seeded(2201);
      let n = 0;
      for (let batch = 0; batch < 60; batch++) {
        const workstationId = `ws-deltas-${batch}`;
        // Distinct versions, so each is stored; dossiers drawn from few, so a dossier gets several results.
        const records: RecordDescriptor[] = Array.from({ length: 1 + r.int(40) }, () => ({
          ...randomRecord(r, n),
          documentKey: `doc-${n++}`,
          dossierCode: `HS-${r.int(6)}`,
        }));
        await inHubTransaction(pool, (client) => new HubRecordRepository(client).commitMany(workstationId, records, 'upload'));
        const deltas = recordFigureDeltas(records);
        const computed: Cell[] = deltas.dimension.map((dimension, i) => ({
          dimension: PENDING_DIMENSIONS[dimension - 1]!,
          key: deltas.key[i]!,
          records: deltas.records[i]!,
          bytes: deltas.bytes[i]!,
        }));
        const recounted = await recountedCells(pool, workstationId);
        // The day of receipt is the transaction's, known to the database only: the total's delta under that day.
        const day = recounted.filter((c) => c.dimension === 'day');
        expect(day, `batch ${batch}`).toHaveLength(1);
        expect({ records: day[0]!.records, bytes: day[0]!.bytes }, `batch ${batch}`).toEqual(deltas.total);
        // The dossiers with a result are counted by the fold from the per-dossier deltas.
        expect([...computed, { dimension: 'total', key: null, ...deltas.total }].sort(byCell), `batch ${batch}`).toEqual(
          recounted.filter((c) => c.dimension !== 'day' && c.dimension !== 'result-dossiers'),
        );
        const { rows: dossiers } = await pool.query<{ dossier_code: string; records: string }>(
          `SELECT dossier_code, records FROM (${PROGRESS_RESULT_DOSSIER_RECOUNT}) AS r WHERE workstation_id = $1 ORDER BY 1`,
          [workstationId],
        );
        const perDossier = new Map<string, number>();
        for (const d of deltas.resultDossier) perDossier.set(d, (perDossier.get(d) ?? 0) + 1);
        expect(
          [...perDossier]
            .map(([d, n]) => ({ dossier_code: d, records: String(n) }))
            .sort((a, b) => a.dossier_code.localeCompare(b.dossier_code)),
          `batch ${batch}`,
        ).toEqual(dossiers);
      }
    } finally {
      await pool.end();
    }
  }, 120_000);

  it('when a commit stores only some of its records (a repeat, a conflict, one version twice in the batch), count those it stored, once, in one pending row', async () => {
    const pool = createPool(await postgres.createDatabase('partly_stored'));
    try {
      await migrateHub(pool);
      const commits = new RecordCommitter(pool);
      const r = seeded(2202);
      const record = (n: number, extra: Partial<RecordDescriptor> = {}): RecordDescriptor => ({
        ...randomRecord(r, n),
        documentKey: `doc-${n}`,
        version: 1,
        isResult: true,
        dossierCode: 'HS-1',
        ...extra,
      });
      const first = [record(1), record(2)];
      await commits.commitMany('ws-1', first, 'upload');
      expect(await pendingRows(pool)).toBe(1);

      const twice = record(4);
      const outcomes = await commits.commitMany(
        'ws-1',
        [
          first[0]!, // stored already: its receipt, not counted again
          { ...first[1]!, sha256: 'f'.repeat(64) }, // the same version with other bytes: a conflict
          record(3),
          twice,
          { ...twice, size: twice.size + 1, agencyCode: 'other', dossierCode: 'HS-2' }, // the same version again in the batch: one of the two is stored
        ],
        'upload',
      );
      expect(outcomes.map((o) => (o instanceof VersionConflictError ? 'conflict' : o.duplicate))).toEqual([
        true,
        'conflict',
        false,
        false,
        false,
      ]);
      expect(await pendingRows(pool)).toBe(2);
      expect(await served(pool)).toEqual(await progressFromRecords(pool));
      expect((await aggregateDifferences(pool)).map(describeAggregateDifference)).toEqual([]);

      // Nothing stored: nothing appended.
      await commits.commitMany('ws-1', [first[0]!, twice], 'upload');
      expect(await pendingRows(pool)).toBe(2);
      expect(await served(pool)).toEqual(await progressFromRecords(pool));
      const totals = await pool.query<{ records: string }>(`SELECT records FROM progress_figure WHERE dimension = 'total'`);
      expect(totals.rows).toEqual([{ records: '4' }]);
    } finally {
      await pool.end();
    }
  }, 60_000);
});
