import type { AuditLog } from '../audit/audit-log';
import type { Store } from '../store/store';
import { describeDifference, type SummaryDifference } from '../store/summary-check';

type SummaryStore = Pick<Store, 'summaries' | 'transaction'>;

/**
 * Checks the dashboard's summaries against a recount from the base tables and, on any difference,
 * rebuilds them and records it in the audit log: all in one transaction, so no write lands between
 * the check and the rebuild, and the log says what was found.
 */
export function repairSummaries(
  store: SummaryStore,
  audit: AuditLog,
  actor: string,
): { differences: SummaryDifference[]; rebuilt: boolean } {
  return store.transaction(() => {
    const differences = store.summaries.differences();
    if (differences.length === 0) return { differences, rebuilt: false };
    rebuildAndRecord(store, audit, actor, differences);
    return { differences, rebuilt: true };
  });
}

/**
 * Empties the summaries and fills them again from the base tables, and records in the audit log the
 * differences that made it necessary, in one transaction. A difference found earlier stays until this
 * runs (the triggers only add changes to a wrong figure), so the rebuild may follow the check later.
 */
export function rebuildAndRecord(store: SummaryStore, audit: AuditLog, actor: string, differences: SummaryDifference[]): void {
  store.transaction(() => {
    store.summaries.rebuild();
    const perTable: Record<string, number> = {};
    for (const d of differences) perTable[d.table] = (perTable[d.table] ?? 0) + 1;
    audit.append({
      actor,
      action: 'summary.rebuilt',
      details: { differences: differences.length, perTable, first: differences.slice(0, 5).map(describeDifference) },
    });
  });
}
