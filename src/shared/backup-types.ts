/** The Storage section's facts: where the data is, where backups go, and the last backup with its check. */
export interface StorageStatus {
  dataDir: string;
  /** The `backup.destination` setting; empty when none is set. */
  destination: string;
  lastBackup: BackupOutcome | null;
  /** The `backup.schedule` setting. */
  schedule: 'off' | 'daily' | 'weekly';
  /** ISO time the schedule makes the next backup (in the past: at once); null when off or no folder is set. */
  nextBackupAt: string | null;
  /** A backup is being made now (by hand or on schedule). */
  running: boolean;
  /** The last scheduled backup that failed, when none was made since. */
  lastFailure: BackupFailure | null;
}

export interface BackupFailure {
  at: string;
  code: string;
  message: string;
}

export interface BackupOutcome {
  /** ISO time the backup finished. */
  at: string;
  folder: string;
  files: number;
  /** The backup read back against its manifest right after it was written. */
  checked: boolean;
}
