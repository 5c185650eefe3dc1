import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { EngineHandlers } from '../shared/contract';
import type { FileReader } from './handlers/handler-context';
import { readFilesAsPages } from './intake/read-files';
import { JobRunner } from './jobs/job-runner';
import { pipelineHandlers } from './jobs/pipeline';
import type { PipelineStages } from './jobs/pipeline-stages';
import { closeBatchIfFinished } from './archive/batch-completion';
import { AuditLog, type AuditVerdict } from './audit/audit-log';
import { Accounts } from './auth/accounts';
import { Sessions } from './auth/sessions';
import { parseCatalogCsv } from './catalog/catalog-import';
import { EventBus } from './event-bus';
import { findResourcesDir } from './resources-dir';
import { syncHandlers } from './handlers/sync-handlers';
import { backupHandlers } from './handlers/backup-handlers';
import { batchRunHandlers } from './handlers/batch-run-handlers';
import { auditVerifyHandlers } from './handlers/audit-verify-handlers';
import { BackupService } from './backup/backup-service';
import { AuditAnchor, readAnchorFile } from './audit/audit-anchor';
import { createHandlers } from './service';
import { checkDataKey, subkey, type DataKey } from './security/data-key';
import { auditAnchorPath, dataKeyFromFile, keyFolder } from './security/key-file';
import { ReadablePathPolicy } from './security/readable-path';
import { WorkstationSettings } from './settings/workstation-settings';
import { agencyFromSettings, legacyAgency } from './settings/agency-identity';
import { readSetting } from './settings/read-setting';
import { AgencyMissingError } from './settings/settings-errors';
import type { AgencyIdentity } from '../shared/agency';
import { SyncService } from './sync/sync-service';
import { WorkstationSync } from './sync/workstation-sync';
import { openStore, type Store } from './store/store';
import { repairSummaries } from './stats/summary-repair';
import { checkSummariesInSlices } from './stats/summary-check-in-slices';
import type { Workstation } from './store/workstation-repository';
import { addPendingTimestamps } from './desk/add-pending-timestamps';

export interface EngineOptions {
  dataDir: string;
  /** The data directory's key (the app unwraps it from the OS keychain); else read from its key file. */
  key?: DataKey;
  /** Where the key file is, when no key is given (--key-file); else SOHOA_KEY_FILE or the per-user key folder. */
  keyFile?: string;
  /** Where the audit log's anchor is kept (default: beside the key file, see auditAnchorPath). */
  auditAnchorFile?: string;
  /** Who in-process calls (CLI, tests) run as: the local operator, audited under this name. Connections sign in. */
  actor?: string;
  /** The clock for sign-in, idle lock and lockout; tests inject one. */
  now?: () => Date;
  /** Where resources/ is; the packaged app passes its own. */
  resourcesDir?: string;
  /** Reads page images from files; the engine's own file source by default. */
  readFiles?: FileReader;
  /** When given, the engine works through its pipeline jobs in the background. */
  pipeline?: {
    stages: PipelineStages;
    /** Pages worked on at once; default the `ocr.workers` setting, asked again as jobs end. */
    concurrency?: number;
    /** false: wait for startPipeline() (a batch starts it once admitted). */ autoStart?: boolean;
  };
  /** When true, the engine syncs with its hub on a schedule (the app); otherwise only on demand. */
  syncSchedule?: boolean;
  /** When true, the engine makes the `backup.schedule` backups in the background (the app and browser mode). */
  backupSchedule?: boolean;
  /** The agency for this run only (`--agency … --agency-code …`), over what the settings hold; nothing is saved. */
  agency?: AgencyIdentity;
}

/**
 * The workstation row's placeholder agency. Dossiers taken in before the agency became a setting
 * carry it; new ones carry the agency set up at first run (agency.* settings), or none is taken in.
 */
export const DEFAULT_AGENCY = { name: 'Máy trạm một cửa', agencyCode: '000.00.00.H12', agencyName: 'Bộ phận Một cửa (chưa cấu hình)' };

export function defaultResourcesDir(): string {
  return findResourcesDir(import.meta.url, 'catalog', '../../resources');
}

/** The engine in one process: the store, the audit log, events and the API handlers. */
export class Engine {
  readonly events = new EventBus();
  readonly audit: AuditLog;
  /** The audit log's head, outside the database: what finds events removed from the end of the log. */
  readonly auditAnchor: AuditAnchor;
  private readonly anchorTimer: NodeJS.Timeout;
  readonly handlers: EngineHandlers;
  readonly workstation: Workstation;
  readonly accounts: Accounts;
  readonly sessions: Sessions;
  readonly sync: SyncService;
  readonly backup: BackupService;
  /** The settings through their schema: checked, role-bound, audited. */
  readonly settings: WorkstationSettings;
  private runner: JobRunner | undefined;
  /** Set when a pipeline job found the disk full; the pipeline takes no job until space is back. */
  diskFull: Error | null = null;
  private pipelineStarted = false;
  /** Stops a summary check still running in the background when the engine closes. */
  private readonly closing = new AbortController();

  private constructor(
    readonly store: Store,
    private readonly options: EngineOptions,
    key: DataKey,
  ) {
    this.workstation = store.workstations.ensure(DEFAULT_AGENCY);
    const actor = options.actor ?? 'local';
    const now = options.now ?? (() => new Date());
    this.audit = new AuditLog(store.audit, this.workstation.id, now);
    this.settings = new WorkstationSettings(store, this.audit);
    this.auditAnchor = new AuditAnchor(
      options.auditAnchorFile ?? auditAnchorPath(store.dataDir, { keyFile: options.keyFile }),
      subkey(key, 'audit-anchor'),
    );
    this.startAnchor(join(store.dataDir, 'audit-anchor.json'));
    this.anchorTimer = setInterval(() => this.anchorAudit(), 5_000).unref();
    this.accounts = new Accounts(store, this.audit, now);
    const sessions = new Sessions({ store, audit: this.audit, accounts: this.accounts, system: { kind: 'system', name: actor }, now });
    this.sessions = sessions;
    const workstationSync = new WorkstationSync({
      store,
      audit: this.audit,
      agency: () => this.agency(),
      workstation: this.workstation,
      verifyAudit: () => this.verifyAudit(),
      sessions,
    });
    this.sync = new SyncService({
      sync: workstationSync,
      settings: store.settings,
      events: this.events,
      beforeSend: () => addPendingTimestamps({ store, audit: this.audit, actor }),
    });
    const readablePaths = new ReadablePathPolicy([
      store.dataDir,
      keyFolder(),
      ...(options.keyFile ? [dirname(resolve(options.keyFile))] : []),
    ]);
    const handlers = createHandlers({
      store,
      audit: this.audit,
      events: this.events,
      workstation: this.workstation,
      settings: this.settings,
      agency: () => this.agency(),
      get actor() {
        return sessions.current().name;
      },
      caller: () => sessions.current(),
      accounts: this.accounts,
      sessions,
      readFiles: options.readFiles ?? readFilesAsPages,
      readablePaths,
      now: options.now,
    });
    this.backup = new BackupService({ store, settings: this.settings, audit: this.audit, events: this.events, now });
    this.handlers = {
      ...handlers,
      ...syncHandlers({
        service: this.sync,
        sync: workstationSync,
        events: this.events,
        caller: () => sessions.current(),
        paths: readablePaths,
      }),
      ...backupHandlers(this.backup, { actor: () => sessions.current().name, caller: () => sessions.current(), paths: readablePaths }),
      ...batchRunHandlers(this, () => sessions.current().name, readablePaths),
      ...auditVerifyHandlers({
        verifyAudit: () => this.verifyAudit(),
        reAnchorAudit: (by) => this.reAnchorAudit(by),
        sync: workstationSync,
        actor: () => sessions.current().name,
        caller: () => sessions.current(),
      }),
    };
    if (options.syncSchedule) this.sync.startSchedule();
    if (options.backupSchedule) this.backup.startSchedule();
    if (options.pipeline) {
      this.runner = new JobRunner({
        transaction: store.transaction,
        jobs: store.jobs,
        handlers: pipelineHandlers({
          store,
          stages: options.pipeline.stages,
          events: this.events,
          legacyAgency: legacyAgency(this.workstation),
          actor,
        }),
        concurrency: options.pipeline.concurrency ?? (() => Number(readSetting(store.settings, 'ocr.workers'))),
        onChange: (job, state) => {
          this.events.emit('job.changed', { id: job.id, kind: job.kind, state });
          if (state !== 'leased') this.closeFinishedBatch(job.id, actor);
        },
        onDiskFull: (error) => {
          this.diskFull = error;
        },
      });
      if (options.pipeline.autoStart !== false) this.startPipeline();
    }
  }

  /** The agency new dossiers are taken in under: this run's, else the settings'; null before first-run set-up. */
  agency(): AgencyIdentity | null {
    return this.options.agency ?? agencyFromSettings(this.settings);
  }

  /** The same, or `config.agency-missing`. */
  requireAgency(): AgencyIdentity {
    const agency = this.agency();
    if (!agency) throw new AgencyMissingError();
    return agency;
  }

  /** A batch whose last job just ended is marked done; should that fail, the batch view still shows it done from its pages and jobs. */
  private closeFinishedBatch(jobId: number, actor: string): void {
    try {
      closeBatchIfFinished(this.store, this.audit, actor, jobId);
    } catch {
      // A full disk or a busy store: `sohoa batch` closes it at its end, and the next job tries again.
    }
  }

  /** Starts the pipeline of an engine opened with `autoStart: false`. */
  startPipeline(): void {
    if (this.pipelineStarted) return;
    this.pipelineStarted = true;
    this.runner?.start();
  }

  /** Resolves once no pipeline job is queued or running (jobs that failed for good count as finished; those of a paused or cancelled batch wait). */
  async idle(pollMs = 100): Promise<void> {
    for (;;) {
      if (this.store.jobs.pendingNotHeld() === 0) return;
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }

  static open(options: EngineOptions): Engine {
    const key = options.key
      ? checkDataKey(options.key, 'the key given to the engine')
      : dataKeyFromFile(options.dataDir, { keyFile: options.keyFile });
    const store = openStore(options.dataDir, key);
    const engine = new Engine(store, options, key);
    engine.seedSampleCatalog(options.resourcesDir ?? defaultResourcesDir());
    return engine;
  }

  /** A new store gets the sample catalog (marked as sample) so the desk can start; real catalogs are imported. */
  private seedSampleCatalog(resourcesDir: string): void {
    if (this.store.procedures.count() > 0) return;
    const file = `${resourcesDir}/catalog/sample-procedures.csv`;
    if (!existsSync(file)) return;
    const { procedures } = parseCatalogCsv(readFileSync(file, 'utf8'), true);
    this.store.procedures.upsertMany(procedures);
  }

  /** Stops taking pipeline jobs; resolves once the jobs in hand have finished. The store stays open. */
  async stopPipeline(): Promise<void> {
    const runner = this.runner;
    this.runner = undefined;
    await runner?.stop();
  }

  /**
   * A new log is anchored at once (seq 0), so that a missing anchor always means one was lost. An
   * anchor an earlier version kept inside the data directory moves out, if its seal holds.
   */
  private startAnchor(oldFile: string): void {
    if (this.auditAnchor.read().kind !== 'none') return;
    const old = existsSync(oldFile) ? readAnchorFile(oldFile, (h) => this.auditAnchor.seal(h)) : undefined;
    if (old?.kind === 'head') {
      this.auditAnchor.write(old.head);
      rmSync(oldFile, { force: true });
    } else if (this.audit.head().seq === 0) {
      this.auditAnchor.write(this.audit.head());
    }
  }

  /**
   * Anchors the log at its head again, after the anchor was lost or damaged: only when the chain
   * itself holds, and recorded in the log. Events removed from the end before this go unnoticed,
   * which is why it is an explicit act (`sohoa audit re-anchor`), never automatic.
   */
  reAnchorAudit(actor: string): AuditVerdict {
    const chain = this.audit.chainIntact();
    if (!chain.ok) return chain;
    const before = this.auditAnchor.read().kind;
    this.audit.append({ actor, action: 'audit.re-anchor', details: { anchorWas: before } });
    this.auditAnchor.write(this.audit.head());
    return this.verifyAudit();
  }

  /** The dashboard's summaries checked against a recount from the base tables; on a difference, rebuilt and recorded in the audit log. */
  checkSummaries() {
    return repairSummaries(this.store, this.audit, this.options.actor ?? 'local');
  }

  /**
   * The same check as the app runs it at start: in slices, the engine answering calls in between;
   * on a difference, rebuilt and recorded in the audit log once every slice is read. Stops at close.
   */
  checkSummariesInBackground() {
    return checkSummariesInSlices(this.store, this.audit, this.options.actor ?? 'local', this.closing.signal);
  }

  /** Checks the audit log's chain and, against the anchor, its end. */
  verifyAudit() {
    return this.audit.verify(this.auditAnchor.read());
  }

  /**
   * Moves the anchor to the last committed audit event. Runs from a timer and at close, never inside
   * a transaction; leaves the anchor alone when the log no longer holds the anchored event.
   */
  private anchorAudit(): void {
    const reading = this.auditAnchor.read();
    // A missing, forged or damaged anchor stays as it is: the evidence, until someone re-anchors.
    if (reading.kind !== 'head') return;
    const anchored = reading.head;
    const head = this.audit.headAfter(anchored);
    if (head && (head.seq !== anchored.seq || head.hash !== anchored.hash)) this.auditAnchor.write(head);
  }

  /** Closes the store; with a pipeline running, after the jobs in hand have finished. */
  close(): Promise<void> {
    this.closing.abort();
    const pending = [this.runner?.stop(), this.sync.stop(), this.backup.stop()].filter((p) => p !== undefined);
    const closeStore = () => {
      clearInterval(this.anchorTimer);
      this.anchorAudit();
      this.store.close();
    };
    if (pending.length === 0) {
      closeStore();
      return Promise.resolve();
    }
    return Promise.all(pending).then(closeStore);
  }
}
