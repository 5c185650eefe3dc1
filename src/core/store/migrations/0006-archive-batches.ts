import type { Migration } from './migration';

export const migration: Migration = {
  version: 6,
  name: 'archive batches: register rows, folders, reconciliation flags',
  sql: `
ALTER TABLE batch ADD COLUMN batch_key TEXT;
ALTER TABLE batch ADD COLUMN column_map TEXT;
ALTER TABLE batch ADD COLUMN register_encoding TEXT;
ALTER TABLE batch ADD COLUMN register_problems TEXT NOT NULL DEFAULT '[]';
CREATE UNIQUE INDEX batch_key ON batch(batch_key);

CREATE TABLE archive_register_row (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES batch(id) ON DELETE CASCADE,
  line INTEGER NOT NULL,
  box TEXT NOT NULL DEFAULT '',
  archive_number TEXT NOT NULL,
  box_key TEXT NOT NULL DEFAULT '',
  number_key TEXT NOT NULL,
  title TEXT,
  year INTEGER,
  field TEXT,
  expected_pages INTEGER,
  retention TEXT,
  UNIQUE (batch_id, box_key, number_key)
) STRICT;

CREATE TABLE archive_folder (
  batch_id INTEGER NOT NULL REFERENCES batch(id) ON DELETE CASCADE,
  rel_path TEXT NOT NULL,
  dossier_id INTEGER NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
  document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
  register_line INTEGER,
  PRIMARY KEY (batch_id, rel_path)
) STRICT;

CREATE TABLE archive_flag (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES batch(id) ON DELETE CASCADE,
  dossier_id INTEGER REFERENCES dossier(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('count-mismatch', 'missing', 'extra', 'pages-failed', 'unreadable-files')),
  box TEXT NOT NULL DEFAULT '',
  archive_number TEXT NOT NULL,
  details TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX archive_flag_batch ON archive_flag(batch_id, kind);
CREATE INDEX archive_flag_dossier ON archive_flag(dossier_id);
CREATE INDEX dossier_batch ON dossier(batch_id);
`,
};
