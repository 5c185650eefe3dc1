import type BetterSqlite3 from 'better-sqlite3';

/**
 * One schema migration: PRAGMA user_version holds the version of the last one applied. Most are plain
 * SQL; a repair that must look at the schema first (a column that may or may not be there) is a function.
 */
export type Migration = { version: number; name: string } & ({ sql: string } | { apply: (db: BetterSqlite3.Database) => void });
