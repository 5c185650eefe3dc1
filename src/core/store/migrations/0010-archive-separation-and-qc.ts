import type { Migration } from './migration';

export const migration: Migration = {
  version: 10,
  name: 'archive batches: how pages are split, QC approval of dossiers',
  sql: `
ALTER TABLE batch ADD COLUMN separation TEXT NOT NULL DEFAULT 'folders';
ALTER TABLE archive_folder ADD COLUMN approved_by TEXT;
ALTER TABLE archive_folder ADD COLUMN approved_at TEXT;
`,
};
