import type { Migration } from './migration';

export const migration: Migration = {
  version: 3,
  name: 'sync',
  sql: `
ALTER TABLE outbox_item ADD COLUMN next_attempt_at TEXT;
ALTER TABLE outbox_item ADD COLUMN bytes_sent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox_item ADD COLUMN bytes_total INTEGER;
ALTER TABLE outbox_item ADD COLUMN rejection_code TEXT;
CREATE INDEX outbox_item_due ON outbox_item(state, next_attempt_at);
`,
};
