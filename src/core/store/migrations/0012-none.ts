import type { Migration } from './migration';

/** No SQL: this number kept free: the branch it was assigned to added no migration, and stores count on the numbers that did ship. */
export const migration: Migration = { version: 12, name: 'none', sql: '' };
