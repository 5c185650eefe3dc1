import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { BATCH_LENGTH_PREFIX as LENGTH_PREFIX } from '../shared/batch-body';
import { BATCH_UPLOAD, BatchManifest, type BatchResponse, type RecordDescriptor } from '../shared/sync-protocol';
import { receiveExactly } from './direct-upload';
import { versionKey } from './hub-record-repository';
import type { ReceivedRecord, RecordIntake } from './record-intake';
import { BadRequestError, SizeMismatchError, TooLargeError } from './sync-errors';

/** The manifest at the head of a batch body, checked: well formed, no version twice, sizes adding up to the body. */
export function readManifest(body: Buffer): { records: RecordDescriptor[]; dataOffset: number } {
  if (body.length < LENGTH_PREFIX) throw new BadRequestError('the batch has no manifest');
  const manifestLength = body.readUInt32BE(0);
  if (manifestLength > BATCH_UPLOAD.maxManifestBytes || LENGTH_PREFIX + manifestLength > body.length)
    throw new BadRequestError('the batch manifest length is out of bounds');
  let records: RecordDescriptor[];
  try {
    records = BatchManifest.parse(JSON.parse(body.subarray(LENGTH_PREFIX, LENGTH_PREFIX + manifestLength).toString('utf8'))).records;
  } catch {
    throw new BadRequestError(`the batch manifest is not a list of 1 to ${BATCH_UPLOAD.maxRecords} record descriptors`);
  }
  const versions = new Set(records.map((r) => versionKey(r.documentKey, r.version)));
  if (versions.size !== records.length) throw new BadRequestError('the batch names the same record version twice');
  const dataOffset = LENGTH_PREFIX + manifestLength;
  const declared = records.reduce((n, r) => n + r.size, 0);
  if (declared !== body.length - dataOffset) throw new SizeMismatchError(declared, body.length - dataOffset);
  return { records, dataOffset };
}

const BODY_LIMIT = LENGTH_PREFIX + BATCH_UPLOAD.maxManifestBytes + BATCH_UPLOAD.maxBytes;

/**
 * Buffers for batch bodies, kept between requests: a fresh 4 MB buffer per request costs page faults
 * and garbage collection at a rate of hundreds a second. A buffer goes back only when nothing holds
 * its bytes any more (the intake settles every check and write before it answers).
 */
const spareBodies: Buffer[] = [];
const SPARE_BODIES = 8;

/** Receives a whole batch (its size known and bounded before any byte is read) and hands its records to the intake. */
export async function acceptBatchUpload(intake: RecordIntake, workstationId: string, req: IncomingMessage): Promise<BatchResponse> {
  const length = Number(req.headers['content-length']);
  if (!Number.isInteger(length) || length < 0) throw new BadRequestError('a batch upload needs a Content-Length');
  if (length > BODY_LIMIT) throw new TooLargeError(BODY_LIMIT);
  const buffer = spareBodies.pop() ?? Buffer.allocUnsafe(BODY_LIMIT);
  try {
    const body = await receiveExactly(req, length, undefined, buffer);
    const { records, dataOffset } = readManifest(body);
    let offset = dataOffset;
    const received: ReceivedRecord[] = records.map((record) => {
      const bytes = body.subarray(offset, (offset += record.size));
      return { record, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
    });
    const outcomes = await intake.acceptBatch(workstationId, received);
    return { results: outcomes.map((o) => ('receiptId' in o ? { receipt: o } : { error: o.toData() })) };
  } finally {
    if (spareBodies.length < SPARE_BODIES) spareBodies.push(buffer);
  }
}
