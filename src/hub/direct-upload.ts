import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { DIRECT_UPLOAD, RecordDescriptor, type Receipt } from '../shared/sync-protocol';
import type { RecordIntake } from './record-intake';
import { BadRequestError, SizeMismatchError, TooLargeError } from './sync-errors';

/** The record a direct upload declares in its `sohoa-record` header (base64url JSON). */
export function declaredRecord(req: IncomingMessage, sha256InPath: string): RecordDescriptor {
  const header = req.headers[DIRECT_UPLOAD.header];
  if (typeof header !== 'string') throw new BadRequestError(`the ${DIRECT_UPLOAD.header} header is missing`);
  let record: RecordDescriptor;
  try {
    record = RecordDescriptor.parse(JSON.parse(Buffer.from(header, 'base64url').toString('utf8')));
  } catch {
    throw new BadRequestError(`the ${DIRECT_UPLOAD.header} header is not a record descriptor`);
  }
  if (record.sha256 !== sha256InPath) throw new BadRequestError('the path and the record declare different SHA-256s');
  return record;
}

/** Reads exactly `size` bytes of body (into `into` when it is large enough), passing each chunk to `onChunk` as it arrives; more or fewer is a size mismatch. */
export async function receiveExactly(
  req: IncomingMessage,
  size: number,
  onChunk?: (chunk: Buffer) => void,
  into?: Buffer,
): Promise<Buffer> {
  const bytes = into && into.length >= size ? into.subarray(0, size) : Buffer.allocUnsafe(size);
  let received = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    if (received + chunk.length > size) {
      req.destroy();
      throw new SizeMismatchError(size, received + chunk.length);
    }
    chunk.copy(bytes, received);
    onChunk?.(chunk);
    received += chunk.length;
  }
  if (received !== size) throw new SizeMismatchError(size, received);
  return bytes;
}

/** Reads exactly `size` bytes of body, hashing them as they arrive. */
export async function receiveBody(req: IncomingMessage, size: number): Promise<{ bytes: Buffer; sha256: string }> {
  const hash = createHash('sha256');
  const bytes = await receiveExactly(req, size, (chunk) => hash.update(chunk));
  return { bytes, sha256: hash.digest('hex') };
}

/**
 * A small record in one request: refused before its body is read when the size is wrong, otherwise
 * received and hashed while the hub looks the version up (one PostgreSQL round trip hidden behind
 * the transfer). A version already stored answers its receipt, whatever arrived; a new one goes
 * through the same intake as a tus upload.
 */
export async function acceptDirectUpload(
  intake: RecordIntake,
  workstationId: string,
  req: IncomingMessage,
  sha256InPath: string,
  maxRecordBytes: number,
): Promise<Receipt> {
  const record = declaredRecord(req, sha256InPath);
  const limit = Math.min(maxRecordBytes, DIRECT_UPLOAD.maxBytes);
  if (record.size > limit) throw new TooLargeError(limit);
  const length = Number(req.headers['content-length']);
  if (!Number.isInteger(length)) throw new BadRequestError('a direct upload needs a Content-Length');
  intake.checkSize(record, length);
  const body = receiveBody(req, record.size);
  body.catch(() => undefined); // awaited below unless the lookup answers first
  const existing = await intake.existing(workstationId, record);
  if (existing) return existing;
  const { bytes, sha256 } = await body;
  return intake.acceptBytes(workstationId, record, bytes, sha256);
}
