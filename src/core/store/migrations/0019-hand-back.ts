import type { Migration } from './migration';

export const migration: Migration = {
  version: 19,
  name: 'hand-back: the result document and its kind, the hand-back of a dossier and whether it was on time',
  sql: `
ALTER TABLE document ADD COLUMN result_kind TEXT;
ALTER TABLE dossier ADD COLUMN returned_at TEXT;
ALTER TABLE dossier ADD COLUMN returned_on_time INTEGER;
CREATE TABLE hand_back (
  dossier_id INTEGER PRIMARY KEY REFERENCES dossier(id) ON DELETE CASCADE,
  returned_at TEXT NOT NULL,
  receiver_name TEXT NOT NULL,
  receiver_kind TEXT NOT NULL CHECK (receiver_kind IN ('applicant', 'authorized')),
  authorization_ref TEXT,
  method TEXT NOT NULL CHECK (method IN ('desk', 'post', 'electronic')),
  clerk TEXT NOT NULL,
  due_date TEXT,
  deadline TEXT,
  on_time INTEGER,
  working_days_late INTEGER,
  late_reason TEXT,
  new_date TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX dossier_kind_returned ON dossier(kind, returned_at);
`,
};
