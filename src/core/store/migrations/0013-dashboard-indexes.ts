import type { Migration } from './migration';

export const migration: Migration = {
  version: 13,
  name: 'dashboard: the sync tile and the archive backlog read from indexes alone',
  sql: `
CREATE INDEX outbox_item_state_created ON outbox_item(state, created_at);
CREATE INDEX archive_register_cell ON archive_register_row(year, field, box, batch_id, line, expected_pages);
`,
};
