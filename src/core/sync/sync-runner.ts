import { setTimeout as sleep } from 'node:timers/promises';
import { FINAL_REJECTIONS, type Receipt, type RecordDescriptor } from '../../shared/sync-protocol';
import { CodedError } from '../../shared/errors';
import type { AuditLog } from '../audit/audit-log';
import { sha256Hex, type BlobStore } from '../store/blob-store';
import { BlobTamperedError } from '../store/blob-errors';
import type { OutboxEntry, OutboxRepository } from '../store/outbox-repository';
import { backoffDelay, type BackoffPolicy } from './backoff';
import { BandwidthLimiter } from './bandwidth-limiter';
import type { Agent } from 'node:http';
import type { HubClient } from './hub-client';
import { DIRECT_UPLOAD_BELOW, hubAgent, uploadRecordDirect } from './direct-uploader';
import { uploadRecord } from './record-uploader';
import { HubRefusedError, LocalRecordCorruptError, LocalRecordMissingError } from './sync-errors';
import { OutboxWrites } from './outbox-writes';

export interface SyncOptions {
  batchSize?: number;
  concurrency?: number;
  /** Attempts per record within one run before it waits for the next run. */
  maxAttempts?: number;
  backoff?: BackoffPolicy;
  /** How long a run may wait for retries to come due. */
  maxWaitMs?: number;
  bandwidthBytesPerSecond?: number;
  chunkSize?: number;
  onEvent?: (event: SyncEvent) => void;
  signal?: AbortSignal;
}

export type SyncEvent =
  | { type: 'progress'; recordId: number; bytesSent: number; bytesTotal: number }
  | { type: 'acknowledged'; recordId: number; receipt: Receipt }
  | { type: 'rejected'; recordId: number; code: string; message: string }
  | { type: 'retry'; recordId: number; code: string; message: string; inMs: number };

export interface SyncSummary {
  acknowledged: number;
  duplicates: number;
  rejected: { recordId: number; code: string; message: string }[];
  /** Still waiting after this run (the hub unreachable, attempts used up). */
  waiting: number;
  bytes: number;
  ms: number;
  /** Set when the run stopped early (e.g. the credential was refused). */
  stoppedBy?: { code: string; message: string };
}

export interface SyncContext {
  outbox: OutboxRepository;
  blobs: BlobStore;
  client: HubClient;
  audit?: AuditLog;
  actor?: string;
}

type Outcome = { kind: 'acknowledged'; receipt: Receipt; bytes: number } | { kind: 'rejected' } | { kind: 'retry' } | { kind: 'stop'; code: string; message: string };

const AUTH_CODES = new Set(['sync.unauthorized', 'sync.forbidden']);
/** The hub lost or refused the partial upload: start a fresh one. */
const RESTART_UPLOAD = new Set(['sync.hash-mismatch', 'sync.upload-not-found', 'sync.upload-incomplete']);

/** A record's PDF from the store; a file altered on disk (failing its tag or its hash) is a corrupt local record. */
export function readLocalRecord(blobs: BlobStore, entry: OutboxEntry): Buffer {
  let bytes: Buffer;
  try {
    bytes = blobs.get(entry.pdfSha256);
  } catch (e) {
    if (e instanceof BlobTamperedError) throw new LocalRecordCorruptError(entry.recordId, entry.pdfSha256);
    throw e;
  }
  if (sha256Hex(bytes) !== entry.pdfSha256) throw new LocalRecordCorruptError(entry.recordId, entry.pdfSha256);
  return bytes;
}

export function descriptorOf(entry: OutboxEntry, size: number): RecordDescriptor {
  return {
    documentKey: `${entry.dossierCode}/${entry.documentId}`,
    version: entry.version,
    sha256: entry.pdfSha256,
    size,
    dossierCode: entry.dossierCode,
    procedureCode: entry.procedureCode,
    agencyCode: entry.agencyCode,
    year: entry.year,
    status: entry.dossierStatus,
    signedAt: entry.signedAt,
  };
}

/** Sends the outbox to the hub: batches, a few records at once, retries with backoff and jitter. */
export class SyncRunner {
  constructor(private readonly ctx: SyncContext) {}

  async run(options: SyncOptions = {}): Promise<SyncSummary> {
    const started = Date.now();
    const batchSize = options.batchSize ?? 20;
    const concurrency = options.concurrency ?? 4;
    const maxAttempts = options.maxAttempts ?? 5;
    const backoff = options.backoff ?? { baseMs: 500, maxMs: 30_000 };
    const deadline = started + (options.maxWaitMs ?? 60_000);
    const limiter = options.bandwidthBytesPerSecond ? new BandwidthLimiter(options.bandwidthBytesPerSecond) : undefined;
    const { outbox } = this.ctx;
    outbox.enqueueSigned();
    outbox.resetInterrupted();
    const attempts = new Map<number, number>();
    const summary: SyncSummary = { acknowledged: 0, duplicates: 0, rejected: [], waiting: 0, bytes: 0, ms: 0 };
    const usable = (e: OutboxEntry) => (attempts.get(e.id) ?? 0) < maxAttempts;
    const agent = hubAgent(this.ctx.client.baseUrl, concurrency);
    const writes = new OutboxWrites(outbox);
    try {

    while (!options.signal?.aborted && !summary.stoppedBy) {
      const exhausted = [...attempts.values()].filter((n) => n >= maxAttempts).length;
      const batch = outbox.due(batchSize + exhausted).filter(usable).slice(0, batchSize);
      if (batch.length === 0) {
        const next = outbox
          .list('waiting')
          .filter(usable)
          .map((e) => (e.nextAttemptAt ? Date.parse(e.nextAttemptAt) : Date.now()))
          .sort((a, b) => a - b)[0];
        if (next === undefined || next > deadline) break;
        await sleep(Math.max(0, next - Date.now()) + 5);
        continue;
      }
      const queue = [...batch];
      const worker = async () => {
        for (let entry = queue.shift(); entry && !summary.stoppedBy; entry = queue.shift()) {
          const attempt = (attempts.get(entry.id) ?? 0) + 1;
          attempts.set(entry.id, attempt);
          const outcome = await this.sendOne(entry, attempt, backoff, { limiter, agent, writes }, options);
          if (outcome.kind === 'acknowledged') {
            summary.acknowledged++;
            summary.bytes += outcome.bytes;
            if (outcome.receipt.duplicate) summary.duplicates++;
          } else if (outcome.kind === 'stop') summary.stoppedBy = { code: outcome.code, message: outcome.message };
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, batch.length) }, worker));
      writes.flush();
    }
    } finally {
      agent.destroy();
      writes.flush();
    }
    outbox.resetInterrupted();
    summary.rejected = outbox.list('rejected').map((e) => ({ recordId: e.recordId, code: e.rejectionCode ?? 'sync.rejected', message: e.lastError ?? '' }));
    summary.waiting = outbox.counts().waiting;
    summary.ms = Date.now() - started;
    this.ctx.audit?.append({
      actor: this.ctx.actor ?? 'sync',
      action: 'sync.run',
      subject: this.ctx.client.baseUrl,
      details: { acknowledged: summary.acknowledged, duplicates: summary.duplicates, rejected: summary.rejected.length, waiting: summary.waiting, bytes: summary.bytes, stoppedBy: summary.stoppedBy?.code ?? null },
    });
    return summary;
  }

  /** Applies an outbox change and its per-record audit event in one transaction. */
  private recorded(change: () => void, entry: OutboxEntry, action: string, details: Record<string, unknown>): void {
    this.ctx.outbox.inTransaction(this.withAudit(change, entry, action, details));
  }

  /** The outbox change followed by its per-record audit event. */
  private withAudit(change: () => void, entry: OutboxEntry, action: string, details: Record<string, unknown>): () => void {
    return () => {
      change();
      this.ctx.audit?.append({ actor: this.ctx.actor ?? 'sync', action, subject: String(entry.recordId), details: { dossierCode: entry.dossierCode, version: entry.version, ...details } });
    };
  }

  private async sendOne(entry: OutboxEntry, attempt: number, backoff: BackoffPolicy, link: { limiter?: BandwidthLimiter; agent: Agent; writes: OutboxWrites }, options: SyncOptions): Promise<Outcome> {
    const { outbox, blobs, client } = this.ctx;
    const { writes } = link;
    const emit = options.onEvent ?? (() => undefined);
    let bytes: Buffer;
    try {
      if (!blobs.has(entry.pdfSha256)) throw new LocalRecordMissingError(entry.recordId, entry.pdfSha256);
      bytes = readLocalRecord(blobs, entry);
    } catch (e) {
      const error = e instanceof CodedError ? e : new LocalRecordMissingError(entry.recordId, entry.pdfSha256);
      writes.flush();
      this.recorded(() => outbox.reject(entry.id, error.code, error.message), entry, 'sync.record.rejected', { code: error.code, message: error.message });
      emit({ type: 'rejected', recordId: entry.recordId, code: error.code, message: error.message });
      return { kind: 'rejected' };
    }
    // A small record is sent in one request and needs no state on this side before it goes; a larger
    // one's upload resumes from what is written here, so that is committed first.
    const direct = bytes.length <= DIRECT_UPLOAD_BELOW && !entry.uploadUrl;
    const sending = this.withAudit(() => outbox.markSending(entry.id, bytes.length), entry, 'sync.record.sent', { attempt, bytes: bytes.length, hub: client.baseUrl });
    if (direct) writes.add(sending);
    else {
      writes.flush();
      outbox.inTransaction(sending);
    }
    const record = descriptorOf(entry, bytes.length);
    try {
      let receipt: Receipt | undefined;
      if (entry.attempts > 0) receipt = await client.commit({ record }).catch((e: unknown) => (e instanceof HubRefusedError && e.code === 'sync.upload-required' ? undefined : Promise.reject(e)));
      if (!receipt) {
        let reported = 0;
        const onProgress = (sent: number, total: number) => {
          if (sent - reported < 64 * 1024 && sent < total) return;
          reported = sent;
          // The last byte's progress is stored with the acknowledgement.
          if (sent < total) outbox.setProgress(entry.id, sent);
          emit({ type: 'progress', recordId: entry.recordId, bytesSent: sent, bytesTotal: total });
        };
        if (direct) {
          receipt = await uploadRecordDirect({ hubUrl: client.baseUrl, authorization: client.authorization, agent: link.agent, limiter: link.limiter }, record, bytes, onProgress);
        } else {
          const uploaded = await uploadRecord({ hubUrl: client.baseUrl, authorization: client.authorization, outbox, limiter: link.limiter, chunkSize: options.chunkSize }, entry.id, record, bytes, onProgress);
          receipt = uploaded.receipt ?? (await client.commit({ record, uploadId: uploaded.uploadId }));
        }
      }
      const acknowledged = receipt;
      writes.add(
        this.withAudit(() => outbox.acknowledge(entry.id, JSON.stringify(acknowledged)), entry, 'sync.record.acknowledged', { receiptId: receipt.receiptId, duplicate: receipt.duplicate, sha256: entry.pdfSha256 }),
        () => emit({ type: 'acknowledged', recordId: entry.recordId, receipt: acknowledged }),
      );
      return { kind: 'acknowledged', receipt, bytes: bytes.length };
    } catch (e) {
      const error = e instanceof CodedError ? e : new CodedError('sync.failed', (e as Error).message);
      writes.flush();
      if (error instanceof HubRefusedError && FINAL_REJECTIONS.includes(error.code)) {
        this.recorded(() => outbox.reject(entry.id, error.code, error.message), entry, 'sync.record.rejected', { code: error.code, message: error.message });
        emit({ type: 'rejected', recordId: entry.recordId, code: error.code, message: error.message });
        return { kind: 'rejected' };
      }
      if (RESTART_UPLOAD.has(error.code)) outbox.setUploadUrl(entry.id, null);
      const inMs = backoffDelay(attempt, backoff);
      outbox.retryLater(entry.id, `${error.code}: ${error.message}`, new Date(Date.now() + inMs).toISOString());
      emit({ type: 'retry', recordId: entry.recordId, code: error.code, message: error.message, inMs });
      if (AUTH_CODES.has(error.code)) return { kind: 'stop', code: error.code, message: error.message };
      return { kind: 'retry' };
    }
  }
}
