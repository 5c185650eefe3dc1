import type { SyncSendSummary } from '../../shared/sync-send-contract';
import { setTimeout as sleep } from 'node:timers/promises';
import { BATCH_UPLOAD, FINAL_REJECTIONS, type BatchOutcome, type Receipt, type RecordDescriptor } from '../../shared/sync-protocol';
import { CodedError } from '../../shared/errors';
import type { AuditLog } from '../audit/audit-log';
import { recordFactsOf, type RecordFacts } from '../record/record-facts';
import type { BlobStore } from '../store/blob-store';
import { BlobMissingError, BlobTamperedError } from '../store/blob-errors';
import type { OutboxEntry, OutboxRepository } from '../store/outbox-repository';
import { backoffDelay, type BackoffPolicy } from './backoff';
import { BandwidthLimiter } from './bandwidth-limiter';
import type { Agent } from 'node:http';
import type { HubClient } from './hub-client';
import { groupForBatches, uploadBatch } from './batch-uploader';
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

/** What one send did: the contract's own type. */
export type SyncSummary = SyncSendSummary;

export interface SyncContext {
  outbox: OutboxRepository;
  blobs: BlobStore;
  client: HubClient;
  audit?: AuditLog;
  actor?: string;
}

type Outcome =
  | { kind: 'acknowledged'; receipt: Receipt; bytes: number }
  | { kind: 'rejected' }
  | { kind: 'retry' }
  | { kind: 'stop'; code: string; message: string };

const AUTH_CODES = new Set(['sync.unauthorized', 'sync.forbidden']);
/** The hub lost or refused the partial upload: start a fresh one. */
const RESTART_UPLOAD = new Set(['sync.hash-mismatch', 'sync.upload-not-found', 'sync.upload-incomplete']);

/**
 * A record's PDF from the store, or the record's own coded error when its file is gone or altered.
 * The store's AES-GCM tag authenticates the bytes under their SHA-256 name, so an altered file fails
 * there; hashing the bytes again would prove nothing more.
 */
export function readLocalRecord(blobs: BlobStore, entry: OutboxEntry): Buffer {
  try {
    return blobs.get(entry.pdfSha256);
  } catch (e) {
    if (e instanceof BlobTamperedError) throw new LocalRecordCorruptError(entry.recordId, entry.pdfSha256);
    if (e instanceof BlobMissingError) throw new LocalRecordMissingError(entry.recordId, entry.pdfSha256);
    throw e;
  }
}

/** `facts`: the record's pages and kind as its PDF says (recordFactsOf); without them the hub takes the PDF's own. */
export function descriptorOf(entry: OutboxEntry, size: number, facts?: RecordFacts): RecordDescriptor {
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
    isResult: !!entry.isResult,
    ...(facts ? { pageCount: facts.pageCount, documentKind: facts.documentKind } : {}),
    ...(entry.handBackAt
      ? {
          handBack: {
            returnedAt: entry.handBackAt,
            dueDate: entry.handBackDueDate,
            deadline: entry.handBackDeadline,
            onTime: entry.handBackOnTime === null ? null : entry.handBackOnTime === 1,
            workingDaysLate: entry.handBackDaysLate ?? 0,
            lateReason: entry.handBackReason,
          },
        }
      : {}),
  };
}

/** Sends the outbox to the hub: batches, a few records at once, retries with backoff and jitter. */
export class SyncRunner {
  constructor(private readonly ctx: SyncContext) {}

  async run(options: SyncOptions = {}): Promise<SyncSummary> {
    const started = Date.now();
    this.batchesAccepted = true; // the hub may have been upgraded since the last run
    const concurrency = options.concurrency ?? 4;
    // Enough records for a full batch request per connection.
    const batchSize = options.batchSize ?? BATCH_UPLOAD.maxRecords * concurrency;
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
    const link = { limiter, agent, writes, backoff };
    const inFlight = new Set<number>();
    const queue: Prepared[][] = [];
    const running = () => !options.signal?.aborted && !summary.stoppedBy;
    /**
     * Takes the next due records into the queue. The deferred outbox writes are committed first, so
     * a record just acknowledged is not due again; records still being sent are left out.
     */
    const refill = (): boolean => {
      writes.flush();
      const skip = [...attempts.values()].filter((n) => n >= maxAttempts).length + inFlight.size;
      const batch = outbox
        .due(batchSize + skip)
        .filter((e) => usable(e) && !inFlight.has(e.id))
        .slice(0, batchSize);
      // Read no more than the connections can send at once: the rest stay due for the next refill.
      const units = this.unitsOf(batch, concurrency * BATCH_UPLOAD.maxBytes, writes, emit(options));
      for (const unit of units) for (const { entry } of unit) inFlight.add(entry.id);
      queue.push(...units);
      return batch.length > 0;
    };
    // Each connection takes the next request's records as soon as it is free: no waiting for the
    // slowest request of a round before the next begins.
    const worker = async () => {
      while (running()) {
        if (queue.length === 0 && !refill()) return;
        const unit = queue.shift();
        if (!unit) continue; // every record of that batch was refused before sending
        for (const { entry } of unit) attempts.set(entry.id, (attempts.get(entry.id) ?? 0) + 1);
        const outcomes =
          unit.length === 1 && !this.groupable(unit[0]!)
            ? [await this.sendOne(unit[0]!, attempts.get(unit[0]!.entry.id)!, link, options)]
            : await this.sendGroup(unit, attempts, link, options);
        for (const { entry } of unit) inFlight.delete(entry.id);
        for (const outcome of outcomes) {
          if (outcome.kind === 'acknowledged') {
            summary.acknowledged++;
            summary.bytes += outcome.bytes;
            if (outcome.receipt.duplicate) summary.duplicates++;
          } else if (outcome.kind === 'stop') summary.stoppedBy = { code: outcome.code, message: outcome.message };
        }
      }
    };
    try {
      while (running()) {
        await Promise.all(Array.from({ length: concurrency }, worker));
        writes.flush();
        if (!running()) break;
        // Nothing due now: wait for the earliest retry, within the run's deadline.
        const next = outbox
          .list('waiting')
          .filter(usable)
          .map((e) => (e.nextAttemptAt ? Date.parse(e.nextAttemptAt) : Date.now()))
          .sort((a, b) => a - b)[0];
        if (next === undefined || next > deadline) break;
        await sleep(Math.max(0, next - Date.now()) + 5);
      }
    } finally {
      agent.destroy();
      writes.flush();
    }
    outbox.resetInterrupted();
    summary.rejected = outbox
      .list('rejected')
      .map((e) => ({ recordId: e.recordId, code: e.rejectionCode ?? 'sync.rejected', message: e.lastError ?? '' }));
    summary.waiting = outbox.counts().waiting;
    summary.ms = Date.now() - started;
    this.ctx.audit?.append({
      actor: this.ctx.actor ?? 'sync',
      action: 'sync.run',
      subject: this.ctx.client.baseUrl,
      details: {
        acknowledged: summary.acknowledged,
        duplicates: summary.duplicates,
        rejected: summary.rejected.length,
        waiting: summary.waiting,
        bytes: summary.bytes,
        stoppedBy: summary.stoppedBy?.code ?? null,
      },
    });
    if (this.ctx.audit) summary.auditHead = await this.sendAuditHead(this.ctx.audit);
    return summary;
  }

  /**
   * The head after this run's own events goes to the hub, which keeps it: a log cut or rewritten
   * later no longer holds it (docs/security.md). A refusal is reported, not thrown: the records sent stay sent.
   */
  private async sendAuditHead(audit: AuditLog): Promise<NonNullable<SyncSummary['auditHead']>> {
    const head = audit.head();
    try {
      await this.ctx.client.reportAuditHead(head);
      return { sent: true, seq: head.seq };
    } catch (e) {
      const error = e instanceof CodedError ? e : new CodedError('sync.failed', (e as Error).message);
      return { sent: false, code: error.code, message: error.message };
    }
  }

  /** Applies an outbox change and its per-record audit event in one transaction. */
  private recorded(change: () => void, entry: OutboxEntry, action: string, details: Record<string, unknown>): void {
    this.ctx.outbox.inTransaction(this.withAudit(change, entry, action, details));
  }

  /** The outbox change followed by its per-record audit event. */
  private withAudit(change: () => void, entry: OutboxEntry, action: string, details: Record<string, unknown>): () => void {
    return () => {
      change();
      this.ctx.audit?.append({
        actor: this.ctx.actor ?? 'sync',
        action,
        subject: String(entry.recordId),
        details: { dossierCode: entry.dossierCode, version: entry.version, ...details },
      });
    };
  }

  /** False once the hub has shown it has no batch route: the rest of the run sends one by one. */
  private batchesAccepted = true;

  /** A small record goes in a batch and needs no state here before it goes; a larger one resumes from its tus upload. */
  private groupable(p: Prepared): boolean {
    return this.batchesAccepted && p.bytes.length <= DIRECT_UPLOAD_BELOW && !p.entry.uploadUrl;
  }

  /**
   * Reads records' bytes until `maxBytes` are read (rejecting those missing or corrupt here), then
   * groups the small ones for batch requests.
   */
  private unitsOf(batch: OutboxEntry[], maxBytes: number, writes: OutboxWrites, emit: (event: SyncEvent) => void): Prepared[][] {
    const prepared: Prepared[] = [];
    let read = 0;
    for (const entry of batch) {
      if (read >= maxBytes) break;
      const bytes = this.readOrReject(entry, writes, emit);
      if (bytes) prepared.push({ entry, bytes });
      read += bytes?.length ?? 0;
    }
    return [...groupForBatches(prepared.filter((p) => this.groupable(p))), ...prepared.filter((p) => !this.groupable(p)).map((p) => [p])];
  }

  private readOrReject(entry: OutboxEntry, writes: OutboxWrites, emit: (event: SyncEvent) => void): Buffer | undefined {
    const { outbox, blobs } = this.ctx;
    try {
      return readLocalRecord(blobs, entry);
    } catch (e) {
      const error = e instanceof CodedError ? e : new LocalRecordMissingError(entry.recordId, entry.pdfSha256);
      writes.flush();
      this.recorded(() => outbox.reject(entry.id, error.code, error.message), entry, 'sync.record.rejected', {
        code: error.code,
        message: error.message,
      });
      emit({ type: 'rejected', recordId: entry.recordId, code: error.code, message: error.message });
      return undefined;
    }
  }

  private async sendOne({ entry, bytes }: Prepared, attempt: number, link: Link, options: SyncOptions): Promise<Outcome> {
    const { outbox, client } = this.ctx;
    const { writes } = link;
    // A small record is sent in one request and needs no state on this side before it goes; a larger
    // one's upload resumes from what is written here, so that is committed first.
    const direct = bytes.length <= DIRECT_UPLOAD_BELOW && !entry.uploadUrl;
    const sending = this.withAudit(() => outbox.markSending(entry.id, bytes.length), entry, 'sync.record.sent', {
      attempt,
      bytes: bytes.length,
      hub: client.baseUrl,
    });
    if (direct) writes.add(sending);
    else {
      writes.flush();
      outbox.inTransaction(sending);
    }
    const record = descriptorOf(entry, bytes.length, await recordFactsOf(bytes));
    try {
      let receipt: Receipt | undefined;
      if (entry.attempts > 0)
        receipt = await client
          .commit({ record })
          .catch((e: unknown) => (e instanceof HubRefusedError && e.code === 'sync.upload-required' ? undefined : Promise.reject(e)));
      if (!receipt) {
        let reported = 0;
        const onProgress = (sent: number, total: number) => {
          if (sent - reported < 64 * 1024 && sent < total) return;
          reported = sent;
          // The last byte's progress is stored with the acknowledgement.
          if (sent < total) outbox.setProgress(entry.id, sent);
          emit(options)({ type: 'progress', recordId: entry.recordId, bytesSent: sent, bytesTotal: total });
        };
        if (direct) {
          receipt = await uploadRecordDirect(
            { hubUrl: client.baseUrl, authorization: client.authorization, agent: link.agent, limiter: link.limiter },
            record,
            bytes,
            onProgress,
          );
        } else {
          const uploaded = await uploadRecord(
            { hubUrl: client.baseUrl, authorization: client.authorization, outbox, limiter: link.limiter, chunkSize: options.chunkSize },
            entry.id,
            record,
            bytes,
            onProgress,
          );
          receipt = uploaded.receipt ?? (await client.commit({ record, uploadId: uploaded.uploadId }));
        }
      }
      return this.acknowledged({ entry, bytes }, receipt, link, options);
    } catch (e) {
      return this.failed(entry, attempt, e, link, options);
    }
  }

  /**
   * Small records in one request; each gets its own outcome from the hub's answer. A failure of the
   * whole request (network, credential) is each record's failure.
   */
  private async sendGroup(unit: Prepared[], attempts: Map<number, number>, link: Link, options: SyncOptions): Promise<Outcome[]> {
    const { outbox, client } = this.ctx;
    if (!this.batchesAccepted) return this.oneByOne(unit, attempts, link, options);
    for (const { entry, bytes } of unit)
      link.writes.add(
        this.withAudit(() => outbox.markSending(entry.id, bytes.length), entry, 'sync.record.sent', {
          attempt: attempts.get(entry.id),
          bytes: bytes.length,
          hub: client.baseUrl,
        }),
      );
    const items = await Promise.all(
      unit.map(async ({ entry, bytes }) => ({ record: descriptorOf(entry, bytes.length, await recordFactsOf(bytes)), bytes })),
    );
    // The records are the body's tail, in order: one has gone once the body is past its last byte.
    let reported = 0;
    let after = unit.slice(1).reduce((n, p) => n + p.bytes.length, 0);
    const onProgress = (sent: number, total: number) => {
      for (; reported < unit.length && total - after <= sent; reported++) {
        const { entry, bytes } = unit[reported]!;
        emit(options)({ type: 'progress', recordId: entry.recordId, bytesSent: bytes.length, bytesTotal: bytes.length });
        after -= unit[reported + 1]?.bytes.length ?? 0;
      }
    };
    let outcomes: BatchOutcome[] | undefined;
    try {
      outcomes = await uploadBatch(
        { hubUrl: client.baseUrl, authorization: client.authorization, agent: link.agent, limiter: link.limiter },
        items,
        onProgress,
      );
    } catch (e) {
      return unit.map((p) => this.failed(p.entry, attempts.get(p.entry.id)!, e, link, options));
    }
    if (!outcomes) {
      this.batchesAccepted = false;
      return this.oneByOne(unit, attempts, link, options);
    }
    return outcomes.map((o, i) =>
      'receipt' in o
        ? this.acknowledged(unit[i]!, o.receipt, link, options)
        : this.failed(
            unit[i]!.entry,
            attempts.get(unit[i]!.entry.id)!,
            new HubRefusedError(o.error.code, o.error.message, 422, o.error.details),
            link,
            options,
          ),
    );
  }

  private async oneByOne(unit: Prepared[], attempts: Map<number, number>, link: Link, options: SyncOptions): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    for (const p of unit) outcomes.push(await this.sendOne(p, attempts.get(p.entry.id)!, link, options));
    return outcomes;
  }

  private acknowledged({ entry, bytes }: Prepared, receipt: Receipt, link: Link, options: SyncOptions): Outcome {
    link.writes.add(
      this.withAudit(() => this.ctx.outbox.acknowledge(entry.id, JSON.stringify(receipt)), entry, 'sync.record.acknowledged', {
        receiptId: receipt.receiptId,
        duplicate: receipt.duplicate,
        sha256: entry.pdfSha256,
      }),
      () => emit(options)({ type: 'acknowledged', recordId: entry.recordId, receipt }),
    );
    return { kind: 'acknowledged', receipt, bytes: bytes.length };
  }

  /** A refusal that cannot change rejects the record; anything else waits for a retry with backoff. */
  private failed(entry: OutboxEntry, attempt: number, e: unknown, link: Link, options: SyncOptions): Outcome {
    const { outbox } = this.ctx;
    const error = e instanceof CodedError ? e : new CodedError('sync.failed', (e as Error).message);
    link.writes.flush();
    if (error instanceof HubRefusedError && FINAL_REJECTIONS.includes(error.code)) {
      this.recorded(() => outbox.reject(entry.id, error.code, error.message), entry, 'sync.record.rejected', {
        code: error.code,
        message: error.message,
      });
      emit(options)({ type: 'rejected', recordId: entry.recordId, code: error.code, message: error.message });
      return { kind: 'rejected' };
    }
    if (RESTART_UPLOAD.has(error.code)) outbox.setUploadUrl(entry.id, null);
    const inMs = backoffDelay(attempt, link.backoff);
    outbox.retryLater(entry.id, `${error.code}: ${error.message}`, new Date(Date.now() + inMs).toISOString());
    emit(options)({ type: 'retry', recordId: entry.recordId, code: error.code, message: error.message, inMs });
    if (AUTH_CODES.has(error.code)) return { kind: 'stop', code: error.code, message: error.message };
    return { kind: 'retry' };
  }
}

interface Prepared {
  entry: OutboxEntry;
  bytes: Buffer;
}

interface Link {
  limiter?: BandwidthLimiter;
  agent: Agent;
  writes: OutboxWrites;
  backoff: BackoffPolicy;
}

const emit = (options: SyncOptions) => options.onEvent ?? (() => undefined);
