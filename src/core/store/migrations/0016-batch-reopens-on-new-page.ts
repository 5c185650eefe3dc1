import type { Migration } from './migration';

export const migration: Migration = {
  version: 16,
  name: 'archive batches: a batch marked done is running again when a page is added to it; the recent reading rate from an index',
  sql: `
CREATE INDEX archive_folder_document ON archive_folder(document_id, batch_id);
CREATE INDEX job_page_read_done ON job(updated_at) WHERE kind = 'page.read' AND state = 'done';
-- Whoever adds the page (a watched folder, a stream intake, a page replaced at QC): the batch has work again.
CREATE TRIGGER page_reopens_batch AFTER INSERT ON page
BEGIN
  UPDATE batch SET status = 'running'
  WHERE status = 'done' AND id IN (SELECT batch_id FROM archive_folder WHERE document_id = NEW.document_id);
END;
`,
};
