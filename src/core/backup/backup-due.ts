/** The `backup.schedule` setting's values. */
export type BackupSchedule = 'off' | 'daily' | 'weekly';

const DAY_MS = 24 * 60 * 60 * 1000;
const EVERY: Record<Exclude<BackupSchedule, 'off'>, number> = { daily: DAY_MS, weekly: 7 * DAY_MS };
/** A scheduled backup that failed (the USB disk unplugged, a full disk) is tried again after this. */
export const BACKUP_RETRY_MS = 60 * 60 * 1000;

/**
 * When the next scheduled backup is due: a day or a week after the last backup (made by hand or on
 * schedule), now when there was none, an hour after a failed attempt; null when the schedule is off.
 * A due time in the past is a missed run, made up at once.
 */
export function nextBackupDue(schedule: BackupSchedule, lastBackupAt: Date | null, lastFailureAt: Date | null, now: Date): Date | null {
  if (schedule === 'off') return null;
  const due = lastBackupAt ? new Date(lastBackupAt.getTime() + EVERY[schedule]) : now;
  if (lastFailureAt && (!lastBackupAt || lastFailureAt > lastBackupAt)) {
    const retry = new Date(lastFailureAt.getTime() + BACKUP_RETRY_MS);
    if (retry > due) return retry;
  }
  return due;
}
