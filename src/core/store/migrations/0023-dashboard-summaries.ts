import type { Migration } from './migration';
import { SUMMARY_TABLES_SQL, summaryFillSql, summaryTriggersSql } from '../summary-schema';

export const migration: Migration = {
  version: 23,
  name: 'dashboard: summaries per document and per dossier, kept by triggers in the same transaction as each write, filled from the rows already there',
  sql: SUMMARY_TABLES_SQL + summaryTriggersSql(23) + summaryFillSql(23),
};
