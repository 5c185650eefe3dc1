import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE, migrate, openDatabase, schemaVersion } from '../../src/core/store/database';
import { migrations } from '../../src/core/store/migrations';
import { openPlainDatabase, TEST_KEY } from '../support/data-key';
import { tempDir } from '../support/temp-dir';

describe('database', () => {
  const dirs: { remove: () => void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

  it('opens in WAL mode with foreign keys on and every migration applied', () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = openDatabase(dir.path, TEST_KEY);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(Math.max(...migrations.map((m) => m.version)));
    const strictTables = db.prepare(`SELECT name FROM pragma_table_list WHERE strict = 1`).all() as { name: string }[];
    const names = strictTables.map((t) => t.name);
    for (const t of ['workstation', 'user', 'procedure', 'dossier', 'document', 'page', 'record', 'batch', 'job', 'outbox_item', 'audit_event']) {
      expect(names).toContain(t);
    }
    expect(() => db.prepare(`INSERT INTO document (dossier_id, position, created_at) VALUES (999, 1, 'x')`).run()).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('upgrades a database in clear made by the first migration, keeping its rows', () => {
    const dir = tempDir();
    dirs.push(dir);
    const old = openPlainDatabase(join(dir.path, DB_FILE));
    migrate(old, migrations.slice(0, 1));
    expect(schemaVersion(old)).toBe(1);
    old.prepare(`INSERT INTO procedure (code, name, field, level) VALUES ('P1', 'Đăng ký khai sinh', 'Hộ tịch', 'Cấp xã')`).run();
    old.close();

    const db = openDatabase(dir.path, TEST_KEY);
    expect(schemaVersion(db)).toBe(Math.max(...migrations.map((m) => m.version)));
    expect(db.prepare('SELECT name FROM procedure WHERE code = ?').get('P1')).toEqual({ name: 'Đăng ký khai sinh' });
    // Objects added by later migrations are there.
    expect(db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'search_index'`).get()).toEqual({ n: 1 });
    db.close();
  });

  it('rejects a value of the wrong type (STRICT tables)', () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = openDatabase(dir.path, TEST_KEY);
    expect(() => db.prepare(`INSERT INTO procedure (code, name, field, level, processing_days) VALUES ('X', 'n', 'f', 'l', 'five')`).run()).toThrow(/cannot store TEXT value in INTEGER column/);
    db.close();
  });
});
