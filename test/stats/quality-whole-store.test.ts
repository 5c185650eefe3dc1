import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/core/store/database';
import { DossierRepository } from '../../src/core/store/dossier-repository';
import { IndicatorRepository } from '../../src/core/store/indicator-repository';
import { TEST_KEY } from '../support/data-key';
import { tempDir } from '../support/temp-dir';
import { randomWrites, seedStore } from './summary-writes';

/** The pages of live intake dossiers, counted from the page rows themselves (no summary). */
const PAGES_OF_LIVE_INTAKE = `page p JOIN document doc ON doc.id = p.document_id JOIN dossier d ON d.id = doc.dossier_id
  WHERE d.kind = 'intake' AND d.deleted_at IS NULL`;

describe('page quality over the whole store', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('counts the pages of live intake dossiers only: not those of deleted or archive dossiers', () => {
    const db = openDatabase(join(dir.path, 'store'), TEST_KEY);
    seedStore(db);
    randomWrites(db, 11, 1500);
    // Deletion with a reason, of an intake dossier that has pages (its rows stay in the store).
    const withPages = db
      .prepare(
        `SELECT d.id FROM dossier d WHERE d.kind = 'intake' AND d.deleted_at IS NULL AND EXISTS (SELECT 1 FROM document doc JOIN page p ON p.document_id = doc.id WHERE doc.dossier_id = d.id) LIMIT 1`,
      )
      .pluck()
      .get() as number;
    new DossierRepository(db).markDeleted(withPages, 'canbo1', 'Nhập trùng', new Date());
    const aside = db
      .prepare(
        `SELECT count(*) FILTER (WHERE d.deleted_at IS NOT NULL AND d.kind = 'intake') AS deleted, count(*) FILTER (WHERE d.kind = 'archive') AS archive
         FROM page p JOIN document doc ON doc.id = p.document_id JOIN dossier d ON d.id = doc.dossier_id`,
      )
      .get() as { deleted: number; archive: number };
    // Pages that must be left out, or this test could not fail.
    expect(aside.deleted).toBeGreaterThan(0);
    expect(aside.archive).toBeGreaterThan(0);

    const truth = db
      .prepare(
        `SELECT count(*) AS pages, count(*) FILTER (WHERE p.state = 'read') AS read, count(*) FILTER (WHERE p.state = 'failed') AS failed,
                count(*) FILTER (WHERE p.flags <> '[]') AS flagged FROM ${PAGES_OF_LIVE_INTAKE}`,
      )
      .get() as { pages: number; read: number; failed: number; flagged: number };
    const flags = db
      .prepare(
        `SELECT f.value AS flag, count(DISTINCT p.id) AS pages FROM ${PAGES_OF_LIVE_INTAKE.replace('WHERE', ', json_each(p.flags) f WHERE')} GROUP BY f.value`,
      )
      .all() as { flag: string; pages: number }[];
    expect(truth.pages).toBeGreaterThan(0);

    const got = new IndicatorRepository(db).qualityCounts({});
    expect({ pages: got.pages, read: got.read, failed: got.failed, flagged: got.flagged }).toEqual(truth);
    expect([...got.flags].sort((a, b) => a.flag.localeCompare(b.flag))).toEqual(flags.sort((a, b) => a.flag.localeCompare(b.flag)));
    db.close();
  });
});
