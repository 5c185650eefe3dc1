import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ArchiveRepository } from '../../src/core/store/archive-repository';
import { DB_FILE, migrate, openDatabase, schemaVersion } from '../../src/core/store/database';
import { JobRepository } from '../../src/core/store/job-repository';
import { migrations } from '../../src/core/store/migrations';
import { openPlainDatabase, TEST_KEY } from '../support/data-key';
import { tempDir } from '../support/temp-dir';

const AT = '2026-11-30T08:00:00.000Z';
const FUTURE = Date.parse('2030-01-01T00:00:00Z');

describe('migration 26: jobs get their group, hold and document from what a store at version 25 holds', () => {
  const dir = tempDir('sohoa-job-migration-');
  afterAll(() => dir.remove());

  it('fills the columns from the payloads and the batches, holds a paused batch’s jobs and unparks them', () => {
    const old = openPlainDatabase(join(dir.path, DB_FILE));
    migrate(old, migrations.slice(0, 25));
    expect(schemaVersion(old)).toBe(25);
    old.exec(`
INSERT INTO batch (id, name, source, status, created_at) VALUES (1, 'Hộp 2020', '/kho/2020', 'paused', '${AT}'), (2, 'Hộp 2021', '/kho/2021', 'running', '${AT}');
INSERT INTO dossier (id, code, kind, batch_id, created_at, updated_at) VALUES
  (1, 'LT1-1', 'archive', 1, '${AT}', '${AT}'), (2, 'LT2-1', 'archive', 2, '${AT}', '${AT}'), (3, 'MC-1', 'intake', NULL, '${AT}', '${AT}');
INSERT INTO document (id, dossier_id, position, created_at) VALUES (10, 1, 1, '${AT}'), (20, 2, 1, '${AT}'), (30, 3, 1, '${AT}');
INSERT INTO archive_folder (batch_id, rel_path, dossier_id, document_id) VALUES (1, 'HS 1', 1, 10), (2, 'HS 1', 2, 20);
INSERT INTO page (id, document_id, position, image_sha256, created_at) VALUES
  (101, 10, 1, 'a', '${AT}'), (102, 10, 2, 'b', '${AT}'), (201, 20, 1, 'c', '${AT}'), (301, 30, 1, 'd', '${AT}');
`);
    const job = old.prepare(
      `INSERT INTO job (id, kind, key, payload, state, lease_owner, lease_until, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, '${AT}', '${AT}')`,
    );
    job.run(1, 'page.clean', '101:a', '{"pageId":101}', 'queued', null, -1);
    job.run(2, 'document.assemble', '10:x', '{"documentId":10}', 'queued', null, -1);
    job.run(3, 'page.read', '102:b', '{"pageId":102}', 'leased', '4242-w', FUTURE);
    job.run(4, 'page.read', '201:c', '{"pageId":201}', 'done', null, null);
    job.run(5, 'page.clean', '201:c2', '{"pageId":201}', 'queued', null, null);
    job.run(6, 'page.clean', '301:d', '{"pageId":301}', 'queued', null, null);
    job.run(7, 'page.clean', '999:gone', '{"pageId":999}', 'queued', null, null);
    job.run(8, 'stamp', 'k', '{"at":1}', 'queued', null, null);
    old.close();

    const db = openDatabase(dir.path, TEST_KEY);
    try {
      expect(schemaVersion(db)).toBeGreaterThanOrEqual(26);
      expect(
        db
          .prepare('SELECT id, job_group AS grp, held, document_id AS doc, page_id AS page, lease_until AS until FROM job ORDER BY id')
          .all(),
      ).toEqual([
        { id: 1, grp: 'batch:1', held: 1, doc: 10, page: 101, until: null },
        { id: 2, grp: 'batch:1', held: 1, doc: 10, page: null, until: null },
        { id: 3, grp: 'batch:1', held: 1, doc: 10, page: 102, until: FUTURE },
        { id: 4, grp: 'batch:2', held: 0, doc: 20, page: 201, until: null },
        { id: 5, grp: 'batch:2', held: 0, doc: 20, page: 201, until: null },
        { id: 6, grp: null, held: 0, doc: 30, page: 301, until: null },
        { id: 7, grp: null, held: 0, doc: null, page: 999, until: null },
        { id: 8, grp: null, held: 0, doc: null, page: null, until: null },
      ]);
      const jobs = new JobRepository(db);
      const leased = () => jobs.lease('worker-1', ['page.clean', 'page.read', 'document.assemble', 'stamp'], 60_000)?.id;
      expect([leased(), leased(), leased(), leased(), leased()]).toEqual([5, 6, 7, 8, undefined]);
      // Resuming the paused batch gives its two queued jobs back; the one leased stays with its worker.
      new ArchiveRepository(db).setStatus(1, 'running');
      expect([leased(), leased(), leased()]).toEqual([1, 2, undefined]);
    } finally {
      db.close();
    }
  });
});
