import type { Migration } from './migration';
import { SUMMARY_FILL_SQL, SUMMARY_TABLES_SQL, SUMMARY_TRIGGERS_SQL } from '../summary-schema';

export const migration: Migration = {
  version: 23,
  name: 'dashboard: summaries per document and per dossier, kept by triggers in the same transaction as each write, filled from the rows already there',
  sql: SUMMARY_TABLES_SQL + SUMMARY_TRIGGERS_SQL + SUMMARY_FILL_SQL,
};
