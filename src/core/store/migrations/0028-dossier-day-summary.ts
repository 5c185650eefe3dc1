import type { Migration } from './migration';
import { DOSSIER_COPIES, summaryTriggersSql } from '../summary-schema';
import { DAY_TABLE_SQL, dayGrouping } from '../summary-day-schema';
import { HOUR_RECOUNT, HOUR_TABLE_SQL } from '../summary-hour-schema';
import { DAY_FLAG_TABLE_SQL, dayFlagGrouping } from '../summary-day-flag-schema';

const TRIGGERS_OF_27 = [...summaryTriggersSql(27).matchAll(/CREATE TRIGGER (\w+)/g)].map((m) => m[1]!);

/**
 * The dashboard's tiles read one row per received day instead of one per dossier: each dossier summary
 * gets a copy of the dossier's columns the figures test (kept by a trigger on the dossier), and the
 * summary per received day is filled from the summaries already there (they equal a recount: `sohoa
 * status --verify`), then kept by triggers on the two summaries. The copies are filled before the
 * triggers are made, so the fill is one pass and the day rows one grouping. The pages per hour (the
 * chart and the archive pace) are counted from the pages once, the pages per flag per day from the
 * documents' flag counts, then both kept by triggers too.
 */
export const migration: Migration = {
  version: 28,
  name: 'dashboard: summaries per received day and pages per hour kept by triggers; each dossier summary holds the dossier columns the figures test',
  sql: `
${TRIGGERS_OF_27.map((name) => `DROP TRIGGER ${name};`).join('\n')}
ALTER TABLE dossier_summary ADD COLUMN received_date TEXT;
ALTER TABLE dossier_summary ADD COLUMN due_date TEXT;
ALTER TABLE dossier_summary ADD COLUMN returned INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dossier_summary ADD COLUMN returned_on_time INTEGER;
ALTER TABLE dossier_summary ADD COLUMN status TEXT;
ALTER TABLE dossier_summary ADD COLUMN live INTEGER NOT NULL DEFAULT 1;
UPDATE dossier_summary SET ${DOSSIER_COPIES.map(([c, of]) => `${c} = ${of('d')}`).join(', ')} FROM dossier d WHERE d.id = dossier_summary.dossier_id;
${DAY_TABLE_SQL}
INSERT INTO dossier_day_summary SELECT * FROM (${dayGrouping('dossier_summary', 'document_summary')}) WHERE true;
${HOUR_TABLE_SQL}
INSERT INTO page_hour_summary SELECT * FROM (${HOUR_RECOUNT}) WHERE true;
${DAY_FLAG_TABLE_SQL}
INSERT INTO dossier_day_flag SELECT * FROM (${dayFlagGrouping('document_flag', 'document_summary', 'dossier_summary')}) WHERE true;
${summaryTriggersSql(28)}
`,
};
