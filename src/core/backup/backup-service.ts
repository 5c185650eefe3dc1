import { join } from 'node:path';
import type { BackupFailure, BackupOutcome, StorageStatus } from '../../shared/backup-types';
import { CodedError } from '../../shared/errors';
import type { AuditLog } from '../audit/audit-log';
import type { EventBus } from '../event-bus';
import type { WorkstationSettings } from '../settings/workstation-settings';
import type { Store } from '../store/store';
import { backupStore, checkBackup } from './backup';
import { nextBackupDue, type BackupSchedule } from './backup-due';
import { BackupDestinationMissingError, BackupFailedError } from './backup-errors';

const BACKUP_MADE = 'backup.create';
const BACKUP_FAILED = 'backup.fail';
/** Who the audit log names for a backup the schedule made. */
export const SCHEDULED_BACKUP_ACTOR = 'backup-schedule';

export interface BackupServiceContext {
  store: Store;
  settings: WorkstationSettings;
  audit: AuditLog;
  events: EventBus;
  /** The clock: the backup's folder name and time, and when the schedule is due; tests inject one. */
  now: () => Date;
  /** How often the schedule looks whether a backup is due; default a minute. */
  checkEveryMs?: number;
}

/** A folder name per backup, by its time (UTC), so backups never overwrite each other. */
const folderName = (at: Date) => `sohoa-${at.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}`;

/**
 * Backups of the store: by hand (the Storage section's "Sao lưu ngay", with progress) and on the
 * `backup.schedule` (daily or weekly, a missed run made up at start), one at a time. Each backup is
 * read back against its manifest; the audit log keeps every backup and every failed scheduled one.
 */
export class BackupService {
  private running: Promise<BackupOutcome> | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly ctx: BackupServiceContext) {}

  private latest(action: string) {
    return this.ctx.store.audit.list({ action }, 1, 0).rows[0];
  }

  lastBackup(): BackupOutcome | null {
    const row = this.latest(BACKUP_MADE);
    if (!row) return null;
    const details = JSON.parse(row.details || '{}') as Partial<BackupOutcome>;
    return { at: row.at, folder: details.folder ?? row.subject ?? '', files: details.files ?? 0, checked: details.checked ?? false };
  }

  /** The last scheduled backup that failed, when none succeeded since. */
  lastFailure(): BackupFailure | null {
    const row = this.latest(BACKUP_FAILED);
    const made = this.latest(BACKUP_MADE);
    if (!row || (made && made.seq > row.seq)) return null;
    const details = JSON.parse(row.details || '{}') as Partial<BackupFailure>;
    return { at: row.at, code: details.code ?? '', message: details.message ?? '' };
  }

  schedule(): BackupSchedule {
    return this.ctx.settings.value('backup.schedule') as BackupSchedule;
  }

  /** When the schedule makes the next backup; null when it is off or no backup folder is set. */
  nextDue(): Date | null {
    if (!this.ctx.settings.text('backup.destination')) return null;
    const last = this.lastBackup();
    const failure = this.lastFailure();
    return nextBackupDue(this.schedule(), last ? new Date(last.at) : null, failure ? new Date(failure.at) : null, this.ctx.now());
  }

  status(): StorageStatus {
    return {
      dataDir: this.ctx.store.dataDir,
      destination: this.ctx.settings.text('backup.destination'),
      lastBackup: this.lastBackup(),
      schedule: this.schedule(),
      nextBackupAt: this.nextDue()?.toISOString() ?? null,
      running: this.running !== null,
      lastFailure: this.lastFailure(),
    };
  }

  /**
   * Makes a backup now, or joins the one being made: never two at once. Into `folder` itself when given
   * (the command line's own), made after the one being made.
   */
  run(actor: string, folder?: string): Promise<BackupOutcome> {
    if (!this.running) {
      this.running = this.make(actor, folder).finally(() => {
        this.running = null;
      });
      return this.running;
    }
    if (folder === undefined) return this.running;
    return this.running.catch(() => undefined).then(() => this.run(actor, folder));
  }

  /** Makes the scheduled backup when it is due; answers what it made, null when nothing was due. A failure is audited, not thrown. */
  async runIfDue(): Promise<BackupOutcome | null> {
    if (this.running) return null;
    const due = this.nextDue();
    if (!due || due > this.ctx.now()) return null;
    try {
      return await this.run(SCHEDULED_BACKUP_ACTOR);
    } catch (e) {
      const failure = e instanceof CodedError ? e : new BackupFailedError((e as Error)?.message ?? String(e));
      this.ctx.audit.append({
        actor: SCHEDULED_BACKUP_ACTOR,
        action: BACKUP_FAILED,
        subject: failure.code,
        details: { code: failure.code, message: failure.message },
      });
      return null;
    }
  }

  /** Starts the schedule: a missed backup is made up right after start, then the schedule is looked at every minute. */
  startSchedule(): void {
    const check = () => void this.runIfDue().catch(() => undefined);
    setImmediate(check);
    this.timer = setInterval(check, this.ctx.checkEveryMs ?? 60_000).unref();
  }

  /** Stops the schedule; answers a promise only while a backup is being made (the store must stay open until it ends). */
  stop(): Promise<void> | undefined {
    clearInterval(this.timer);
    this.timer = undefined;
    return this.running?.then(
      () => undefined,
      () => undefined,
    );
  }

  private async make(actor: string, into?: string): Promise<BackupOutcome> {
    const destination = this.ctx.settings.text('backup.destination');
    if (!into && !destination) throw new BackupDestinationMissingError();
    const folder = into ?? join(destination, folderName(this.ctx.now()));
    const { files } = await backupStore(this.ctx.store, folder, (done, total) =>
      this.ctx.events.emit('progress', { task: 'backup', label: 'backup', done, total }),
    );
    const checked = checkBackup(folder).ok;
    this.ctx.audit.append({ actor, action: BACKUP_MADE, subject: folder, details: { folder, files, checked } });
    return this.lastBackup()!;
  }
}
