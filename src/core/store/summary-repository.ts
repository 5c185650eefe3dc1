import type { Db } from './database';
import { rebuildSummaries, summaryDifferences, type SummaryDifference } from './summary-check';
import { highestSummaryKey, lowestSummaryKey, sliceDifferences, type SummarySlice } from './summary-slices';

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
