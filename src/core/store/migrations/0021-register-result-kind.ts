import type { Migration } from './migration';

export const migration: Migration = {
  version: 21,
  name: "archive: a register row may say the dossier holds its result (the result's kind), so the batch marks the folder's record as the result",
  sql: `
ALTER TABLE archive_register_row ADD COLUMN result_kind TEXT;
`,
};
