/** The Storage section's facts: where the data is, where backups go, and the last backup with its check. */
export interface StorageStatus {
  dataDir: string;
  /** The `backup.destination` setting; empty when none is set. */
  destination: string;
  lastBackup: BackupOutcome | null;
}

export interface BackupOutcome {
  /** ISO time the backup finished. */
  at: string;
  folder: string;
  files: number;
  /** The backup read back against its manifest right after it was written. */
  checked: boolean;
}
