import type BetterSqlite3 from 'better-sqlite3';
import type { Migration } from './migration';

/**
 * Migration 10 was listed after 11 when it landed: a store first opened by a build of that window went
 * from 9 to 11 and never ran 10. This adds 10's columns where they are missing and nowhere else.
 */
const MISSED_COLUMNS = [
  { table: 'batch', column: 'separation', definition: `TEXT NOT NULL DEFAULT 'folders'` },
  { table: 'archive_folder', column: 'approved_by', definition: 'TEXT' },
  { table: 'archive_folder', column: 'approved_at', definition: 'TEXT' },
] as const;

function hasColumn(db: BetterSqlite3.Database, table: string, column: string): boolean {
  return db.prepare('SELECT 1 FROM pragma_table_info(?) WHERE name = ?').get(table, column) !== undefined;
}

export const migration: Migration = {
  version: 24,
  name: 'repair: the archive columns of migration 10 on a store that skipped it',
  apply: (db) => {
    for (const { table, column, definition } of MISSED_COLUMNS) {
      if (!hasColumn(db, table, column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
    }
  },
};
