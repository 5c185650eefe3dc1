import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE, migrate, openDatabase } from '../../src/core/store/database';
import { migrations } from '../../src/core/store/migrations';
import { TEST_KEY } from '../support/data-key';
import { tempDir } from '../support/temp-dir';

describe('when a dossier was finalized', () => {
  const dirs: { remove: () => void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

  it('is filled in for dossiers finalized before the column existed: from the audit log, else from the signing times', () => {
    const dir = tempDir();
    dirs.push(dir);
    const old = new Database(join(dir.path, DB_FILE));
    migrate(
      old,
      migrations.filter((m) => m.version < 11),
    );
    const at = '2021-01-01T00:00:00.000Z';
    const dossier = old.prepare(`INSERT INTO dossier (code, kind, status, created_at, updated_at) VALUES (?, 'intake', ?, ?, ?)`);
    const fromAudit = Number(dossier.run('A', 'finalized', at, at).lastInsertRowid);
    const fromRecords = Number(dossier.run('B', 'finalized', at, at).lastInsertRowid);
    const open = Number(dossier.run('C', 'received', at, at).lastInsertRowid);
    old
      .prepare(
        `INSERT INTO audit_event (at, actor, action, subject, prev_hash, hash) VALUES ('2021-02-03T04:05:06.000Z', 'x', 'dossier.finalize', ?, '', '')`,
      )
      .run(String(fromAudit));
    old
      .prepare(
        `INSERT INTO audit_event (at, actor, action, subject, prev_hash, hash) VALUES ('2021-02-09T00:00:00.000Z', 'x', 'dossier.finalize', ?, '', '')`,
      )
      .run(String(fromAudit));
    for (const [dossierId, signedAt] of [
      [fromRecords, '2021-03-01T10:00:00.000Z'],
      [fromRecords, '2021-03-02T10:00:00.000Z'],
      [open, '2021-03-05T10:00:00.000Z'],
    ] as const) {
      const doc = Number(
        old.prepare(`INSERT INTO document (dossier_id, position, created_at) VALUES (?, 1, ?)`).run(dossierId, at).lastInsertRowid,
      );
      old
        .prepare(`INSERT INTO record (document_id, version, pdf_sha256, signed, signed_at, created_at) VALUES (?, 1, 'x', 1, ?, ?)`)
        .run(doc, signedAt, at);
    }
    old.close();

    const db = openDatabase(dir.path, TEST_KEY);
    const finalizedAt = (id: number) =>
      (db.prepare('SELECT finalized_at AS at FROM dossier WHERE id = ?').get(id) as { at: string | null }).at;
    expect(finalizedAt(fromAudit)).toBe('2021-02-03T04:05:06.000Z');
    expect(finalizedAt(fromRecords)).toBe('2021-03-02T10:00:00.000Z');
    expect(finalizedAt(open)).toBeNull();
    db.close();
  });
});
