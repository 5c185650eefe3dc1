import { contractCall } from '../../contract-call';
import { withEngine, type BatchArgs } from './batch-args';
import { findBatch } from './find-batch';

/** `--pause BATCH` / `--cancel BATCH` (`batch.control`): a batch process running it notices within a second. */
export function batchControlMode(args: BatchArgs, status: 'paused' | 'cancelled'): Promise<number> {
  const ref = status === 'paused' ? args.values.pause! : args.values.cancel!;
  return withEngine(args, async (engine) => {
    const call = contractCall(engine);
    const { id } = await findBatch(call, ref);
    const { changed, batch } = await call('batch.control', { batchId: id, action: status === 'paused' ? 'pause' : 'cancel' });
    if (!changed) {
      args.io.err(`sohoa batch: batch ${id} is ${batch.state}; nothing to do`);
      return 0;
    }
    args.io.out(`batch ${id} ${status}`);
    return 0;
  });
}
