import { realpath } from 'node:fs/promises';
import { CodedError } from '../../../shared/errors';
import type { BatchSummary } from '../../../shared/archive-types';
import type { ContractCall } from '../../contract-call';

/** A batch by its number, or the latest batch taken in from a folder, among those `batch.list` gives. */
export async function findBatch(call: ContractCall, ref: string): Promise<BatchSummary> {
  const batches = await call('batch.list', {});
  const source = /^\d+$/.test(ref) ? null : await realpath(ref).catch(() => ref);
  const found = batches.filter((b) => (source === null ? b.id === Number(ref) : b.source === source)).sort((a, b) => b.id - a.id)[0];
  if (!found) throw new CodedError('batch.not-found', `No archive batch ${ref}`, { ref });
  return found;
}
