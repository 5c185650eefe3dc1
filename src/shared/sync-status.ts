/** What the UI sees of the workstation's sync: counts, runs, and each record's way to the hub. */
export type SyncState = 'waiting' | 'sending' | 'acknowledged' | 'rejected';

export type SyncCounts = Record<SyncState, number>;

export interface SyncRunReport {
  startedAt: string;
  finishedAt: string;
  acknowledged: number;
  rejected: number;
  waiting: number;
  /** Why the run did not send everything (hub unreachable, credential refused…), as a code. */
  error: { code: string; message: string } | null;
  /** The hub refused the audit log's head (`sync.audit-log-rewritten`: the log went back or changed since the last sync). */
  auditHead: { code: string; message: string } | null;
  /**
   * The waiting timestamps (records signed while the authority did not answer) the run could not add
   * before sending, each with its code; documentId null: the round failed as a whole.
   */
  timestamps: { documentId: number | null; code: string; message: string }[];
}

export interface SyncStatus {
  /** False until the workstation is enrolled with a hub. */
  configured: boolean;
  hubUrl: string | null;
  /** The id the hub gave this workstation at enrollment. */
  hubWorkstationId: string | null;
  counts: SyncCounts;
  /** When the oldest record still waiting was queued. */
  oldestWaitingSince: string | null;
  running: boolean;
  lastRun: SyncRunReport | null;
  /** The next scheduled run; null when nothing is scheduled. */
  nextRunAt: string | null;
  intervalMinutes: number;
  /** The night window runs are kept to, as `HH:MM-HH:MM`, or null for any time. */
  window: string | null;
}

export interface RecordSyncState {
  recordId: number;
  documentId: number;
  version: number;
  state: SyncState;
  bytesSent: number;
  bytesTotal: number | null;
  /** 0–100 while sending. */
  percent: number | null;
  receipt: { receiptId: string; storedAt: string } | null;
  rejection: { code: string; message: string } | null;
  /** Why the last attempt failed, when the record waits for a retry. */
  lastError: string | null;
  nextAttemptAt: string | null;
}

/** The engine's `sync.changed` event: one record changed (recordId set), or the run's state (recordId null). */
export interface SyncChangedEvent {
  recordId: number | null;
  state: SyncState | null;
  bytesSent: number | null;
  bytesTotal: number | null;
}
