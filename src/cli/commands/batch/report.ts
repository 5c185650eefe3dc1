import { UsageError } from '../../command';
import { BatchService } from '../../../core/archive/batch-service';
import { printReport, withEngine, type BatchArgs } from './batch-args';

/** `--report BATCH`: where a batch stands. */
export async function batchReportMode(args: BatchArgs): Promise<number> {
  if (args.positionals.length) throw new UsageError(`unexpected argument '${args.positionals[0]}' with --report`);
  await withEngine(args, async (engine) => printReport(args, await new BatchService(engine).report(args.values.report!)));
  return 0;
}
