import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE, migrate, openDatabase, openKeyed, schemaVersion, type Db } from '../../src/core/store/database';
import { migrations } from '../../src/core/store/migrations';
import { codeOfSync } from '../support/coded-error';
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
    for (const t of [
      'workstation',
      'user',
      'procedure',
      'dossier',
      'document',
      'page',
      'record',
      'batch',
      'job',
      'outbox_item',
      'audit_event',
    ]) {
      expect(names).toContain(t);
    }
    expect(() => db.prepare(`INSERT INTO document (dossier_id, position, created_at) VALUES (999, 1, 'x')`).run()).toThrow(/FOREIGN KEY/);
    db.close();
  });

  const latest = migrations.length;
  const schemaOf = (db: Db) => db.prepare(`SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name`).all();

  it('has one file per migration, listed in version order with no gap', () => {
    expect(migrations.map((m) => m.version)).toEqual(Array.from({ length: latest }, (_, i) => i + 1));
    const folder = fileURLToPath(new URL('../../src/core/store/migrations', import.meta.url));
    const files = readdirSync(folder).filter((f) => /^\d{4}-/.test(f));
    expect(files.map((f) => Number(f.slice(0, 4)))).toEqual(migrations.map((m) => m.version));
    for (const m of migrations) expect(m.name.trim(), `migration ${m.version}`).not.toBe('');
  });

  it('upgrades a database in clear made by each earlier version to the same schema as a new one, keeping its rows', () => {
    const fresh = tempDir();
    dirs.push(fresh);
    const made = openDatabase(fresh.path, TEST_KEY);
    const target = schemaOf(made);
    made.close();
    for (let from = 1; from < latest; from++) {
      const dir = tempDir();
      dirs.push(dir);
      const old = openPlainDatabase(join(dir.path, DB_FILE));
      migrate(old, migrations.slice(0, from));
      expect(schemaVersion(old)).toBe(from);
      old.prepare(`INSERT INTO procedure (code, name, field, level) VALUES ('P1', 'Đăng ký khai sinh', 'Hộ tịch', 'Cấp xã')`).run();
      old.close();

      const db = openDatabase(dir.path, TEST_KEY);
      expect(schemaVersion(db), `from ${from}`).toBe(latest);
      expect(schemaOf(db), `from ${from}`).toEqual(target);
      expect(db.prepare('SELECT name FROM procedure WHERE code = ?').get('P1')).toEqual({ name: 'Đăng ký khai sinh' });
      db.close();
    }
  });

  it('gives a store that went from 9 to 11 without migration 10 the columns 10 adds, keeping its rows', () => {
    const columnsOf = (db: Db, table: string) =>
      (db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[]).map((c) => c.name);
    const dir = tempDir();
    dirs.push(dir);
    const old = openPlainDatabase(join(dir.path, DB_FILE));
    migrate(
      old,
      migrations.filter((m) => m.version <= 11 && m.version !== 10),
    );
    expect(schemaVersion(old)).toBe(11);
    expect(columnsOf(old, 'batch')).not.toContain('separation');
    old.prepare(`INSERT INTO batch (name, source, created_at) VALUES ('Hộp 2020', '/kho/2020', '2026-11-23T08:00:00Z')`).run();
    old.close();

    const db = openDatabase(dir.path, TEST_KEY);
    expect(schemaVersion(db)).toBe(latest);
    expect(columnsOf(db, 'batch')).toContain('separation');
    expect(columnsOf(db, 'archive_folder')).toEqual(expect.arrayContaining(['approved_by', 'approved_at']));
    expect(db.prepare('SELECT name, separation FROM batch').all()).toEqual([{ name: 'Hộp 2020', separation: 'folders' }]);
    db.close();
  });

  it('refuses a store at a newer version than it knows, and leaves it as it was', () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = openDatabase(dir.path, TEST_KEY);
    db.prepare(`INSERT INTO procedure (code, name, field, level) VALUES ('P1', 'Đăng ký khai sinh', 'Hộ tịch', 'Cấp xã')`).run();
    db.pragma(`user_version = ${latest + 1}`);
    db.close();

    expect(codeOfSync(() => openDatabase(dir.path, TEST_KEY))).toBe('store.schema-newer');
    const after = openKeyed(join(dir.path, DB_FILE), TEST_KEY);
    expect(schemaVersion(after)).toBe(latest + 1);
    expect(after.prepare('SELECT count(*) AS n FROM procedure').get()).toEqual({ n: 1 });
    after.close();
  });

  it('rejects a value of the wrong type (STRICT tables)', () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = openDatabase(dir.path, TEST_KEY);
    expect(() =>
      db.prepare(`INSERT INTO procedure (code, name, field, level, processing_days) VALUES ('X', 'n', 'f', 'l', 'five')`).run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    db.close();
  });
});
