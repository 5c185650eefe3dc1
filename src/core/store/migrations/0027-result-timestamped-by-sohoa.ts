import type { Migration } from './migration';
import { summaryTriggersSql } from '../summary-schema';

const TRIGGERS_OF_23 = [...summaryTriggersSql(23).matchAll(/CREATE TRIGGER (\w+)/g)].map((m) => m[1]!);

/**
 * Whether a record version is SoHoa's document timestamp over a result (result.timestamp) was known only
 * from the audit log: it becomes a column of the version, filled here from those audit entries, and the
 * summaries count it (the dashboard's "results digitized" no longer searches the audit log). The
 * triggers are replaced by their version 27; the UPDATE runs after, so they carry it into the summaries.
 */
export const migration: Migration = {
  version: 27,
  name: 'a record version made by SoHoa’s document timestamp over a result is marked on the version, and the summaries count it',
  sql: `
ALTER TABLE record ADD COLUMN sohoa_timestamped INTEGER NOT NULL DEFAULT 0;
ALTER TABLE document_summary ADD COLUMN latest_timestamped INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dossier_summary ADD COLUMN results_timestamped INTEGER NOT NULL DEFAULT 0;
${TRIGGERS_OF_23.map((name) => `DROP TRIGGER ${name};`).join('\n')}
${summaryTriggersSql(27)}
UPDATE record SET sohoa_timestamped = 1 WHERE id IN (
  SELECT r.id FROM audit_event a JOIN record r ON r.id = json_extract(CASE WHEN json_valid(a.details) THEN a.details END, '$.recordId')
  WHERE a.action = 'result.timestamp' AND a.subject = CAST(r.document_id AS TEXT));
`,
};
