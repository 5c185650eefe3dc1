import type { Migration } from './migration';

export const migration: Migration = {
  version: 25,
  name: 'records signed while the timestamp authority did not answer: the document timestamp to add once it does',
  sql: `
CREATE TABLE timestamp_pending (
  document_id INTEGER PRIMARY KEY REFERENCES document(id) ON DELETE CASCADE,
  since TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT
) STRICT;
`,
};
