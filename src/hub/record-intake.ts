import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { Receipt, RecordDescriptor } from '../shared/sync-protocol';
import type { BlobStorage } from './blob-storage';
import type { HubRecordRepository } from './hub-record-repository';
import type { RecordVerifier } from './record-verifier';
import { HashMismatchError, NotPdfError, SignatureInvalidError, SizeMismatchError, TooLargeError, UploadRequiredError } from './sync-errors';

export interface IntakeContext {
  records: HubRecordRepository;
  blobs: BlobStorage;
  verifier: RecordVerifier;
  maxRecordBytes: number;
}

/**
 * The checks every record passes before the hub acknowledges it, whether it came by upload or in a
 * bag: declared size and SHA-256 against the bytes, then the PDF signature. The blob is stored only
 * after the checks and the row only after the blob, so a failure leaves nothing behind.
 */
export class RecordIntake {
  constructor(private readonly ctx: IntakeContext) {}

  async acceptFile(workstationId: string, record: RecordDescriptor, path: string, source: 'upload' | 'bag'): Promise<Receipt> {
    const existing = await this.ctx.records.existing(workstationId, record);
    if (existing) return existing;
    const { size } = await stat(path);
    if (size > this.ctx.maxRecordBytes) throw new TooLargeError(this.ctx.maxRecordBytes);
    if (size !== record.size) throw new SizeMismatchError(record.size, size);
    const bytes = await readFile(path);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== record.sha256) throw new HashMismatchError(record.sha256, sha256);
    const verdict = await this.ctx.verifier.verify(bytes);
    if (!verdict.ok) throw verdict.reason === 'not-pdf' ? new NotPdfError() : new SignatureInvalidError(verdict.detail);
    await this.ctx.blobs.adoptFile(sha256, path, { move: source === 'upload' });
    return this.ctx.records.commit(workstationId, record, source);
  }

  /** Commits a record whose bytes the hub already holds (verified when first stored), or asks for an upload. */
  async acceptKnown(workstationId: string, record: RecordDescriptor): Promise<Receipt> {
    const existing = await this.ctx.records.existing(workstationId, record);
    if (existing) return existing;
    if (!(await this.ctx.blobs.has(record.sha256)) || !(await this.ctx.records.hasBlobReference(record.sha256))) throw new UploadRequiredError(record.sha256);
    return this.ctx.records.commit(workstationId, record, 'upload');
  }
}
