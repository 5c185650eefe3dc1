import { UsageError } from '../../command';
import { contractCall } from '../../contract-call';
import { printReport, withEngine, type BatchArgs } from './batch-args';
import { findBatch } from './find-batch';

/** `--report BATCH`: where a batch stands (`batch.report`). */
export async function batchReportMode(args: BatchArgs): Promise<number> {
  if (args.positionals.length) throw new UsageError(`unexpected argument '${args.positionals[0]}' with --report`);
  await withEngine(args, async (engine) => {
    const call = contractCall(engine);
    const { id } = await findBatch(call, args.values.report!);
    printReport(args, await call('batch.report', { batchId: id }));
  });
  return 0;
}
