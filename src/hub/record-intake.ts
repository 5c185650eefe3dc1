import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { Receipt, RecordDescriptor } from '../shared/sync-protocol';
import type { BlobStorage } from './blob-storage';
import { toStoredReceipt, versionKey, type HubRecordRepository } from './hub-record-repository';
import { checkDeclaredMetadata, refuseResultWithoutXmp } from './declared-metadata';
import type { RecordVerifier } from './record-verifier';
import type { RecordCommitter } from './record-committer';
import {
  HubError,
  HashMismatchError,
  NotPdfError,
  SignatureInvalidError,
  SizeMismatchError,
  TooLargeError,
  UploadRequiredError,
} from './sync-errors';

/** One record of a batch as it arrived: what it declares, its bytes, their SHA-256. */
export interface ReceivedRecord {
  record: RecordDescriptor;
  bytes: Buffer;
  sha256: string;
}

export interface IntakeContext {
  records: HubRecordRepository;
  /** Commits a record and the hand-back it carries in one transaction; a repeated version's hand-back is noted again there too. */
  commits: RecordCommitter;
  blobs: BlobStorage;
  verifier: RecordVerifier;
  maxRecordBytes: number;
}

/**
 * The checks every record passes before the hub acknowledges it, whether it came by upload or in a
 * bag: declared size and SHA-256 against the bytes, then the PDF signature, then the declared metadata
 * against the signed PDF's XMP. The blob is stored only
 * after the checks and the row only after the blob, so a failure leaves nothing behind.
 */
export class RecordIntake {
  constructor(private readonly ctx: IntakeContext) {}

  async acceptFile(workstationId: string, record: RecordDescriptor, path: string, source: 'upload' | 'bag'): Promise<Receipt> {
    const existing = await this.existing(workstationId, record);
    if (existing) return existing;
    const { size } = await stat(path);
    this.checkSize(record, size);
    const bytes = await readFile(path);
    const sha256 = await this.check(record, bytes, createHash('sha256').update(bytes).digest('hex'));
    await this.ctx.blobs.adoptFile(sha256, path, { move: source === 'upload' });
    return this.ctx.commits.commit(workstationId, record, source);
  }

  /**
   * The same checks on bytes received in one request, whose SHA-256 was computed as they arrived.
   * The caller has already looked for an existing version (before reading the body).
   */
  async acceptBytes(workstationId: string, record: RecordDescriptor, bytes: Buffer, receivedSha256: string): Promise<Receipt> {
    this.checkSize(record, bytes.length);
    const sha256 = await this.check(record, bytes, receivedSha256);
    await this.ctx.blobs.putBytes(sha256, bytes);
    return this.ctx.commits.commit(workstationId, record, 'upload');
  }

  /**
   * A batch: one lookup of the versions already stored, the same checks as `acceptBytes` on each new
   * one (verified and stored concurrently), then one commit for all that passed. A refused record
   * has its coded error in its place and does not stop the others; a failure of the store itself
   * fails the whole batch, which the workstation sends again.
   */
  async acceptBatch(workstationId: string, received: readonly ReceivedRecord[]): Promise<(Receipt | HubError)[]> {
    const stored = await this.ctx.records.findMany(
      workstationId,
      received.map((r) => r.record),
    );
    const outcomes: (Receipt | HubError)[] = new Array(received.length);
    const passed: number[] = [];
    // Settled, not all: every check and write is over before this returns or throws, so the caller
    // may reuse the buffer the bytes are in.
    const settled = await Promise.allSettled(
      received.map(async ({ record, bytes, sha256 }, i) => {
        const row = stored.get(versionKey(record.documentKey, record.version));
        if (row) return void (outcomes[i] = toStoredReceipt(row, record));
        try {
          this.checkSize(record, bytes.length);
          await this.ctx.blobs.putBytes(await this.check(record, bytes, sha256), bytes);
          passed.push(i);
        } catch (e) {
          if (!(e instanceof HubError)) throw e;
          outcomes[i] = e;
        }
      }),
    );
    const failure = settled.find((r) => r.status === 'rejected');
    if (failure) throw failure.reason;
    passed.sort((a, b) => a - b);
    // The versions already stored bring the hand-backs they now carry, in the same transaction as the new ones.
    const repeated = received.filter((_, i) => outcomes[i] !== undefined && !(outcomes[i] instanceof HubError)).map((r) => r.record);
    const committed = await this.ctx.commits.commitMany(
      workstationId,
      passed.map((i) => received[i]!.record),
      'upload',
      repeated,
    );
    passed.forEach((i, k) => (outcomes[i] = committed[k]!));
    return outcomes;
  }

  /** Commits a record whose bytes this workstation already sent (verified when first stored), or asks for an upload. */
  async acceptKnown(workstationId: string, record: RecordDescriptor): Promise<Receipt> {
    const existing = await this.existing(workstationId, record);
    if (existing) return existing;
    if (!(await this.ctx.blobs.has(record.sha256)) || !(await this.ctx.records.hasBlobReference(record.sha256, workstationId)))
      throw new UploadRequiredError(record.sha256);
    return this.ctx.commits.commit(workstationId, record, 'upload');
  }

  /** The receipt of a version already stored; a repeat commit still brings the hand-back it now carries. */
  async existing(workstationId: string, record: RecordDescriptor): Promise<Receipt | undefined> {
    const receipt = await this.ctx.records.existing(workstationId, record);
    return receipt && this.noted(workstationId, record, receipt);
  }

  private async noted(workstationId: string, record: RecordDescriptor, receipt: Receipt): Promise<Receipt> {
    await this.ctx.commits.commitMany(workstationId, [], 'upload', [record]);
    return receipt;
  }

  checkSize(record: RecordDescriptor, size: number): void {
    if (size > this.ctx.maxRecordBytes) throw new TooLargeError(this.ctx.maxRecordBytes);
    if (size !== record.size) throw new SizeMismatchError(record.size, size);
  }

  private async check(record: RecordDescriptor, bytes: Uint8Array, sha256: string): Promise<string> {
    if (sha256 !== record.sha256) throw new HashMismatchError(record.sha256, sha256);
    const verdict = await this.ctx.verifier.verify(bytes);
    if (!verdict.ok) {
      if (verdict.reason === 'not-pdf') throw new NotPdfError();
      refuseResultWithoutXmp(record, verdict);
      throw new SignatureInvalidError(verdict.detail);
    }
    checkDeclaredMetadata(record, verdict);
    return sha256;
  }
}
