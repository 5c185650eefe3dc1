import type { Migration } from './migration';

export const migration: Migration = {
  version: 4,
  name: 'pipeline state of pages and documents',
  sql: `
ALTER TABLE page ADD COLUMN source TEXT;
ALTER TABLE page ADD COLUMN state TEXT NOT NULL DEFAULT 'captured' CHECK (state IN ('captured', 'cleaned', 'read', 'failed'));
ALTER TABLE page ADD COLUMN error TEXT;
ALTER TABLE page ADD COLUMN clean_sha256 TEXT;
ALTER TABLE page ADD COLUMN ocr_image_sha256 TEXT;
ALTER TABLE page ADD COLUMN text_sha256 TEXT;
ALTER TABLE page ADD COLUMN dpi_assumed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE page ADD COLUMN rotation INTEGER NOT NULL DEFAULT 0;
ALTER TABLE page ADD COLUMN skew REAL;
ALTER TABLE page ADD COLUMN blank INTEGER NOT NULL DEFAULT 0;
ALTER TABLE page ADD COLUMN phash TEXT;
ALTER TABLE page ADD COLUMN thumb_sha256 TEXT;
CREATE INDEX page_state ON page(state);
`,
};
