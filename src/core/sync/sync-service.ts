import { CodedError } from '../../shared/errors';
import type { RecordSyncState, SyncRunReport, SyncStatus } from '../../shared/sync-status';
import { Receipt } from '../../shared/sync-protocol';
import type { EventBus } from '../event-bus';
import type { OutboxEntry } from '../store/outbox-repository';
import type { SettingsRepository } from '../store/settings-repository';
import { readSetting } from '../settings/read-setting';
import { nextSyncRun, parseSyncWindow, type SyncPlanSettings } from './sync-plan';
import type { SyncEvent } from './sync-runner';
import { SyncScheduler } from './sync-scheduler';
import type { WorkstationSync } from './workstation-sync';

export const SYNC_SETTINGS = {
  intervalMinutes: 'sync.interval-minutes',
  window: 'sync.window',
  bandwidthKbps: 'sync.bandwidth-kbps',
} as const;

export interface SyncServiceContext {
  sync: WorkstationSync;
  settings: SettingsRepository;
  events: EventBus;
  now?: () => Date;
  /**
   * Work each run does first, so what it makes goes with the run: the timestamps of records signed
   * while the authority did not answer. Its failures do not stop the sync (they are tried again next
   * run); the run's report carries them.
   */
  beforeSend?: () => Promise<{ failed: SyncRunReport['timestamps'] }>;
}

function recordState(e: OutboxEntry): RecordSyncState {
  const receipt = e.receipt ? Receipt.safeParse(JSON.parse(e.receipt)) : undefined;
  return {
    recordId: e.recordId,
    documentId: e.documentId,
    version: e.version,
    state: e.state,
    bytesSent: e.bytesSent,
    bytesTotal: e.bytesTotal,
    percent: e.state === 'sending' && e.bytesTotal ? Math.min(100, Math.round((100 * e.bytesSent) / e.bytesTotal)) : null,
    receipt: receipt?.success ? { receiptId: receipt.data.receiptId, storedAt: receipt.data.storedAt } : null,
    rejection: e.state === 'rejected' ? { code: e.rejectionCode ?? 'sync.rejected', message: e.lastError ?? '' } : null,
    lastError: e.state === 'waiting' ? e.lastError : null,
    nextAttemptAt: e.state === 'waiting' ? e.nextAttemptAt : null,
  };
}

/**
 * Sync inside the app: runs on demand and on a schedule (an interval, optionally only inside a
 * night window, sooner with backoff after a failed run), never two at once, and tells the UI
 * about every record that changes.
 */
export class SyncService {
  private readonly scheduler: SyncScheduler;
  private timer: NodeJS.Timeout | undefined;
  private scheduled = false;
  private running = false;
  private failures = 0;
  private lastRun: SyncRunReport | null = null;
  private nextRunAt: Date | null = null;

  constructor(private readonly ctx: SyncServiceContext) {
    this.scheduler = new SyncScheduler(() => this.runOnce(), this.plan().intervalMs);
  }

  private now(): Date {
    return this.ctx.now?.() ?? new Date();
  }

  private plan(): SyncPlanSettings {
    const minutes = Number(readSetting(this.ctx.settings, SYNC_SETTINGS.intervalMinutes));
    return { intervalMs: minutes * 60_000, window: parseSyncWindow(String(readSetting(this.ctx.settings, SYNC_SETTINGS.window))) };
  }

  /** Starts the schedule (the app does; tests and the CLI run on demand). */
  startSchedule(): void {
    this.scheduled = true;
    this.planNext();
  }

  /** Stops the schedule; answers a promise only when a run is still going (the store must stay open until it ends). */
  stop(): Promise<void> | undefined {
    this.scheduled = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.nextRunAt = null;
    return this.running ? this.scheduler.stop() : undefined;
  }

  /** Enrolls this workstation with a hub by the one-time code its administrator issued (under `asName`, else the setting's); the credential replaces any earlier one. */
  async enroll(hubUrl: string, code: string, asName?: string): Promise<SyncStatus> {
    const name = asName ?? String(readSetting(this.ctx.settings, 'workstation.name') || 'workstation');
    await this.ctx.sync.enroll(hubUrl.replace(/\/+$/, ''), code, name);
    return this.status();
  }

  /** Runs now (or joins the run in progress and one more after it) and answers the status after it. */
  async runNow(): Promise<SyncStatus> {
    await this.scheduler.trigger();
    return this.status();
  }

  status(): SyncStatus {
    const { outbox } = this.ctx.sync;
    const credentials = this.ctx.sync.credentials();
    const plan = this.plan();
    return {
      configured: Boolean(credentials),
      hubUrl: credentials?.hubUrl ?? null,
      hubWorkstationId: credentials?.workstationId ?? null,
      counts: outbox.counts(),
      oldestWaitingSince: outbox.oldestWaitingSince(),
      running: this.running,
      lastRun: this.lastRun,
      nextRunAt: this.nextRunAt?.toISOString() ?? null,
      intervalMinutes: plan.intervalMs / 60_000,
      window: String(readSetting(this.ctx.settings, SYNC_SETTINGS.window)) || null,
    };
  }

  records(dossierId: number): RecordSyncState[] {
    return this.ctx.sync.outbox.forDossier(dossierId).map(recordState);
  }

  private planNext(): void {
    clearTimeout(this.timer);
    if (!this.scheduled) return;
    const at = nextSyncRun(this.now(), this.plan(), this.failures);
    this.nextRunAt = at;
    this.timer = setTimeout(() => void this.scheduler.trigger(), Math.max(0, at.getTime() - this.now().getTime()));
    this.timer.unref();
  }

  private emitRun(): void {
    this.ctx.events.emit('sync.changed', { recordId: null, state: null, bytesSent: null, bytesTotal: null });
  }

  private onRecord(e: SyncEvent): void {
    const state = e.type === 'progress' ? 'sending' : e.type === 'retry' ? 'waiting' : e.type;
    const bytes = e.type === 'progress' ? { bytesSent: e.bytesSent, bytesTotal: e.bytesTotal } : { bytesSent: null, bytesTotal: null };
    this.ctx.events.emit('sync.changed', { recordId: e.recordId, state, ...bytes });
  }

  /** The run's work before sending; a failure of the whole round is reported, never thrown. */
  private async timestampsFirst(): Promise<SyncRunReport['timestamps']> {
    try {
      return (await this.ctx.beforeSend?.())?.failed ?? [];
    } catch (e) {
      const code = e instanceof CodedError ? e.code : 'sync.timestamps-failed';
      return [{ documentId: null, code, message: (e as Error).message }];
    }
  }

  private async runOnce(): Promise<void> {
    const startedAt = this.now().toISOString();
    const report = (
      summary: { acknowledged: number; rejected: number; waiting: number },
      error: SyncRunReport['error'],
      auditHead: SyncRunReport['auditHead'] = null,
    ): SyncRunReport => ({ startedAt, finishedAt: this.now().toISOString(), ...summary, error, auditHead, timestamps });
    let timestamps: SyncRunReport['timestamps'] = [];
    this.running = true;
    this.emitRun();
    try {
      timestamps = await this.timestampsFirst();
      if (!this.ctx.sync.credentials()) {
        this.lastRun = report(
          { acknowledged: 0, rejected: 0, waiting: this.ctx.sync.outbox.counts().waiting },
          { code: 'sync.not-enrolled', message: 'This workstation is not enrolled with a hub' },
        );
        return;
      }
      let lastProblem: { code: string; message: string } | null = null;
      const kbps = Number(readSetting(this.ctx.settings, SYNC_SETTINGS.bandwidthKbps));
      const summary = await this.ctx.sync.send({
        maxAttempts: 3,
        maxWaitMs: 10_000,
        bandwidthBytesPerSecond: kbps > 0 ? kbps * 1024 : undefined,
        onEvent: (e) => {
          if (e.type === 'retry') lastProblem = { code: e.code, message: e.message };
          this.onRecord(e);
        },
      });
      const error = summary.stoppedBy ?? (summary.waiting > 0 ? lastProblem : null);
      this.failures = error ? this.failures + 1 : 0;
      const head = summary.auditHead;
      this.lastRun = report(
        { acknowledged: summary.acknowledged, rejected: summary.rejected.length, waiting: summary.waiting },
        error,
        head && !head.sent ? { code: head.code, message: head.message } : null,
      );
    } catch (e) {
      this.failures++;
      const error = e instanceof CodedError ? { code: e.code, message: e.message } : { code: 'sync.failed', message: (e as Error).message };
      this.lastRun = report({ acknowledged: 0, rejected: 0, waiting: this.ctx.sync.outbox.counts().waiting }, error);
    } finally {
      this.running = false;
      this.planNext();
      this.emitRun();
    }
  }
}
