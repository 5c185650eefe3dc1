/** The supervisor's indicators as they travel over the contract (engine → renderer, CLI --json). */
import type { ProgressReport } from './sync-protocol';

export interface IndicatorFilter {
  /** ISO dates, inclusive, on the dossier's received date. */
  from?: string;
  to?: string;
  procedureCode?: string;
  workstationId?: string;
  /** The procedure's field (lĩnh vực). */
  field?: string;
  /** The actor who received the dossier, as written in the audit log. */
  clerk?: string;
}

export interface Rate {
  count: number;
  of: number;
  /** count / of, or null when there is nothing to count (never a 0 that looks like a fact). */
  rate: number | null;
}

/** Statements about the range or the store that the dashboard says in words instead of showing zeros. */
export type IndicatorNotice = 'empty-store' | 'empty-range' | 'future-range' | 'no-register' | 'no-due-dates';

export interface Indicators {
  filter: IndicatorFilter;
  /** The day (local) the figures were computed on; "open past due" is counted against it. */
  today: string;
  /** Set when the store holds nothing in the filter's range, so zeros are not read as facts. */
  empty: boolean;
  notices: IndicatorNotice[];
  intake: {
    received: number;
    fullyDigitized: Rate;
    resultsDigitized: Rate;
    reused: Rate;
    /** Of the dossiers handed back that have a due date: handed back by its last working day. */
    onTime: Rate;
    late: Rate;
    /** Of the dossiers with a due date: not handed back and the due date has passed. */
    openPastDue: Rate;
  };
  quality: {
    pages: number;
    read: number;
    failed: Rate;
    flagged: Rate;
    meanConfidence: number | null;
    /** How many pages carry each flag (low-dpi, blurred, …). */
    flags: { flag: string; pages: number }[];
    /** Re-scans are not recorded by this version of the store: null, never 0. */
    rescans: number | null;
    /** Archive dossiers whose QC approval stands, over the whole store (the archive has no received date). */
    qcApproved: number;
    /** The QC station records no "not passed" decision (such a dossier stays in its queue): null, never 0. */
    qcRejected: number | null;
  };
  sync: {
    waiting: number;
    sending: number;
    acknowledged: number;
    rejected: number;
    oldestWaitingSince: string | null;
    oldestWaitingHours: number | null;
  };
}

export interface BacklogCell {
  year: number | null;
  field: string | null;
  box: string;
  registered: number;
  expectedPages: number | null;
  /** Register rows whose folder has been captured (pages exist). */
  captured: number;
  /** Register rows whose record (PDF) has been assembled. */
  digitized: number;
  /** Register rows whose dossier the QC station approved. */
  approved: number;
  /** Register rows whose record is signed. */
  signed: number;
  pages: number;
}

export interface Backlog {
  /** False until a register has been imported: the backlog is then unknown, not zero. */
  registersImported: boolean;
  /** Whether "approved" is counted: QC approvals are recorded per archive folder, so it is (kept for older readers of the report). */
  approvalTracked: boolean;
  cells: BacklogCell[];
  totals: {
    registered: number;
    captured: number;
    digitized: number;
    approved: number;
    signed: number;
    expectedPages: number | null;
    pagesLeft: number | null;
    rowsWithoutPageCount: number;
  };
  /** Archive dossiers whose result (marked at the QC station) has a signed record. */
  resultsDigitized: number;
  /** Archive pages captured per local day, the last days with work first excluded. */
  pagesPerDay: { day: string; pages: number }[];
  /** Mean pages per day over the last (up to) 10 days on which archive pages were captured. */
  pace: number | null;
  daysLeft: number | null;
}

export type BreakdownDimension = 'workstation' | 'clerk' | 'procedure' | 'field';

export interface BreakdownRow {
  key: string | null;
  label: string | null;
  received: number;
  fullyDigitized: number;
  resultsDigitized: number;
  reused: number;
  onTime: number;
  late: number;
  openPastDue: number;
}

/** The figures a supervisor can click to see the dossiers behind them. */
export const DRILL_FIGURES = [
  'received',
  'fullyDigitized',
  'notFullyDigitized',
  'resultsDigitized',
  'reused',
  'onTime',
  'late',
  'openPastDue',
] as const;
export type DrillFigure = (typeof DRILL_FIGURES)[number];

export interface DrillRow {
  id: number;
  code: string;
  procedureCode: string | null;
  procedureName: string | null;
  receivedDate: string | null;
  dueDate: string | null;
  status: string;
}

/** The hub's province-wide figures, as last fetched; `fresh` is false when the hub could not be reached now. */
export interface ProvinceProgress {
  configured: boolean;
  fresh: boolean;
  fetchedAt: string | null;
  report: ProgressReport | null;
  error: string | null;
}

export interface Dashboard {
  indicators: Indicators;
  backlog: Backlog;
  /** Pages captured per local day in the range (all kinds), for the chart. */
  pagesPerDay: { day: string; pages: number }[];
}
