/**
 * Schema migrations, numbered and applied in order at start (PRAGMA user_version holds the last
 * one applied). Never edit a migration that has shipped: add the next one.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
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
  },
  {
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
  },
  {
    version: 3,
    name: 'sync',
    sql: `
ALTER TABLE outbox_item ADD COLUMN next_attempt_at TEXT;
ALTER TABLE outbox_item ADD COLUMN bytes_sent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox_item ADD COLUMN bytes_total INTEGER;
ALTER TABLE outbox_item ADD COLUMN rejection_code TEXT;
CREATE INDEX outbox_item_due ON outbox_item(state, next_attempt_at);
`,
  },
  {
    version: 4,
    name: 'pipeline state of pages and documents',
    sql: `
ALTER TABLE page ADD COLUMN source TEXT;
ALTER TABLE page ADD COLUMN state TEXT NOT NULL DEFAULT 'captured' CHECK (state IN ('captured', 'cleaned', 'read', 'failed'));
ALTER TABLE page ADD COLUMN error TEXT;
ALTER TABLE page ADD COLUMN clean_sha256 TEXT;
ALTER TABLE page ADD COLUMN ocr_image_sha256 TEXT;
ALTER TABLE page ADD COLUMN text_sha256 TEXT;
ALTER TABLE page ADD COLUMN dpi_assumed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE page ADD COLUMN rotation INTEGER NOT NULL DEFAULT 0;
ALTER TABLE page ADD COLUMN skew REAL;
ALTER TABLE page ADD COLUMN blank INTEGER NOT NULL DEFAULT 0;
ALTER TABLE page ADD COLUMN phash TEXT;
ALTER TABLE page ADD COLUMN thumb_sha256 TEXT;
CREATE INDEX page_state ON page(state);
`,
  },
  {
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
  },
  {
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
  },
  {
    version: 7,
    name: 'accounts: sign-in lockout; recorded deletion of dossiers',
    sql: `
ALTER TABLE user ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE user ADD COLUMN locked_until TEXT;
ALTER TABLE dossier ADD COLUMN deleted_at TEXT;
ALTER TABLE dossier ADD COLUMN deleted_by TEXT;
ALTER TABLE dossier ADD COLUMN deletion_reason TEXT;
CREATE INDEX dossier_live ON dossier(deleted_at);
CREATE INDEX audit_event_at ON audit_event(at);
`,
  },
  {
    version: 9,
    name: 'desk: the scanner settings a dossier was last scanned with, for one-click re-scans',
    sql: `
ALTER TABLE dossier ADD COLUMN scan_profile TEXT;
`,
  },
  {
    version: 11,
    name: 'dashboard: when a dossier was finalized, indexes for the indicators',
    sql: `
ALTER TABLE dossier ADD COLUMN finalized_at TEXT;
UPDATE dossier SET finalized_at = (
  SELECT min(a.at) FROM audit_event a WHERE a.action = 'dossier.finalize' AND a.subject = CAST(dossier.id AS TEXT)
) WHERE status = 'finalized';
UPDATE dossier SET finalized_at = (
  SELECT max(r.signed_at) FROM record r JOIN document doc ON doc.id = r.document_id WHERE doc.dossier_id = dossier.id AND r.signed = 1
) WHERE status = 'finalized' AND finalized_at IS NULL;
CREATE INDEX dossier_kind_received ON dossier(kind, received_date);
CREATE INDEX document_dossier_kind ON document(dossier_id, is_result, reused_from);
CREATE INDEX record_document_signed ON record(document_id, signed);
CREATE INDEX page_quality ON page(document_id, state, blank, ocr_confidence, flags);
CREATE INDEX page_flagged ON page(document_id, flags) WHERE flags <> '[]';
CREATE INDEX page_created ON page(created_at, document_id);
CREATE INDEX audit_event_action_subject ON audit_event(action, subject, actor);
CREATE INDEX archive_folder_line ON archive_folder(batch_id, register_line, document_id);
`,
  },
  {
    version: 10,
    name: 'archive batches: how pages are split, QC approval of dossiers',
    sql: `
ALTER TABLE batch ADD COLUMN separation TEXT NOT NULL DEFAULT 'folders';
ALTER TABLE archive_folder ADD COLUMN approved_by TEXT;
ALTER TABLE archive_folder ADD COLUMN approved_at TEXT;
`,
  },
  {
    version: 13,
    name: 'dashboard: the sync tile and the archive backlog read from indexes alone',
    sql: `
CREATE INDEX outbox_item_state_created ON outbox_item(state, created_at);
CREATE INDEX archive_register_cell ON archive_register_row(year, field, box, batch_id, line, expected_pages);
`,
  },
  {
    version: 15,
    name: 'desk: a screen-size preview of each cleaned page, for the viewer',
    sql: `
ALTER TABLE page ADD COLUMN preview_sha256 TEXT;
`,
  },
  {
    version: 16,
    name: 'archive batches: a batch marked done is running again when a page is added to it; the recent reading rate from an index',
    sql: `
CREATE INDEX archive_folder_document ON archive_folder(document_id, batch_id);
CREATE INDEX job_page_read_done ON job(updated_at) WHERE kind = 'page.read' AND state = 'done';
-- Whoever adds the page (a watched folder, a stream intake, a page replaced at QC): the batch has work again.
CREATE TRIGGER page_reopens_batch AFTER INSERT ON page
BEGIN
  UPDATE batch SET status = 'running'
  WHERE status = 'done' AND id IN (SELECT batch_id FROM archive_folder WHERE document_id = NEW.document_id);
END;
`,
  },
  {
    version: 18,
    name: 'agency: each dossier keeps the agency identity it was taken in under; an archive batch its original issuing agency',
    sql: `
-- JSON of AgencyIdentity (src/shared/agency.ts); NULL for dossiers taken in before the agency was a setting.
ALTER TABLE dossier ADD COLUMN agency TEXT;
ALTER TABLE batch ADD COLUMN issuing_agency TEXT;
`,
  },
  {
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
  },
  {
    version: 20,
    name: 'archive: a batch remembers which sheet(s) of its register workbook it reads, so a resumed run reads the same',
    sql: `
ALTER TABLE batch ADD COLUMN register_sheet TEXT;
`,
  },
  {
    version: 22,
    name: 'archive: a register row may name the agency that issued the paper, over the one set for its batch',
    sql: `
ALTER TABLE archive_register_row ADD COLUMN issuing_agency TEXT;
`,
  },
];
