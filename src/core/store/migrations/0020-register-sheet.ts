import type { Migration } from './migration';

export const migration: Migration = {
  version: 20,
  name: 'archive: a batch remembers which sheet(s) of its register workbook it reads, so a resumed run reads the same',
  sql: `
ALTER TABLE batch ADD COLUMN register_sheet TEXT;
`,
};
