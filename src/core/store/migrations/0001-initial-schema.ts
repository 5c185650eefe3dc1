import type { Migration } from './migration';

export const migration: Migration = {
  version: 1,
  name: 'entities',
  sql: `
CREATE TABLE workstation (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  agency_code TEXT NOT NULL,
  agency_name TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE user (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('clerk', 'archivist', 'supervisor', 'administrator')),
  password_hash TEXT,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE procedure (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  field TEXT NOT NULL,
  level TEXT NOT NULL,
  processing_days INTEGER,
  components TEXT NOT NULL DEFAULT '[]',
  is_sample INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE batch (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  source TEXT NOT NULL,
  register_path TEXT,
  status TEXT NOT NULL DEFAULT 'open',
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE dossier (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('intake', 'archive')),
  procedure_code TEXT REFERENCES procedure(code),
  applicant_name TEXT,
  applicant_cccd TEXT,
  applicant_phone TEXT,
  applicant_address TEXT,
  received_date TEXT,
  due_date TEXT,
  status TEXT NOT NULL DEFAULT 'received',
  box TEXT,
  archive_number TEXT,
  year INTEGER,
  batch_id INTEGER REFERENCES batch(id),
  workstation_id TEXT REFERENCES workstation(id),
  created_by INTEGER REFERENCES user(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX dossier_cccd ON dossier(applicant_cccd);
CREATE INDEX dossier_created ON dossier(created_at);

CREATE TABLE document (
  id INTEGER PRIMARY KEY,
  dossier_id INTEGER NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  component TEXT,
  title TEXT,
  doc_kind TEXT,
  doc_number TEXT,
  doc_date TEXT,
  is_result INTEGER NOT NULL DEFAULT 0,
  reused_from INTEGER REFERENCES document(id),
  fields TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX document_dossier ON document(dossier_id);

CREATE TABLE page (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  image_sha256 TEXT NOT NULL,
  width INTEGER,
  height INTEGER,
  dpi INTEGER,
  color_mode TEXT,
  ocr_text TEXT,
  ocr_confidence REAL,
  flags TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  UNIQUE (document_id, image_sha256)
) STRICT;
CREATE INDEX page_document ON page(document_id);

CREATE TABLE record (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES document(id),
  version INTEGER NOT NULL,
  pdf_sha256 TEXT NOT NULL,
  signed INTEGER NOT NULL DEFAULT 0,
  signer TEXT,
  signed_at TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (document_id, version)
) STRICT;

CREATE TABLE job (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  payload TEXT NOT NULL DEFAULT '{}',
  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'leased', 'done', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL DEFAULT 3,
  lease_owner TEXT,
  lease_until INTEGER,
  result TEXT,
  error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (kind, key)
) STRICT;
CREATE INDEX job_ready ON job(state, lease_until);

CREATE TABLE outbox_item (
  id INTEGER PRIMARY KEY,
  record_id INTEGER NOT NULL UNIQUE REFERENCES record(id),
  state TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'sending', 'acknowledged', 'rejected')),
  attempts INTEGER NOT NULL DEFAULT 0,
  upload_url TEXT,
  receipt TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE audit_event (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  workstation_id TEXT,
  action TEXT NOT NULL,
  subject TEXT,
  details TEXT NOT NULL DEFAULT '{}',
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;

CREATE TABLE dossier_sequence (
  prefix TEXT PRIMARY KEY,
  last INTEGER NOT NULL
) STRICT;

CREATE TABLE setting (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
`,
};
