import { CodedError } from '../../shared/errors';
import type { Db } from '../store/database';
import { intakeCounts, qualityCounts, syncCounts, type IndicatorFilter } from '../store/indicator-queries';

export interface Rate {
  count: number;
  of: number;
  /** count / of, or null when there is nothing to count (never a 0 that looks like a fact). */
  rate: number | null;
}

export interface Indicators {
  filter: IndicatorFilter;
  /** Set when the store holds nothing in the filter's range, so zeros are not read as facts. */
  empty: boolean;
  intake: { received: number; fullyDigitized: Rate; resultsDigitized: Rate; reused: Rate };
  quality: { pages: number; read: number; failed: Rate; flagged: Rate; meanConfidence: number | null };
  sync: { waiting: number; sending: number; acknowledged: number; rejected: number; oldestWaitingSince: string | null; oldestWaitingHours: number | null };
}

export class RangeBackwardsError extends CodedError {
  constructor(from: string, to: string) {
    super('stats.range-backwards', `The date range ends (${to}) before it starts (${from})`, { from, to });
  }
}

const rate = (count: number, of: number): Rate => ({ count, of, rate: of > 0 ? count / of : null });

/** The supervisor's indicators, recomputed from the store on every call. */
export function computeIndicators(db: Db, filter: IndicatorFilter = {}, now = new Date()): Indicators {
  if (filter.from && filter.to && filter.to < filter.from) throw new RangeBackwardsError(filter.from, filter.to);
  const intake = intakeCounts(db, filter);
  const quality = qualityCounts(db, filter);
  const sync = syncCounts(db);
  return {
    filter,
    empty: intake.received === 0,
    intake: {
      received: intake.received,
      fullyDigitized: rate(intake.fullyDigitized, intake.received),
      resultsDigitized: rate(intake.resultsDigitized, intake.received),
      reused: rate(intake.reused, intake.received),
    },
    quality: {
      pages: quality.pages,
      read: quality.read,
      failed: rate(quality.failed, quality.pages),
      flagged: rate(quality.flagged, quality.pages),
      meanConfidence: quality.meanConfidence,
    },
    sync: {
      ...sync,
      oldestWaitingHours: sync.oldestWaitingSince ? (now.getTime() - Date.parse(sync.oldestWaitingSince)) / 3_600_000 : null,
    },
  };
}
