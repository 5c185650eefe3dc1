import type { Migration } from './migration';

export const migration: Migration = {
  version: 18,
  name: 'agency: each dossier keeps the agency identity it was taken in under; an archive batch its original issuing agency',
  sql: `
-- JSON of AgencyIdentity (src/shared/agency.ts); NULL for dossiers taken in before the agency was a setting.
ALTER TABLE dossier ADD COLUMN agency TEXT;
ALTER TABLE batch ADD COLUMN issuing_agency TEXT;
`,
};
