import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { backupStore, restoreBackup } from '../../src/core/backup/backup';
import { openDatabase, schemaVersion, type Db } from '../../src/core/store/database';
import { copyDatabaseInto } from '../../src/core/store/database-copy';
import { migrations } from '../../src/core/store/migrations';
import { describeDifference, summaryDifferences } from '../../src/core/store/summary-check';
import { computeIndicators } from '../../src/core/stats/indicators';
import { runSohoa } from '../support/cli';
import { openRawDatabase, TEST_KEY } from '../support/data-key';
import { tempDir } from '../support/temp-dir';
import { JOB_COLUMN_PATHS, randomWrites, seeded, seedStore } from './summary-writes';
import { DAY_TRIGGERS } from '../../src/core/store/summary-day-schema';
import { HOUR_TRIGGERS } from '../../src/core/store/summary-hour-schema';
import { DAY_FLAG_TRIGGERS } from '../../src/core/store/summary-day-flag-schema';
import { SummaryRepository } from '../../src/core/store/summary-repository';
import { DossierRepository } from '../../src/core/store/dossier-repository';
import { DocumentRepository } from '../../src/core/store/document-repository';
import { PageRepository } from '../../src/core/store/page-repository';

const ROUNDS = 8;
const WRITES_PER_ROUND = 400;

/** The differences as lines, so a failing round says which rows and figures went wrong. */
const differences = (db: Db) => summaryDifferences(db).map(describeDifference);

describe('dashboard summaries kept by triggers', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('equal a full recount after every round of random writes through every path, across a backup restore', async () => {
    let dataDir = join(dir.path, 'store');
    let db = openDatabase(dataDir, TEST_KEY);
    seedStore(db);
    const ran: Record<string, number> = {};
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, n] of Object.entries(randomWrites(db, round + 1, WRITES_PER_ROUND))) ran[name] = (ran[name] ?? 0) + n;
      expect(differences(db), `round ${round + 1}`).toEqual([]);
      if (round === ROUNDS / 2 - 1) {
        // Backup restore: a copy taken now, more writes on the store, then the copy restored in its place.
        const backup = join(dir.path, 'backup');
        await backupStore({ dataDir, copyDatabaseInto: (file) => copyDatabaseInto(db, file) }, backup);
        randomWrites(db, 1000 + round, WRITES_PER_ROUND);
        db.close();
        renameSync(dataDir, join(dir.path, 'replaced'));
        dataDir = join(dir.path, 'restored');
        restoreBackup(backup, dataDir);
        db = openDatabase(dataDir, TEST_KEY);
        expect(differences(db), 'after the restore').toEqual([]);
      }
    }
    // Every path ran, many times over, and the store holds enough to count.
    expect(Object.keys(ran).sort()).toHaveLength(21);
    for (const [name, n] of Object.entries(ran)) expect(n, name).toBeGreaterThan(10);
    const counts = db
      .prepare(
        `SELECT (SELECT count(*) FROM page) AS pages, (SELECT count(*) FROM record WHERE signed = 1) AS signed, (SELECT count(*) FROM document_flag) AS flags,
           (SELECT count(*) FROM dossier_summary WHERE results_timestamped > 0) AS timestamped`,
      )
      .get() as Record<string, number>;
    expect(counts.timestamped).toBeGreaterThan(3);
    expect(counts.pages).toBeGreaterThan(300);
    expect(counts.signed).toBeGreaterThan(50);
    expect(counts.flags).toBeGreaterThan(10);
    db.close();
  }, 240_000);

  it('are filled from the rows of a store made before them (migration from the previous schema), then kept', () => {
    const dataDir = join(dir.path, 'old');
    let db = openDatabase(
      dataDir,
      TEST_KEY,
      migrations.filter((m) => m.version <= 20),
    );
    expect(schemaVersion(db)).toBe(20);
    seedStore(db);
    randomWrites(db, 77, 1500, JOB_COLUMN_PATHS);
    const before = computeIndicatorsFromOldSchema(db);
    const timestampedBefore = timestampedFromAuditLog(db);
    expect(timestampedBefore.length).toBeGreaterThan(3);
    db.close();
    db = openDatabase(dataDir, TEST_KEY);
    expect(schemaVersion(db)).toBe(migrations.at(-1)?.version);
    expect(differences(db)).toEqual([]);
    // Migration 27: the audit log's timestamped results are now marked on their versions and counted per dossier.
    expect(db.prepare('SELECT dossier_id FROM dossier_summary WHERE results_timestamped > 0 ORDER BY 1').pluck().all()).toEqual(
      timestampedBefore,
    );
    const kept = db
      .prepare('SELECT sum(pages) AS pages, sum(pages_failed) AS failed, sum(pages_flagged) AS flagged FROM document_summary')
      .get();
    expect(kept).toEqual(before);
    randomWrites(db, 78, 800);
    expect(differences(db)).toEqual([]);
    db.close();
  }, 180_000);

  it('the day, flag and hour summaries are kept by each of their triggers: without any one of them, the writes leave a difference', () => {
    const db = openDatabase(join(dir.path, 'dropped'), TEST_KEY);
    seedStore(db);
    randomWrites(db, 40, 600);
    rawWrites(db, 41);
    expect(differences(db), 'every trigger in place').toEqual([]);
    for (const [i, name] of [...DAY_TRIGGERS, ...HOUR_TRIGGERS, ...DAY_FLAG_TRIGGERS, 'summary_dossier_copies'].entries()) {
      const sql = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?`).pluck().get(name) as string;
      expect(sql, name).toContain(name);
      db.exec(`DROP TRIGGER ${name}`);
      randomWrites(db, 50 + i, 300);
      rawWrites(db, 50 + i);
      expect(differences(db).length, `without ${name}`).toBeGreaterThan(0);
      db.exec(sql);
      new SummaryRepository(db).rebuild();
      expect(differences(db), `${name} back, rebuilt`).toEqual([]);
    }
    db.close();
  }, 240_000);

  it('a summary that disagrees is reported by `sohoa status --verify` (exit 1, each difference), and the app rebuilds it and audits it', async () => {
    const dataDir = join(dir.path, 'cli');
    const engine = Engine.open({ dataDir });
    seedStore(engine.store.db);
    randomWrites(engine.store.db, 5, 400);
    const db = engine.store.db;
    const document = db.prepare('SELECT document_id AS id, pages FROM document_summary WHERE pages > 0 LIMIT 1').get() as {
      id: number;
      pages: number;
    };
    const truth = computeIndicators(engine.store, {});
    await engine.close();

    const clean = runSohoa(['status', '--verify', '--data-dir', dataDir]);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toContain('summaries match a full recount');

    // A summary row edited behind the triggers' back: a drifted counter.
    const raw = openRawDatabase(dataDir);
    raw.prepare('UPDATE document_summary SET pages = pages + 3 WHERE document_id = ?').run(document.id);
    // The dossier summary's own trigger takes the dossier out of its day row too: that row now disagrees with a recount as well.
    raw.prepare('DELETE FROM dossier_summary WHERE dossier_id = (SELECT max(id) FROM dossier)').run();
    const found = summaryDifferences(raw);
    const perTable: Record<string, number> = {};
    for (const d of found) perTable[d.table] = (perTable[d.table] ?? 0) + 1;
    expect(perTable).toMatchObject({ document_summary: 1, dossier_summary: 1 });
    expect(perTable.dossier_day_summary).toBeGreaterThanOrEqual(1);
    raw.close();
    const drifted = runSohoa(['status', '--verify', '--data-dir', dataDir]);
    expect(drifted.code).toBe(1);
    expect(drifted.stdout).toContain(`document_summary document_id=${document.id}: pages ${document.pages + 3} → ${document.pages}`);
    expect(drifted.stdout).toMatch(/dossier_summary dossier_id=\d+: missing/);
    expect(drifted.stdout).toMatch(/dossier_day_summary kind=\w+ received_date=[\d-]* open_due=[\d-]*: (received \d+ → \d+|missing)/);
    expect(drifted.stderr).toContain(`${found.length} khác biệt`);

    // As the app does at start: the check finds them, rebuilds, and the audit log says so.
    const again = Engine.open({ dataDir });
    const repair = again.checkSummaries();
    expect(repair.rebuilt).toBe(true);
    expect(repair.differences).toHaveLength(found.length);
    expect(differences(again.store.db)).toEqual([]);
    expect(computeIndicators(again.store, {}).quality).toEqual(truth.quality);
    const event = again.store.db.prepare(`SELECT actor, details FROM audit_event WHERE action = 'summary.rebuilt'`).get() as {
      actor: string;
      details: string;
    };
    expect(JSON.parse(event.details)).toMatchObject({ differences: found.length, perTable });
    expect(again.checkSummaries().rebuilt).toBe(false);
    expect(again.verifyAudit().ok).toBe(true);
    await again.close();
  }, 240_000);
});

/**
 * Writes no app path makes but a hand-edited store may hold, each through its base table: a document
 * with flagged pages moved to a dossier of the other kind, a dossier's kind changed, a dossier with its document
 * and pages deleted outright.
 */
function rawWrites(db: Db, seed: number) {
  const rnd = seeded(seed);
  const ids = (sql: string) => db.prepare(sql).pluck().all() as number[];
  const doc = rnd.pick(ids(`SELECT document_id FROM document_summary WHERE pages_flagged > 0 ORDER BY document_id DESC LIMIT 30`))!;
  const kind = db.prepare('SELECT d.kind FROM document doc JOIN dossier d ON d.id = doc.dossier_id WHERE doc.id = ?').pluck().get(doc);
  const other = rnd.pick(ids(`SELECT id FROM dossier WHERE deleted_at IS NULL AND kind <> '${String(kind)}' ORDER BY id DESC LIMIT 30`))!;
  db.prepare('UPDATE document SET dossier_id = ? WHERE id = ?').run(other, doc);
  const changed = rnd.pick(ids(`SELECT dossier_id FROM document_summary WHERE pages_flagged > 0 ORDER BY dossier_id DESC LIMIT 30`))!;
  db.prepare(`UPDATE dossier SET kind = CASE kind WHEN 'intake' THEN 'archive' ELSE 'intake' END WHERE id = ?`).run(changed);
  // A received day corrected by hand: the dossier's share and its flagged pages move to the other day.
  const redated = rnd.pick(ids(`SELECT dossier_id FROM document_summary WHERE pages_flagged > 0 ORDER BY dossier_id LIMIT 30`))!;
  db.prepare(`UPDATE dossier SET received_date = date(coalesce(received_date, '2026-11-01'), '+1 day') WHERE id = ?`).run(redated);
  // A deletion with a reason in every round (the random paths may draw none): its share leaves the day, flag and hour rows.
  const deleted = rnd.pick(
    ids(`SELECT s.dossier_id FROM document_summary s JOIN dossier d ON d.id = s.dossier_id
    WHERE s.pages_flagged > 0 AND d.deleted_at IS NULL ORDER BY s.dossier_id DESC LIMIT 30`),
  )!;
  new DossierRepository(db).markDeleted(deleted, 'canbo1', 'Nhập trùng', new Date());
  const dossier = new DossierRepository(db).insert(
    {
      kind: 'intake',
      procedureCode: 'TT-1',
      applicantName: 'Trần Thị Bình',
      applicantCccd: null,
      applicantPhone: null,
      applicantAddress: null,
      receivedDate: '2026-11-03',
      dueDate: '2026-11-20',
      workstationId: 'ws-1',
    },
    { prefix: 'HS', format: (n) => `HS-raw-${seed}-${n}` },
  );
  const document = new DocumentRepository(db).create(dossier.id, 'Tờ khai', null);
  for (let i = 0; i < 3; i++) new PageRepository(db).addPage(document, `raw-${seed}-${i}`, 'scan');
  db.prepare('DELETE FROM dossier WHERE id = ?').run(dossier.id);
}

/** Page figures straight from the base tables of a store at schema 20. */
function computeIndicatorsFromOldSchema(db: Db) {
  return db
    .prepare(
      `SELECT count(*) AS pages, count(*) FILTER (WHERE state = 'failed') AS failed, count(*) FILTER (WHERE flags <> '[]') AS flagged FROM page`,
    )
    .get();
}

/**
 * The dossiers with a result whose latest version an audit entry of result.timestamp names, as the
 * store said it before migration 27 (from the audit log alone).
 */
function timestampedFromAuditLog(db: Db): number[] {
  return db
    .prepare(
      `SELECT DISTINCT doc.dossier_id FROM document doc JOIN audit_event a ON a.action = 'result.timestamp' AND a.subject = CAST(doc.id AS TEXT)
       WHERE doc.is_result = 1 AND json_extract(a.details, '$.recordId') = (SELECT r.id FROM record r WHERE r.document_id = doc.id ORDER BY r.version DESC LIMIT 1)
       ORDER BY 1`,
    )
    .pluck()
    .all() as number[];
}
