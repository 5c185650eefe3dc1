import type { AuditLog, AuditVerdict } from '../audit/audit-log';
import { AuditRewrittenSinceSyncError } from '../audit/audit-errors';
import type { ErrorData } from '../../shared/errors';
import type { OutboxRepository } from '../store/outbox-repository';
import type { Store } from '../store/store';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { BagTargetExistsError } from './bag-errors';
import { exportBag, type BagExportResult } from './bag-writer';
import { isZipPath, zipBagFolder } from './bag-zip';
import { HubClient } from './hub-client';
import { readSyncCredentials, saveSyncCredentials, type SyncCredentials } from './sync-credentials';
import { NotEnrolledError } from './sync-errors';
import { SyncRunner, type SyncOptions, type SyncSummary } from './sync-runner';

/** What sync uses: the store, the audit log, and the agency a bag names (an open Engine has them all). */
export interface WorkstationSyncParts {
  store: Pick<Store, 'outbox' | 'settings' | 'blobs' | 'transaction'>;
  audit: AuditLog;
  /** The agency as set now, read when a bag is made; null until it is set. */
  agency(): { name: string } | null;
  /** The workstation row, whose placeholder agency a bag names until the agency is set. */
  workstation: { agencyName: string };
  /** The local audit check (`audit verify`): the chain against its anchor. */
  verifyAudit(): AuditVerdict;
  /** Who makes the current call: the signed-in user in the app, the local operator at the CLI. */
  sessions: { current(): { name: string } };
}

/** The engine's sync entry points: enroll, send, export a bag. */
export class WorkstationSync {
  readonly outbox: OutboxRepository;

  constructor(private readonly parts: WorkstationSyncParts) {
    this.outbox = parts.store.outbox;
  }

  credentials(): SyncCredentials | undefined {
    return readSyncCredentials(this.parts.store.settings);
  }

  async enroll(hubUrl: string, code: string, name: string): Promise<SyncCredentials> {
    const enrolled = await HubClient.enroll(hubUrl, code, name);
    const credentials = { hubUrl, token: enrolled.token, workstationId: enrolled.workstationId };
    this.parts.store.transaction(() => {
      saveSyncCredentials(this.parts.store.settings, credentials);
      this.parts.audit.append({
        actor: this.parts.sessions.current().name,
        action: 'sync.enroll',
        subject: hubUrl,
        details: { hubWorkstationId: enrolled.workstationId },
      });
    });
    return credentials;
  }

  async send(options: SyncOptions & { hubUrl?: string } = {}): Promise<SyncSummary> {
    const credentials = this.credentials();
    if (!credentials) throw new NotEnrolledError();
    const client = new HubClient(options.hubUrl ?? credentials.hubUrl, credentials.token);
    return new SyncRunner({ outbox: this.outbox, blobs: this.parts.store.blobs, client, audit: this.parts.audit }).run(options);
  }

  /**
   * The audit log checked as `audit verify` does, then against the last head the hub saw from this
   * workstation: the log must still hold that event, so a log cut or rewritten since the last sync
   * (even by someone with the key, who can forge the local anchor) is told.
   */
  async verifyAuditWithHub(hubUrl?: string): Promise<HubAuditVerdict> {
    const credentials = this.credentials();
    if (!credentials) throw new NotEnrolledError();
    const hubHead = await new HubClient(hubUrl ?? credentials.hubUrl, credentials.token).lastAuditHead();
    const local = this.parts.verifyAudit();
    if (hubHead && !this.parts.audit.holds(hubHead)) {
      const error = new AuditRewrittenSinceSyncError(hubHead, local.events);
      return { ok: false, events: local.events, brokenAt: hubHead.seq, reason: 'rewritten-since-sync', hubHead, error: error.toData() };
    }
    return { ...local, hubHead };
  }

  /** Exports the chosen records, or every record not yet acknowledged, as a bag: the folder `dir`, or a zip when it ends in `.zip`. */
  async exportBag(dir: string, recordIds?: number[]): Promise<BagExportResult> {
    const credentials = this.credentials();
    if (!credentials) throw new NotEnrolledError();
    this.outbox.enqueueSigned();
    const entries = recordIds
      ? this.outbox.list().filter((e) => recordIds.includes(e.recordId))
      : this.outbox.list().filter((e) => e.state !== 'acknowledged');
    const options = {
      workstationId: credentials.workstationId,
      sourceOrganization: this.parts.agency()?.name ?? this.parts.workstation.agencyName,
    };
    let result: BagExportResult;
    if (isZipPath(dir)) {
      if (existsSync(dir)) throw new BagTargetExistsError(dir);
      const work = await mkdtemp(join(dirname(dir), '.sohoa-bag-'));
      try {
        const folder = await exportBag(entries, this.parts.store.blobs, join(work, basename(dir).replace(/\.zip$/i, '')), options);
        await zipBagFolder(folder.dir, dir);
        result = { ...folder, dir };
      } finally {
        await rm(work, { recursive: true, force: true });
      }
    } else result = await exportBag(entries, this.parts.store.blobs, dir, options);
    this.parts.audit.append({
      actor: this.parts.sessions.current().name,
      action: 'sync.export-bag',
      subject: dir,
      details: { records: result.records, bytes: result.bytes },
    });
    return result;
  }
}

/** `audit verify --hub`: the local verdict, or the log no longer holding the head the hub last saw. */
export type HubAuditVerdict =
  | (AuditVerdict & { hubHead: { seq: number; hash: string; receivedAt: string } | null })
  | {
      ok: false;
      events: number;
      brokenAt: number;
      reason: 'rewritten-since-sync';
      hubHead: { seq: number; hash: string; receivedAt: string };
      error: ErrorData;
    };
