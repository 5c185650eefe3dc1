import { BatchService } from '../../../core/archive/batch-service';
import { withEngine, type BatchArgs } from './batch-args';

/** `--pause BATCH` / `--cancel BATCH`: a batch process running it notices within a second. */
export function batchControlMode(args: BatchArgs, status: 'paused' | 'cancelled'): Promise<number> {
  const ref = status === 'paused' ? args.values.pause! : args.values.cancel!;
  return withEngine(args, async (engine) => {
    const { batchId: id, changed, status: now } = await new BatchService(engine).control(ref, status === 'paused' ? 'pause' : 'cancel');
    if (!changed) {
      args.io.err(`sohoa batch: batch ${id} is ${now}; nothing to do`);
      return 0;
    }
    args.io.out(`batch ${id} ${status}`);
    return 0;
  });
}
