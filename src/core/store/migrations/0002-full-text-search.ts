import type { Migration } from './migration';

export const migration: Migration = {
  version: 2,
  name: 'full-text search',
  sql: `
CREATE VIRTUAL TABLE search_index USING fts5(
  body,
  original UNINDEXED,
  dossier_id UNINDEXED,
  page_id UNINDEXED,
  tokenize = 'unicode61 remove_diacritics 2'
);
ALTER TABLE procedure ADD COLUMN name_folded TEXT NOT NULL DEFAULT '';
`,
};
