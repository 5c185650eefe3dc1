import type { Migration } from './migration';

export const migration: Migration = {
  version: 11,
  name: 'dashboard: when a dossier was finalized, indexes for the indicators',
  sql: `
ALTER TABLE dossier ADD COLUMN finalized_at TEXT;
UPDATE dossier SET finalized_at = (
  SELECT min(a.at) FROM audit_event a WHERE a.action = 'dossier.finalize' AND a.subject = CAST(dossier.id AS TEXT)
) WHERE status = 'finalized';
UPDATE dossier SET finalized_at = (
  SELECT max(r.signed_at) FROM record r JOIN document doc ON doc.id = r.document_id WHERE doc.dossier_id = dossier.id AND r.signed = 1
) WHERE status = 'finalized' AND finalized_at IS NULL;
CREATE INDEX dossier_kind_received ON dossier(kind, received_date);
CREATE INDEX document_dossier_kind ON document(dossier_id, is_result, reused_from);
CREATE INDEX record_document_signed ON record(document_id, signed);
CREATE INDEX page_quality ON page(document_id, state, blank, ocr_confidence, flags);
CREATE INDEX page_flagged ON page(document_id, flags) WHERE flags <> '[]';
CREATE INDEX page_created ON page(created_at, document_id);
CREATE INDEX audit_event_action_subject ON audit_event(action, subject, actor);
CREATE INDEX archive_folder_line ON archive_folder(batch_id, register_line, document_id);
`,
};
