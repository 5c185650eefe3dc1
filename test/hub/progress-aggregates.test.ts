import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, migrateHub } from '../../src/hub/hub-database';
import { hubMigrations } from '../../src/hub/hub-schema';
import { HubRecordRepository } from '../../src/hub/hub-record-repository';
import { aggregateDifferences, describeAggregateDifference, rebuildAggregates } from '../../src/hub/progress-aggregate-check';
import { RecordCommitter } from '../../src/hub/record-committer';
import { runSohoa } from '../support/cli';
import { seeded } from '../stats/summary-writes';
import { handedBack, progressFromRecords, randomRecord, served } from './support/progress-records';
import { startPostgres, type TestPostgres } from './support/postgres';

const ROUNDS = 6;
const LATEST = Math.max(...hubMigrations.map((m) => m.version));
const COMMITS_PER_ROUND = 40;

describe('the province figures on the hub, kept in the same transaction as each record commit', () => {
  let postgres: TestPostgres;
  beforeAll(async () => {
    postgres = await startPostgres();
  });
  afterAll(() => postgres?.stop());

  it('equal a full recount after every round of random commits (one at a time, in batches, concurrent, repeated, with hand-backs); hand corrections show in --verify until a rebuild', async () => {
    const pool = createPool(await postgres.createDatabase('random_commits'));
    try {
      expect(await migrateHub(pool)).toBe(LATEST);
      // Schema 7: no trigger on the tables the figures count; the commit keeps them.
      const triggers = await pool.query(
        `SELECT tgname FROM pg_trigger WHERE tgrelid IN ('record'::regclass, 'hand_back'::regclass) AND NOT tgisinternal`,
      );
      expect(triggers.rows).toEqual([]);
      const commits = new RecordCommitter(pool);
      const r = seeded(22);
      let n = 0;
      for (let round = 1; round <= ROUNDS; round++) {
        // Workstations commit at once, each one record or a batch; some repeat a version already stored (accepted once).
        await Promise.all(
          Array.from({ length: COMMITS_PER_ROUND }, async () => {
            const workstation = `ws-${r.int(12)}`;
            const batch = Array.from({ length: 1 + r.int(6) }, () => randomRecord(r, n++));
            const unique = [...new Map(batch.map((b) => [`${b.documentKey}/${b.version}`, b])).values()];
            if (unique.length === 1 && r.next() < 0.5) await commits.commit(workstation, unique[0]!, 'upload').catch(() => undefined);
            else await commits.commitMany(workstation, unique, 'bag');
          }),
        );
        // Hand-backs reported with result records, at once (a dossier's later report replaces its earlier one): half come
        // with a new result record, half with a version already stored (a repeat that brings the hand-back it now carries).
        await Promise.all(
          Array.from({ length: 25 }, async () => {
            const workstation = `ws-${r.int(12)}`;
            const record = handedBack(r, n++);
            if (r.next() < 0.5) await commits.commitMany(workstation, [], 'upload', [record]);
            else await commits.commitMany(workstation, [record], 'upload').catch(() => undefined);
          }),
        );
        expect((await aggregateDifferences(pool)).map(describeAggregateDifference), `round ${round}`).toEqual([]);
        expect(await served(pool), `round ${round}`).toEqual(await progressFromRecords(pool));

        // Rows removed or changed by hand (an operator's correction): nothing follows them but the check, which sees each
        // one, and the rebuild, which counts them.
        await pool.query(
          `DELETE FROM hand_back WHERE dossier_code IN (SELECT dossier_code FROM hand_back ORDER BY md5(dossier_code || $1) LIMIT 2)`,
          [`h${round}`],
        );
        await pool.query(`DELETE FROM record WHERE id IN (SELECT id FROM record ORDER BY md5(id::text || $1) LIMIT 3)`, [round]);
        await pool.query(
          `UPDATE record SET is_result = NOT is_result, status = 'corrected', size = size + 7 WHERE id IN (SELECT id FROM record ORDER BY md5(id::text || $1) LIMIT 4)`,
          [`u${round}`],
        );
        const corrected = (await aggregateDifferences(pool)).map(describeAggregateDifference);
        expect(corrected.join('\n'), `round ${round}`).toMatch(/progress_aggregate workstation_id=ws-\d+ dimension=status key=corrected: /);
        expect(corrected.join('\n'), `round ${round}`).toMatch(/dimension=hand-backs key=total: records/);
        await rebuildAggregates(pool);
        expect((await aggregateDifferences(pool)).map(describeAggregateDifference), `round ${round}`).toEqual([]);
        expect(await served(pool), `round ${round}`).toEqual(await progressFromRecords(pool));
      }
      const counts = (await pool.query('SELECT count(*)::int AS records, count(*) FILTER (WHERE is_result)::int AS results FROM record'))
        .rows[0];
      expect(counts.records).toBeGreaterThan(300);
      expect(counts.results).toBeGreaterThan(50);
      const kinds = (
        await pool.query(
          'SELECT count(*) FILTER (WHERE on_time)::int AS "onTime", count(*) FILTER (WHERE NOT on_time AND late_reason IS NOT NULL)::int AS reasons FROM hand_back',
        )
      ).rows[0];
      expect(kinds.onTime).toBeGreaterThan(10);
      expect(kinds.reasons).toBeGreaterThan(5);
      // A workstation's records and hand-backs all deleted by hand: the check names its kept rows; rebuilt, none is left.
      await pool.query(`DELETE FROM record WHERE workstation_id = 'ws-3'`);
      await pool.query(`DELETE FROM hand_back WHERE workstation_id = 'ws-3'`);
      expect((await aggregateDifferences(pool)).map(describeAggregateDifference)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^progress_aggregate workstation_id=ws-3 dimension=total key=∅: kept but nothing to count/),
        ]),
      );
      await rebuildAggregates(pool);
      expect((await pool.query(`SELECT count(*)::int AS n FROM progress_aggregate WHERE workstation_id = 'ws-3'`)).rows[0].n).toBe(0);
      expect(await aggregateDifferences(pool)).toEqual([]);
    } finally {
      await pool.end();
    }
  }, 240_000);

  it('are filled from the records of a hub made before them (schema 4), then kept', async () => {
    const pool = createPool(await postgres.createDatabase('from_v4'));
    try {
      expect(
        await migrateHub(
          pool,
          hubMigrations.filter((m) => m.version <= 4),
        ),
      ).toBe(4);
      const records = new HubRecordRepository(pool);
      const r = seeded(4);
      // Schema 4 had no figures: the hand-backs and records are written as they were then, the figures left to schema 5's fill.
      await pool.query(
        `INSERT INTO hand_back (workstation_id, dossier_code, agency_code, procedure_code, returned_at, due_date, on_time, late_reason)
         VALUES ('ws-1', 'HS-old-1', NULL, NULL, now(), '2026-11-30', true, NULL), ('ws-1', 'HS-old-2', NULL, NULL, now(), '2026-11-30', false, 'Chờ')`,
      );
      for (let i = 0; i < 30; i++)
        await records.commitMany(
          `ws-${i % 5}`,
          [randomRecord(r, 1000 + 2 * i), { ...randomRecord(r, 1001 + 2 * i), documentKey: `other-${i}` }],
          'upload',
        );
      const before = await progressFromRecords(pool);
      expect(await migrateHub(pool)).toBe(LATEST);
      expect(await aggregateDifferences(pool)).toEqual([]);
      expect(await served(pool)).toEqual(before);
      await new RecordCommitter(pool).commitMany('ws-9', [randomRecord(r, 5000), handedBack(r, 5001)], 'upload');
      expect(await aggregateDifferences(pool)).toEqual([]);
    } finally {
      await pool.end();
    }
  }, 120_000);

  it('`sohoa hub --verify` reports a figure that drifted (exit 1, each difference); --rebuild fills them again from the records', async () => {
    const url = await postgres.createDatabase('drift');
    const pool = createPool(url);
    try {
      await migrateHub(pool);
      const records = new HubRecordRepository(pool);
      const r = seeded(9);
      for (let i = 0; i < 20; i++) await new RecordCommitter(pool).commitMany(`ws-${i % 3}`, [randomRecord(r, 9000 + i)], 'upload');
      const clean = runSohoa(['hub', '--verify', '--db', url]);
      expect(clean.code, clean.stderr).toBe(0);
      expect(clean.stdout).toContain('match a full recount');

      const truth = await records.progress();
      await pool.query(`UPDATE progress_aggregate SET records = records + 5 WHERE dimension = 'total' AND workstation_id = 'ws-1'`);
      await pool.query(`DELETE FROM progress_aggregate WHERE dimension = 'agency' AND workstation_id = 'ws-2' AND key IS NULL`);
      const drifted = runSohoa(['hub', '--verify', '--db', url]);
      expect(drifted.code).toBe(1);
      expect(drifted.stdout).toMatch(/progress_aggregate workstation_id=ws-1 dimension=total key=∅: records (\d+) → (\d+)/);
      const [, kept, recounted] = /records (\d+) → (\d+)/.exec(drifted.stdout)!;
      expect(Number(kept) - Number(recounted)).toBe(5);
      expect(drifted.stdout).toContain('progress_aggregate workstation_id=ws-2 dimension=agency key=∅: missing');
      expect(drifted.stderr).toContain('2 khác biệt');
      expect(await records.progress()).not.toEqual(truth);

      const rebuilt = runSohoa(['hub', '--verify', '--rebuild', '--db', url]);
      expect(rebuilt.code).toBe(1);
      expect(rebuilt.stderr).toContain('differences after: 0');
      expect(await records.progress()).toEqual(truth);
      expect(runSohoa(['hub', '--verify', '--db', url]).code).toBe(0);
      expect(runSohoa(['hub', '--rebuild', '--db', url]).code).toBe(2);
    } finally {
      await pool.end();
    }
  }, 180_000);
});
