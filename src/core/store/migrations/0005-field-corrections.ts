import type { Migration } from './migration';

export const migration: Migration = {
  version: 5,
  name: 'desk: field corrections by the clerk',
  sql: `
CREATE TABLE field_correction (
  document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  ocr_value TEXT,
  corrected_by TEXT NOT NULL,
  corrected_at TEXT NOT NULL,
  PRIMARY KEY (document_id, name)
) STRICT;
`,
};
