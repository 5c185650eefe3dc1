import { encodeBatch } from '../../shared/batch-body';
import { BATCH_UPLOAD, BatchResponse, type BatchOutcome, type RecordDescriptor } from '../../shared/sync-protocol';
import { answerOf, sendToHub, type DirectUploaderContext } from './direct-uploader';
import { HubRefusedError } from './sync-errors';

export interface BatchItem {
  record: RecordDescriptor;
  bytes: Buffer;
}

/**
 * Small records grouped for `POST /records/batch`, in order: a group closes at the hub's record
 * count or byte limit, whichever comes first.
 */
export function groupForBatches<T extends { bytes: Buffer }>(items: readonly T[]): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    if (current.length > 0 && (current.length === BATCH_UPLOAD.maxRecords || bytes + item.bytes.length > BATCH_UPLOAD.maxBytes)) {
      groups.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += item.bytes.length;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/**
 * Sends a group in one request and returns one outcome per record, in order; `undefined` when the
 * hub has no batch route (an older hub), so the caller sends them one by one. A refusal of the whole
 * request (credential, malformed) is thrown as a HubRefusedError.
 */
export async function uploadBatch(
  ctx: DirectUploaderContext,
  items: readonly BatchItem[],
  onProgress: (sent: number, total: number) => void,
): Promise<BatchOutcome[] | undefined> {
  const reply = await sendToHub(
    ctx,
    'POST',
    BATCH_UPLOAD.path,
    { 'content-type': BATCH_UPLOAD.contentType },
    encodeBatch(items),
    onProgress,
  );
  if (reply.status === 404 || reply.status === 405) return undefined;
  const { results } = answerOf(reply, BatchResponse);
  if (results.length !== items.length)
    throw new HubRefusedError('sync.hub-error', `The hub answered ${results.length} outcomes for ${items.length} records`, reply.status);
  return results;
}
