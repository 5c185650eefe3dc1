import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { localClock } from '../../src/core/stats/indicators';
import { openDatabase, schemaVersion, type Db } from '../../src/core/store/database';
import { intakeCounts, pagesPerDay, qualityCounts } from '../../src/core/store/indicator-queries';
import { archivePagesPerDay } from '../../src/core/store/backlog-queries';
import { migrations } from '../../src/core/store/migrations';
import { describeDifference, summaryDifferences } from '../../src/core/store/summary-check';
import { TEST_KEY } from '../support/data-key';
import { tempDir } from '../support/temp-dir';
import { randomWrites, seedStore } from '../stats/summary-writes';

const differences = (db: Db) => summaryDifferences(db).map(describeDifference);

/**
 * The whole store's figures, read from the day and hour summaries, against the same figures summed over
 * one filter per procedure, which the dossier-led queries count from each dossier (every intake dossier
 * of these stores has one of the two procedures).
 */
function expectSummariesAgreeWithDossiers(db: Db) {
  const clock = localClock(new Date());
  const whole = intakeCounts(db, {}, clock);
  const perProcedure = ['TT-1', 'TT-2'].map((procedureCode) => intakeCounts(db, { procedureCode }, clock));
  const summed = Object.fromEntries(Object.keys(whole).map((k) => [k, perProcedure.reduce((n, c) => n + c[k as keyof typeof c], 0)]));
  expect(whole).toEqual(summed);
  for (const figure of ['received', 'fullyDigitized', 'onTime', 'late', 'openPastDue', 'reused'] as const)
    expect(whole[figure], figure).toBeGreaterThan(0);

  const quality = qualityCounts(db, {});
  const qualityPerProcedure = ['TT-1', 'TT-2'].map((procedureCode) => qualityCounts(db, { procedureCode }));
  for (const figure of ['pages', 'read', 'failed', 'flagged'] as const)
    expect(quality[figure], figure).toBe(qualityPerProcedure.reduce((n, q) => n + q[figure], 0));
  expect(quality.pages).toBeGreaterThan(0);

  const days = { from: clock.today.slice(0, 8) + '01', to: clock.today };
  const chart = pagesPerDay(db, {}, days.from, days.to);
  const chartPerProcedure = ['TT-1', 'TT-2'].flatMap((procedureCode) => pagesPerDay(db, { procedureCode }, days.from, days.to));
  expect(chart.reduce((n, d) => n + d.pages, 0)).toBe(chartPerProcedure.reduce((n, d) => n + d.pages, 0));
  expect(chart.reduce((n, d) => n + d.pages, 0)).toBeGreaterThan(0);
  // Every archive page was captured today: the pace counts them all.
  const archivePages = db
    .prepare(
      `SELECT count(*) FROM page p JOIN document doc ON doc.id = p.document_id JOIN dossier d ON d.id = doc.dossier_id WHERE d.kind = 'archive'`,
    )
    .pluck()
    .get() as number;
  expect(archivePagesPerDay(db, 30).reduce((n, d) => n + d.pages, 0)).toBe(archivePages);
}

describe('migration 28: the summaries per received day and pages per hour', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  for (const from of [27, 22]) {
    it(`are filled from a store at schema ${from}, equal a recount, agree with the figures counted per dossier, and are kept after`, () => {
      const dataDir = join(dir.path, `from-${from}`);
      let db = openDatabase(
        dataDir,
        TEST_KEY,
        migrations.filter((m) => m.version <= from),
      );
      expect(schemaVersion(db)).toBe(from);
      seedStore(db);
      // Older stores lack the job queue's columns (26) that these paths keep, and a version's timestamp mark (27).
      randomWrites(db, 28 + from, 1500, from < 26 ? ['page moved', 'page deleted', 'page replaced', 'document removed'] : []);
      db.close();

      db = openDatabase(dataDir, TEST_KEY);
      expect(schemaVersion(db)).toBe(28);
      expect(differences(db)).toEqual([]);
      // Nine received days, each with up to nine open due dates: fewer rows than dossiers.
      const rows = db
        .prepare('SELECT (SELECT count(*) FROM dossier_day_summary) AS days, (SELECT count(*) FROM dossier) AS dossiers')
        .get() as {
        days: number;
        dossiers: number;
      };
      expect(rows.days).toBeLessThan(rows.dossiers / 2);
      expectSummariesAgreeWithDossiers(db);

      randomWrites(db, 29 + from, 800);
      expect(differences(db)).toEqual([]);
      expectSummariesAgreeWithDossiers(db);
      db.close();
    }, 180_000);
  }
});
