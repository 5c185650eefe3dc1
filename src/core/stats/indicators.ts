import { addDays } from '../../shared/dates';
import { CodedError } from '../../shared/errors';
import type {
  Backlog,
  BreakdownDimension,
  BreakdownRow,
  Dashboard,
  DrillFigure,
  DrillRow,
  IndicatorFilter,
  IndicatorNotice,
  Indicators,
  Rate,
} from '../../shared/indicators';
import type { LocalClock } from '../store/indicator-queries';
import type { Store } from '../store/store';
import { pastDueBefore, workingCalendar, type WorkingCalendar } from '../../shared/working-calendar';
import { holidayCalendar } from '../result/holiday-calendar';
import { HolidaySettingInvalidError } from '../result/result-errors';

export type { Indicators, Rate } from '../../shared/indicators';

/** What the figures are read from: the store's indicator queries, its settings (the holidays) and its transactions. */
export type FigureStore = Pick<Store, 'indicators' | 'settings' | 'transaction'>;

export class RangeBackwardsError extends CodedError {
  constructor(from: string, to: string) {
    super('stats.range-backwards', `The date range ends (${to}) before it starts (${from})`, { from, to });
  }
}

const rate = (count: number, of: number): Rate => ({ count, of, rate: of > 0 ? count / of : null });

/** Today on this workstation's clock, as ISO `YYYY-MM-DD`, and the day "past due" is counted from on its working calendar. */
export function localClock(now: Date, calendar: WorkingCalendar = workingCalendar()): LocalClock {
  const today = localDay(now);
  return { today, utcOffsetMinutes: -now.getTimezoneOffset(), pastDueBefore: pastDueBefore(calendar, today) };
}

/** The store's working calendar (the administrator's holidays); a setting that cannot be read counts weekends only. */
function storeCalendar(store: FigureStore): WorkingCalendar {
  try {
    return holidayCalendar(store.settings);
  } catch (e) {
    if (e instanceof HolidaySettingInvalidError) return workingCalendar();
    throw e;
  }
}

export function localDay(now: Date): string {
  const mm = String(now.getMonth() + 1).padStart(2, '0');
  const dd = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${mm}-${dd}`;
}

function checkRange(filter: IndicatorFilter): void {
  if (filter.from && filter.to && filter.to < filter.from) throw new RangeBackwardsError(filter.from, filter.to);
}

/** The supervisor's indicators, recomputed from the store on every call. */
export function computeIndicators(store: FigureStore, filter: IndicatorFilter = {}, now = new Date()): Indicators {
  checkRange(filter);
  const clock = localClock(now, storeCalendar(store));
  const today = clock.today;
  const intake = store.indicators.intakeCounts(filter, clock);
  const quality = store.indicators.qualityCounts(filter);
  const sync = store.indicators.syncCounts();
  const notices: IndicatorNotice[] = [];
  if (intake.received === 0) notices.push(store.indicators.hasIntakeDossier() ? 'empty-range' : 'empty-store');
  if ((filter.from && filter.from > today) || (filter.to && filter.to > today)) notices.push('future-range');
  if (intake.received > 0 && intake.hasDueDate === 0) notices.push('no-due-dates');
  return {
    filter,
    today,
    empty: intake.received === 0,
    notices,
    intake: {
      received: intake.received,
      fullyDigitized: rate(intake.fullyDigitized, intake.received),
      resultsDigitized: rate(intake.resultsDigitized, intake.received),
      reused: rate(intake.reused, intake.received),
      onTime: rate(intake.onTime, intake.returnedWithDueDate),
      late: rate(intake.late, intake.returnedWithDueDate),
      openPastDue: rate(intake.openPastDue, intake.hasDueDate),
    },
    quality: {
      pages: quality.pages,
      read: quality.read,
      failed: rate(quality.failed, quality.pages),
      flagged: rate(quality.flagged, quality.pages),
      meanConfidence: quality.meanConfidence,
      flags: quality.flags,
      rescans: null,
      qcApproved: store.indicators.qcApprovedDossiers(),
      qcRejected: null,
    },
    sync: { ...sync, oldestWaitingHours: waitingHours(sync.oldestWaitingSince, now) },
  };
}

const waitingHours = (since: string | null, now: Date) => (since ? (now.getTime() - Date.parse(since)) / 3_600_000 : null);

/** The indicators as of \`now\`: the one figure that moves with the clock, not with the store (kept figures are read again through this). */
export function indicatorsAt(indicators: Indicators, now: Date): Indicators {
  return { ...indicators, sync: { ...indicators.sync, oldestWaitingHours: waitingHours(indicators.sync.oldestWaitingSince, now) } };
}

/** How many of the latest days with archive work the pace is measured over. */
export const PACE_DAYS = 10;

/** The archive backlog against the registers, and the time left at the pace of the latest days of work. */
export function computeBacklog(store: Pick<Store, 'indicators'>): Backlog {
  const registersImported = store.indicators.registerRowCount() > 0;
  const register = registersImported ? store.indicators.backlogCells() : { cells: [], pagesLeft: null, rowsWithoutPageCount: 0 };
  const cells = register.cells;
  const sum = (k: 'registered' | 'captured' | 'digitized' | 'approved' | 'signed') => cells.reduce((s, c) => s + c[k], 0);
  const known = cells.filter((c) => c.expectedPages !== null);
  const perDay = store.indicators.archivePagesPerDay(30);
  const recent = perDay.slice(-PACE_DAYS);
  const pace = recent.length ? recent.reduce((s, d) => s + d.pages, 0) / recent.length : null;
  return {
    registersImported,
    approvalTracked: true,
    cells,
    totals: {
      registered: sum('registered'),
      captured: sum('captured'),
      digitized: sum('digitized'),
      approved: sum('approved'),
      signed: sum('signed'),
      expectedPages: known.length ? known.reduce((s, c) => s + (c.expectedPages ?? 0), 0) : null,
      pagesLeft: register.pagesLeft ?? (registersImported ? 0 : null),
      rowsWithoutPageCount: register.rowsWithoutPageCount,
    },
    resultsDigitized: store.indicators.archiveResultsDigitized(),
    pagesPerDay: perDay,
    pace,
    daysLeft: pace && register.pagesLeft !== null ? register.pagesLeft / pace : null,
  };
}

/** The days shown on the "pages per day" chart: the filter's range, or the 30 days up to today. */
export function chartRange(filter: IndicatorFilter, today: string): { from: string; to: string } {
  const to = filter.to ?? (filter.from && filter.from > today ? addDays(filter.from, 29) : today);
  const from = filter.from ?? addDays(to, -29);
  return { from, to };
}

/** Everything the dashboard opens with, in one call and one read transaction (its parts agree with each other). */
export function computeDashboard(store: FigureStore, filter: IndicatorFilter = {}, now = new Date()): Dashboard {
  return store.transaction(() => {
    const indicators = computeIndicators(store, filter, now);
    const range = chartRange(filter, indicators.today);
    return { indicators, backlog: computeBacklog(store), pagesPerDay: store.indicators.pagesPerDay(filter, range.from, range.to) };
  });
}

export function computeBreakdown(
  store: FigureStore,
  filter: IndicatorFilter,
  dimension: BreakdownDimension,
  now = new Date(),
): BreakdownRow[] {
  checkRange(filter);
  return store.indicators.breakdown(filter, dimension, localClock(now, storeCalendar(store)));
}

export function drillDown(
  store: FigureStore,
  filter: IndicatorFilter,
  figure: DrillFigure,
  page: { limit: number; offset: number },
  now = new Date(),
): { items: DrillRow[]; total: number } {
  checkRange(filter);
  return store.indicators.drillDossiers(filter, figure, localClock(now, storeCalendar(store)), page);
}
