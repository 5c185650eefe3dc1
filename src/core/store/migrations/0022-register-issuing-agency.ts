import type { Migration } from './migration';

export const migration: Migration = {
  version: 22,
  name: 'archive: a register row may name the agency that issued the paper, over the one set for its batch',
  sql: `
ALTER TABLE archive_register_row ADD COLUMN issuing_agency TEXT;
`,
};
