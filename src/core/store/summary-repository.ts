import type { Db } from './database';
import { rebuildSummaries, summaryDifferences, type SummaryDifference } from './summary-check';
import {
  highestSummaryKey,
  keptRows,
  lowestSummaryKey,
  partialSums,
  sliceDifferences,
  type GroupedSummary,
  type SummarySlice,
} from './summary-slices';

/** The dashboard's summary tables, checked against a recount from the base tables and rebuilt from them. */
export class SummaryRepository {
  constructor(private readonly db: Db) {}

  /** Where the summaries and a full recount disagree (at most `limit` of them). */
  differences(limit = Number.POSITIVE_INFINITY): SummaryDifference[] {
    return summaryDifferences(this.db, limit);
  }

  /** The same check over one key range of one summary table. */
  sliceDifferences(slice: SummarySlice): SummaryDifference[] {
    return sliceDifferences(this.db, slice);
  }

  /** A summary keyed by day, as the dossiers of one key range count it (see GroupedTally). */
  partialSums(slice: SummarySlice & { table: GroupedSummary }): Record<string, unknown>[] {
    return partialSums(this.db, slice);
  }

  keptRows(table: GroupedSummary): Record<string, unknown>[] {
    return keptRows(this.db, table);
  }

  highestKey(table: SummarySlice['table']): number {
    return highestSummaryKey(this.db, table);
  }

  lowestKey(table: SummarySlice['table']): number {
    return lowestSummaryKey(this.db, table);
  }

  rebuild(): void {
    rebuildSummaries(this.db);
  }
}
