import type { Migration } from './migration';

export const migration: Migration = {
  version: 9,
  name: 'desk: the scanner settings a dossier was last scanned with, for one-click re-scans',
  sql: `
ALTER TABLE dossier ADD COLUMN scan_profile TEXT;
`,
};
