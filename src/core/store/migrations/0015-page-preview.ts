import type { Migration } from './migration';

export const migration: Migration = {
  version: 15,
  name: 'desk: a screen-size preview of each cleaned page, for the viewer',
  sql: `
ALTER TABLE page ADD COLUMN preview_sha256 TEXT;
`,
};
