import * as tus from 'tus-js-client';
import { Receipt, UPLOAD_METADATA, type RecordDescriptor } from '../../shared/sync-protocol';
import type { OutboxRepository } from '../store/outbox-repository';
import type { BandwidthLimiter } from './bandwidth-limiter';
import { outboxFingerprint, SqliteUrlStorage } from './sqlite-url-storage';
import { HubRefusedError, HubUnreachableError } from './sync-errors';
import { ThrottledBufferReader } from './throttled-buffer-reader';

export interface UploaderContext {
  hubUrl: string;
  authorization: Record<string, string>;
  outbox: OutboxRepository;
  limiter?: BandwidthLimiter;
  /** Bytes per PATCH request; Infinity sends a record in one request. */
  chunkSize?: number;
  /** Records up to this size go in the creating request (one round trip); larger ones are created first, so even their first bytes can resume. */
  sendWithCreationBelow?: number;
}

export const SEND_WITH_CREATION_BELOW = 256 * 1024;

export interface UploadResult {
  uploadId: string;
  /** The hub's receipt, when it committed the record on the last byte. */
  receipt?: Receipt;
}

/** Sends one record's bytes by tus, resuming from the URL kept in the outbox. */
export async function uploadRecord(
  ctx: UploaderContext,
  outboxId: number,
  record: RecordDescriptor,
  bytes: Buffer,
  onProgress: (sent: number, total: number) => void,
): Promise<UploadResult> {
  const upload = new tus.Upload(bytes, {
    endpoint: new URL('/files', ctx.hubUrl).toString(),
    headers: ctx.authorization,
    metadata: { [UPLOAD_METADATA.sha256]: record.sha256, [UPLOAD_METADATA.record]: JSON.stringify(record) },
    uploadSize: bytes.length,
    chunkSize: ctx.chunkSize ?? Number.POSITIVE_INFINITY,
    retryDelays: null,
    urlStorage: new SqliteUrlStorage(ctx.outbox, ctx.hubUrl),
    fingerprint: async () => outboxFingerprint(outboxId),
    storeFingerprintForResuming: true,
    uploadDataDuringCreation: bytes.length <= (ctx.sendWithCreationBelow ?? SEND_WITH_CREATION_BELOW),
    removeFingerprintOnSuccess: false,
    fileReader: new ThrottledBufferReader(ctx.limiter),
    onProgress,
  });
  const previous = await upload.findPreviousUploads();
  if (previous[0]) upload.resumeFromPreviousUpload(previous[0]);
  const body = await new Promise<string | undefined>((resolve, reject) => {
    upload.options.onSuccess = ({ lastResponse }) => resolve(lastResponse?.getBody());
    upload.options.onError = (e) => reject(toCodedError(e, ctx.hubUrl));
    upload.start();
  });
  const id = upload.url?.split('/').pop();
  if (!id) throw new HubRefusedError('sync.hub-error', 'The hub gave no upload URL', 0);
  return { uploadId: id, receipt: receiptIn(body) };
}

function receiptIn(body: string | undefined): Receipt | undefined {
  try {
    const parsed = Receipt.safeParse(JSON.parse(body ?? ''));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function toCodedError(e: Error | tus.DetailedError, hubUrl: string): Error {
  const response = 'originalResponse' in e ? e.originalResponse : null;
  if (!response) return new HubUnreachableError(hubUrl, e.message.split('\n')[0]!);
  const status = response.getStatus();
  let body: { code?: string; message?: string } = {};
  try {
    body = JSON.parse(response.getBody() ?? '') as typeof body;
  } catch {
    // tus's own errors are plain text
  }
  const code =
    body.code ??
    (status === 413 ? 'sync.too-large' : status === 401 ? 'sync.unauthorized' : status === 403 ? 'sync.forbidden' : 'sync.upload-failed');
  return new HubRefusedError(
    code,
    body.message ?? `Upload refused (${status}): ${(response.getBody() ?? '').trim().slice(0, 200)}`,
    status,
  );
}
