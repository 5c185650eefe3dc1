import { HUB_AUDIT_SQL } from './hub-audit-schema';
import { PROGRESS_AGGREGATE_SQL, PROGRESS_FUNCTIONS_V6_SQL, PROGRESS_TRIGGERS_DROP_SQL } from './progress-aggregate-schema';
import { PROGRESS_FIGURE_PART_V9_SQL, PROGRESS_PENDING_SQL, PROGRESS_PENDING_V10_SQL } from './progress-pending-schema';

/** The hub's PostgreSQL schema, versioned in code and applied in order at start. */
export interface HubMigration {
  version: number;
  sql: string;
}

export const hubMigrations: HubMigration[] = [
  {
    version: 1,
    sql: `
CREATE TABLE credential (
  id TEXT PRIMARY KEY,
  workstation_id TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('workstation', 'supervisor')),
  name TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  revoked_at TIMESTAMPTZ
);
CREATE INDEX credential_workstation ON credential (workstation_id);

CREATE TABLE enrollment_code (
  code_hash TEXT PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('workstation', 'supervisor')),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  expires_at TIMESTAMPTZ NOT NULL,
  used_at TIMESTAMPTZ,
  used_by TEXT
);

CREATE TABLE record (
  id BIGSERIAL PRIMARY KEY,
  receipt_id TEXT NOT NULL UNIQUE,
  workstation_id TEXT NOT NULL,
  document_key TEXT NOT NULL,
  version INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  size BIGINT NOT NULL,
  dossier_code TEXT NOT NULL,
  procedure_code TEXT,
  agency_code TEXT,
  year INTEGER,
  status TEXT,
  signed_at TEXT,
  source TEXT NOT NULL CHECK (source IN ('upload', 'bag')),
  received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (workstation_id, document_key, version)
);
CREATE INDEX record_received ON record (received_at);
CREATE INDEX record_sha256 ON record (sha256);
`,
  },
  {
    version: 2,
    sql: `
-- A workstation marks the result of a dossier (kết quả giải quyết) as it sends it.
ALTER TABLE record ADD COLUMN is_result BOOLEAN NOT NULL DEFAULT false;
`,
  },
  {
    version: 3,
    sql: `
-- The hand-back of a dossier (Trả kết quả), as its result records carry it: one row per dossier, the latest word wins.
CREATE TABLE hand_back (
  workstation_id TEXT NOT NULL,
  dossier_code TEXT NOT NULL,
  agency_code TEXT,
  procedure_code TEXT,
  returned_at TIMESTAMPTZ NOT NULL,
  due_date DATE,
  deadline DATE,
  on_time BOOLEAN,
  working_days_late INTEGER NOT NULL DEFAULT 0,
  late_reason TEXT,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (workstation_id, dossier_code)
);
`,
  },
  {
    version: 4,
    sql: `
-- Each audit-log head a workstation sent with a sync (docs/security.md): a later one must extend it.
CREATE TABLE audit_head (
  workstation_id TEXT NOT NULL,
  seq BIGINT NOT NULL CHECK (seq >= 0),
  hash TEXT NOT NULL,
  received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (workstation_id, seq)
);
`,
  },
  {
    version: 5,
    // The province's figures kept per workstation by triggers, in the same transaction as each record's commit (progress-aggregate-schema.ts).
    sql: PROGRESS_AGGREGATE_SQL,
  },
  {
    version: 6,
    // The hub's own audit log: enrolments, revocations, rebuilds of the figures (hub-audit-schema.ts);
    // a record change kept in one statement instead of two (progress-aggregate-schema.ts).
    sql: HUB_AUDIT_SQL + PROGRESS_FUNCTIONS_V6_SQL,
  },
  {
    version: 7,
    // The figures kept by the hub's commit itself, in the statements that write the records and hand-backs
    // (progress-figure-statements.ts): the triggers go.
    sql: PROGRESS_TRIGGERS_DROP_SQL,
  },
  {
    version: 8,
    // Each commit appends what it adds to the figures, insert-only, and a background fold adds it into the kept rows;
    // the figures read are kept plus pending (progress-pending-schema.ts).
    sql: PROGRESS_PENDING_SQL,
  },
  {
    version: 9,
    // Reading the figures with commits pending looks each pending result dossier up by its key (progress-pending-schema.ts).
    sql: PROGRESS_FIGURE_PART_V9_SQL,
  },
  {
    version: 10,
    // A smaller pending row: the total once, the day a date, dimensions by number, a dossier per result record
    // (progress-pending-schema.ts); the rows pending in schema 9's shape are folded first.
    sql: PROGRESS_PENDING_V10_SQL,
  },
];
