import type { Migration } from './migration';

export const migration: Migration = {
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
};
